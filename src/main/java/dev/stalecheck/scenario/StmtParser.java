package dev.stalecheck.scenario;

import dev.stalecheck.program.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses the operations of a {@code thread} or {@code macro} body. Mnemonics and operands are case-insensitive. */
final class StmtParser {
    /** Words that start a top-level declaration: met where an operation should be, the block was not closed. */
    private static final Set<String> DECLARATIONS = Set.of("scenario", "doc", "include", "machine", "ram", "cached",
            "space", "pagetable", "macro", "thread", "device", "expect", "forall", "exists", "show", "explore");
    /** Data-cache operation names, which are written after {@code dc}. */
    private static final Set<String> DC_OPERATIONS = Set.of("cvac", "civac", "ivac", "cvau", "cvap", "zva", "csw",
            "cisw", "isw", "call", "ciall", "iall");
    private static final Set<String> DOMAINS = Set.of("sy", "ish", "ishst", "ishld", "osh", "nsh", "st", "ld",
            "oshst", "oshld", "nshst", "nshld");

    private final TokenStream in;
    private final ExprParser expr;

    StmtParser(TokenStream in, ExprParser expr) {
        this.in = in;
        this.expr = expr;
    }

    /** {@code { op ... }}. */
    List<Stmt> block(String what) {
        Token open = in.expect("{", "to open " + what);
        List<Stmt> out = new ArrayList<>();
        while (true) {
            in.skipSeparators();
            if (in.accept("}")) {
                return out;
            }
            if (in.atEof()) {
                throw TokenStream.error(in.peek(), "missing '}' to close " + what + " (opened at line "
                        + open.position().line() + ", column " + open.position().column() + ")");
            }
            if (startsDeclaration()) {
                throw TokenStream.error(in.peek(), "missing '}' before '" + in.peek().text() + "': " + what
                        + " (opened at line " + open.position().line() + ", column " + open.position().column()
                        + ") is not closed");
            }
            out.add(statement());
        }
    }

    /** Whether the next token starts a top-level declaration ({@code expect}, {@code thread}, {@code ~exists}, ...). */
    private boolean startsDeclaration() {
        Token t = in.peek();
        if (t.is("~")) {
            return in.peek(1).isWord("exists");
        }
        return t.kind() == Token.Kind.NAME && DECLARATIONS.contains(t.text()) && !in.peek(1).is("=")
                && !in.peek(1).is("(");
    }

    private Stmt statement() {
        Token t = in.peek();
        if (t.kind() != Token.Kind.NAME) {
            throw TokenStream.error(t, "expected an operation, found " + t.describe());
        }
        if (in.peek(1).is("=")) {
            return assignment();
        }
        String w = t.text().toLowerCase(Locale.ROOT);
        switch (w) {
            case "load":
                in.next();
                return new Stmt.Load(null, width(), address(), t.position());
            case "store": {
                in.next();
                int width = width();
                Expr a = address();
                in.expect("=", "between the address and the stored value");
                return new Stmt.Store(width, a, expr.expression(), t.position());
            }
            case "wait": {
                in.next();
                int width = width();
                Expr a = address();
                in.expect("==", "between the address and the value waited for");
                return new Stmt.Wait(width, a, expr.expression(), t.position());
            }
            case "dc":
                in.next();
                return dc(t, in.name("a dc operation (cvac, civac, ivac, cvau, cvap, zva, csw, cisw, isw, call, ciall, iall)"));
            case "ic":
                in.next();
                return ic(t, in.name("an ic operation (ivau, iallu, ialluis)").text().toLowerCase(Locale.ROOT));
            case "outer":
                return outer(t);
            case "tlbi":
                return tlbi(t);
            case "smmu":
                if (in.peek(1).isWord("tlbi")) {
                    return smmuTlbi(t);
                }
                break;
            case "dsb":
            case "dmb":
                in.next();
                return barrier(t, w);
            case "isb":
                in.next();
                return new Stmt.Barrier("isb", t.position());
            case "caches":
            case "mmu":
            case "icache":
                in.next();
                return control(t, w);
            case "for":
                return forLoop(t);
            default:
                break;
        }
        Stmt synonym = synonym(t, w);
        if (synonym != null) {
            return synonym;
        }
        if (in.peek(1).is("(")) {
            in.next();
            return new Stmt.Call(t.text(), expr.arguments("the macro call"), t.position());
        }
        throw TokenStream.error(t, "unknown operation '" + t.text() + "'" + hint(w));
    }

