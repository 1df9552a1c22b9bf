package dev.stalecheck.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Parses expressions with the language's precedence, tightest first: unary {@code - ~ !}; {@code * / %};
 * {@code + -}; {@code << >>}; {@code &}; {@code ^}; {@code |}; comparisons (not chained); {@code &&}; {@code ||}.
 */
final class ExprParser {
    private static final BinaryOp[][] LEVELS = {
        {BinaryOp.OR}, {BinaryOp.AND}, null, {BinaryOp.BIT_OR}, {BinaryOp.BIT_XOR}, {BinaryOp.BIT_AND},
        {BinaryOp.SHIFT_LEFT, BinaryOp.SHIFT_RIGHT}, {BinaryOp.ADD, BinaryOp.SUBTRACT},
        {BinaryOp.MULTIPLY, BinaryOp.DIVIDE, BinaryOp.REMAINDER},
    };
    private static final BinaryOp[] COMPARISONS = {BinaryOp.EQUAL, BinaryOp.NOT_EQUAL, BinaryOp.AT_MOST,
        BinaryOp.AT_LEAST, BinaryOp.BELOW, BinaryOp.ABOVE};
    /** Deepest nesting of parentheses and unary operators accepted. */
    private static final int MAX_DEPTH = 200;

    private final TokenStream in;
    private int depth;

    ExprParser(TokenStream in) {
        this.in = in;
    }

    Expr expression() {
        return level(0);
    }

    private Expr level(int k) {
        if (k == LEVELS.length) {
            return unary();
        }
        if (LEVELS[k] == null) {
            return comparison();
        }
        Expr left = level(k + 1);
        while (true) {
            Token t = in.peek();
            BinaryOp op = matching(t, LEVELS[k], BinaryOp::symbol);
            if (op == null) {
                return left;
            }
            in.next();
            left = new Expr.Binary(op, left, level(k + 1), t.position());
        }
    }

    private Expr comparison() {
        Expr left = level(3);
        Token t = in.peek();
        BinaryOp op = matching(t, COMPARISONS, BinaryOp::symbol);
        if (op == null) {
            return left;
        }
        in.next();
        Expr right = level(3);
        if (matching(in.peek(), COMPARISONS, BinaryOp::symbol) != null) {
            throw TokenStream.error(in.peek(), "comparisons cannot be chained: add parentheses or use &&");
        }
        return new Expr.Binary(op, left, right, t.position());
    }

    /** The operator among {@code ops} that symbol token {@code t} spells, or null. */
    private static <T> T matching(Token t, T[] ops, Function<T, String> symbol) {
        if (t.kind() != Token.Kind.SYMBOL) {
            return null;
        }
        for (T op : ops) {
            if (t.text().equals(symbol.apply(op))) {
                return op;
            }
        }
        return null;
    }

    private Expr unary() {
        Token t = in.peek();
        UnaryOp op = matching(t, UnaryOp.values(), UnaryOp::symbol);
        if (op != null) {
            in.next();
            enter(t);
            Expr e = new Expr.Unary(op, unary(), t.position());
            depth--;
            return e;
        }
        return primary();
    }

    private void enter(Token t) {
        if (++depth > MAX_DEPTH) {
            throw TokenStream.error(t, "expression nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Expr primary() {
        Token t = in.peek();
        if (t.kind() == Token.Kind.NUMBER) {
            in.next();
            return new Expr.Num(t.number(), t.position());
        }
        if (t.is("(")) {
            in.next();
            enter(t);
            Expr e = expression();
            depth--;
            in.expect(")", "to close '('");
            return e;
        }
        if (t.kind() != Token.Kind.NAME) {
            throw TokenStream.error(t, "expected an expression, found " + t.describe());
        }
        in.next();
        if (t.text().equals("fault")) {
            return new Expr.Fault(t.position());
        }
        if (t.text().equals("ram")) {
            return ram(t);
        }
        if (in.peek().is(".") && in.peek(1).kind() == Token.Kind.NAME) {
            in.next();
            Token reg = in.next();
            return new Expr.ThreadRegister(t.text(), reg.text(), t.position());
        }
        if (in.peek().is("(") && in.peek().start() == t.end()) {
            return new Expr.Call(t.text(), arguments("the argument list"), t.position());
        }
        return new Expr.Name(t.text(), t.position());
    }

    /** {@code ( arg, ... )}, the opening parenthesis next. */
    List<Expr> arguments(String what) {
        in.expect("(", "to open " + what);
        List<Expr> args = new ArrayList<>();
        if (!in.peek().is(")")) {
            do {
                args.add(argument());
            } while (in.accept(","));
        }
        in.expect(")", "to close " + what);
        return args;
    }

    /** A function argument: an expression, or a word with '-' such as {@code large-page} or {@code normal-nc}. */
    private Expr argument() {
        if (in.peek().kind() == Token.Kind.NAME && in.startsGluedWord()) {
            Token w = in.word("a word");
            return new Expr.Name(w.text(), w.position());
        }
        return expression();
    }

    private Expr ram(Token t) {
        int width = 0;
        if (in.accept(".")) {
            Token w = in.name("a width (b, h, w or d)");
            width = widthOf(w);
        }
        in.expect("[", "after ram");
        Expr from = expression();
        if (in.accept("..")) {
            Expr to = expression();
            in.expect("]", "to close the range");
            return new Expr.RamRange(width, from, to, t.position());
        }
        in.expect("]", "to close the address");
        return new Expr.RamRead(width, from, t.position());
    }

    /** Bytes of a width suffix {@code b h w d}. */
    static int widthOf(Token w) {
        return switch (w.text().toLowerCase(java.util.Locale.ROOT)) {
            case "b" -> 1;
            case "h" -> 2;
            case "w" -> 4;
            case "d" -> 8;
            default -> throw TokenStream.error(w, "unknown width '." + w.text() + "': expected .b, .h, .w or .d");
        };
    }
}