    /** What a cache-maintenance name written without its {@code dc} or {@code ic} probably meant. */
    private String hint(String w) {
        boolean icache = in.peek(1).isWord("l1i");
        if (w.equals("iall") && icache || w.equals("iallu") || w.equals("ialluis")) {
            return " (the instruction cache is invalidated by 'ic iallu', or 'ic ialluis' for every cpu)";
        }
        if (w.equals("ivau")) {
            return " (write 'ic ivau [A]')";
        }
        if (DC_OPERATIONS.contains(w)) {
            return " (data-cache operations start with dc: 'dc " + w + " ...')";
        }
        return "";
    }

    private Stmt assignment() {
        Token reg = in.next();
        in.next();
        Token op = in.name("load, fetch or translate");
        String w = op.text().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "load" -> new Stmt.Load(reg.text(), width(), address(), reg.position());
            case "fetch" -> {
                if (in.peek().is(".")) {
                    throw TokenStream.error(in.peek(), "a fetch takes no width suffix: it reads one 32-bit instruction"
                            + " (write '" + reg.text() + " = fetch [A]'); .b, .h, .w and .d are for load and store");
                }
                yield new Stmt.Fetch(reg.text(), address(), reg.position());
            }
            case "translate" -> new Stmt.Translate(reg.text(), address(), reg.position());
            default -> throw TokenStream.error(op, "a register can only be assigned by load, fetch or translate, not '"
                    + op.text() + "'");
        };
    }

    /** An optional {@code .b/.h/.w/.d} suffix; 0 means the machine's {@code word}. */
    private int width() {
        if (in.peek().is(".")) {
            in.next();
            return ExprParser.widthOf(in.name("a width (b, h, w or d)"));
        }
        return 0;
    }

    private Expr address() {
        in.expect("[", "before the address");
        Expr a = expr.expression();
        in.expect("]", "after the address");
        return a;
    }

    private Stmt dc(Token at, Token kind) {
        String k = kind.text().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "cvac" -> new Stmt.DcByAddress(Op.DcKind.CVAC, address(), at.position());
            case "civac" -> new Stmt.DcByAddress(Op.DcKind.CIVAC, address(), at.position());
            case "ivac" -> new Stmt.DcByAddress(Op.DcKind.IVAC, address(), at.position());
            case "cvau" -> new Stmt.DcByAddress(Op.DcKind.CVAU, address(), at.position());
            case "cvap" -> new Stmt.DcByAddress(Op.DcKind.CVAP, address(), at.position());
            case "zva" -> new Stmt.DcByAddress(Op.DcKind.ZVA, address(), at.position());
            case "csw" -> setWay(at, Op.LineAction.CLEAN);
            case "cisw" -> setWay(at, Op.LineAction.CLEAN_INVALIDATE);
            case "isw" -> setWay(at, Op.LineAction.INVALIDATE);
            case "call" -> new Stmt.DcLevel(Op.LineAction.CLEAN, level(), at.position());
            case "ciall" -> new Stmt.DcLevel(Op.LineAction.CLEAN_INVALIDATE, level(), at.position());
            case "iall" -> new Stmt.DcLevel(Op.LineAction.INVALIDATE, level(), at.position());
            default -> throw TokenStream.error(kind, "unknown dc operation '" + kind.text()
                    + "' (expected cvac, civac, ivac, cvau, cvap, zva, csw, cisw, isw, call, ciall or iall)");
        };
    }

    private Stmt setWay(Token at, Op.LineAction action) {
        String level = level();
        in.expect(",", "after the level");
        Expr set = expr.expression();
        in.expect(",", "after the set");
        return new Stmt.DcSetWay(action, level, set, expr.expression(), at.position());
    }

    private String level() {
        String l = in.name("a cache level (l1d, l2, ...)").text().toLowerCase(Locale.ROOT);
        return l.equals("l1") ? "l1d" : l;
    }

    private Stmt ic(Token at, String kind) {
        return switch (kind) {
            case "ivau" -> new Stmt.Ic(Op.IcKind.IVAU, address(), at.position());
            case "iallu" -> new Stmt.Ic(Op.IcKind.IALLU, null, at.position());
            case "ialluis" -> new Stmt.Ic(Op.IcKind.IALLUIS, null, at.position());
            default -> throw TokenStream.error(in.peek(), "unknown ic operation '" + kind + "' (expected ivau, iallu or ialluis)");
        };
    }

    private Stmt outer(Token at) {
        in.next();
        Token k = in.word("an outer operation (clean, inv, flush, flush-all)");
        return switch (k.text().toLowerCase(Locale.ROOT)) {
            case "clean" -> new Stmt.Outer(Op.OuterKind.CLEAN, address(), at.position());
            case "inv" -> new Stmt.Outer(Op.OuterKind.INVALIDATE, address(), at.position());
            case "flush" -> new Stmt.Outer(Op.OuterKind.FLUSH, address(), at.position());
            case "flush-all" -> new Stmt.Outer(Op.OuterKind.FLUSH_ALL, null, at.position());
            default -> throw TokenStream.error(k, "unknown outer operation '" + k.text()
                    + "' (expected clean, inv, flush or flush-all)");
        };
    }

    private Stmt tlbi(Token at) {
        in.next();
        Token k = in.name("a tlbi operation (all, va, asid, ...)");
        String w = k.text().toLowerCase(Locale.ROOT);
        switch (w) {
            case "all":
                return new Stmt.Tlbi(Op.TlbiKind.ALL, null, null, broadcast(), at.position());
            case "vmalle1":
            case "vmalle1is": {
                Token next = in.peek();
                if (next.kind() == Token.Kind.NAME && !ScenarioParser.isReserved(next.text())
                        && !in.peek(1).is("=") && !in.peek(1).is("(") && !in.peek(1).is(".")) {
                    in.next();
                    return new Stmt.Tlbi(Op.TlbiKind.VMALL, null, next, w.endsWith("is"), at.position());
                }
                return new Stmt.Tlbi(Op.TlbiKind.ALL, null, null, w.endsWith("is"), at.position());
            }
            case "va": {
                Expr a = address();
                return new Stmt.Tlbi(Op.TlbiKind.VA, a, null, broadcast(), at.position());
            }
            case "vae1":
            case "vae1is":
            case "vale1":
            case "vale1is": {
                Expr a = address();
                return new Stmt.Tlbi(Op.TlbiKind.VA, a, null, w.endsWith("is"), at.position());
            }
            case "asid":
            case "aside1":
            case "aside1is": {
                Token n = in.peek();
                if (n.kind() != Token.Kind.NAME && n.kind() != Token.Kind.NUMBER) {
                    throw TokenStream.error(n, "expected an ASID number or a table name, found " + n.describe());
                }
                Token target = in.next();
                boolean is = w.endsWith("is") || broadcast();
                return new Stmt.Tlbi(Op.TlbiKind.ASID, null, target, is, at.position());
            }
            case "ipa":
            case "ipas2e1":
            case "ipas2e1is": {
                Token table = in.name("a stage-2 table's name");
                Expr a = address();
                boolean is = w.endsWith("is") || broadcast();
                return new Stmt.Tlbi(Op.TlbiKind.IPA, a, table, is, at.position());
            }
            case "vmall":
            case "vmalls12":
            case "vmalls12e1":
            case "vmalls12e1is": {
                Token table = in.name("a stage-2 table's name");
                boolean is = w.endsWith("is") || broadcast();
                return new Stmt.Tlbi(w.equals("vmall") ? Op.TlbiKind.VMALL : Op.TlbiKind.VMALLS12, null, table, is,
                        at.position());
            }
            default:
                throw TokenStream.error(k, "unknown tlbi operation '" + k.text() + "' (expected all, va, asid or an"
                        + " AArch64 name such as vmalle1is)");
        }
    }

    /** {@code smmu tlbi NAME va [IOVA]}, {@code smmu tlbi NAME asid} or {@code smmu tlbi NAME all}. */
    private Stmt smmuTlbi(Token at) {
        in.next();
        in.next();
        Token name = in.name("an smmu's name");
        Token k = in.name("va, asid or all");
        for (Op.SmmuTlbiKind kind : Op.SmmuTlbiKind.values()) {
            if (k.isWord(kind.word())) {
                return new Stmt.SmmuTlbi(name, kind, kind == Op.SmmuTlbiKind.VA ? address() : null, at.position());
            }
        }
        throw TokenStream.error(k, "unknown smmu tlbi operation '" + k.text() + "' (expected va [IOVA], asid or all)");
    }

    private boolean broadcast() {
        return in.acceptWord("is");
    }

    private Stmt barrier(Token at, String kind) {
        Token d = in.peek();
        if (d.kind() == Token.Kind.NAME && DOMAINS.contains(d.text().toLowerCase(Locale.ROOT)) && !in.peek(1).is("=")
                && !in.peek(1).is("(")) {
            in.next();
            return new Stmt.Barrier(kind + " " + d.text().toLowerCase(Locale.ROOT), at.position());
        }
        return new Stmt.Barrier(kind, at.position());
    }

    private Stmt control(Token at, String what) {
        Op.ControlBit bit = switch (what) {
            case "caches" -> Op.ControlBit.CACHES;
            case "mmu" -> Op.ControlBit.MMU;
            default -> Op.ControlBit.ICACHE;
        };
        Token v = in.name("on or off");
        if (v.isWord("on")) {
            return new Stmt.Control(bit, true, at.position());
        }
        if (v.isWord("off")) {
            return new Stmt.Control(bit, false, at.position());
        }
        throw TokenStream.error(v, "expected on or off after '" + what + "', found " + v.describe());
    }

    private Stmt forLoop(Token at) {
        in.next();
        Token v = in.name("a loop variable");
        in.expectWord("in");
        Expr from = expr.expression();
        in.expect("..", "between the loop bounds");
        Expr to = expr.expression();
        Expr step = null;
        if (in.acceptWord("step")) {
            step = expr.expression();
        }
        return new Stmt.For(v.text(), from, to, step, block("the loop body"), at.position());
    }

    /** ARMv7 CP15 names. */
    private Stmt synonym(Token t, String w) {
        Op.DcKind dc = switch (w) {
            case "dccmvac" -> Op.DcKind.CVAC;
            case "dccimvac" -> Op.DcKind.CIVAC;
            case "dcimvac" -> Op.DcKind.IVAC;
            case "dccmvau" -> Op.DcKind.CVAU;
            default -> null;
        };
        if (dc != null) {
            in.next();
            return new Stmt.DcByAddress(dc, address(), t.position());
        }
        switch (w) {
            case "icimvau":
                in.next();
                return new Stmt.Ic(Op.IcKind.IVAU, address(), t.position());
            case "iciallu":
                in.next();
                return new Stmt.Ic(Op.IcKind.IALLU, null, t.position());
            case "icialluis":
                in.next();
                return new Stmt.Ic(Op.IcKind.IALLUIS, null, t.position());
            case "dccsw":
                in.next();
                return setWay(t, Op.LineAction.CLEAN);
            case "dccisw":
                in.next();
                return setWay(t, Op.LineAction.CLEAN_INVALIDATE);
            case "dcisw":
                in.next();
                return setWay(t, Op.LineAction.INVALIDATE);
            default:
                return null;
        }
    }
}
