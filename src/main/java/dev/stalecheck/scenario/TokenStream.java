package dev.stalecheck.scenario;

import java.util.List;

/** A cursor over one file's tokens with the small look-ahead and error helpers the parsers share. */
final class TokenStream {
    private final List<Token> tokens;
    private int i;

    TokenStream(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(i);
    }

    Token peek(int ahead) {
        return tokens.get(Math.min(i + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(i);
        if (t.kind() != Token.Kind.EOF) {
            i++;
        }
        return t;
    }

    boolean atEof() {
        return peek().kind() == Token.Kind.EOF;
    }

    /** Skips {@code ;} separators. */
    void skipSeparators() {
        while (peek().kind() == Token.Kind.SEPARATOR) {
            i++;
        }
    }

    boolean accept(String symbol) {
        if (peek().is(symbol)) {
            i++;
            return true;
        }
        return false;
    }

    boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            i++;
            return true;
        }
        return false;
    }

    Token expect(String symbol, String what) {
        if (!peek().is(symbol)) {
            throw error(peek(), "expected '" + symbol + "' " + what + ", found " + peek().describe());
        }
        return next();
    }

    Token expectWord(String word) {
        if (!peek().isWord(word)) {
            throw error(peek(), "expected '" + word + "', found " + peek().describe());
        }
        return next();
    }

    /** A plain name (letters, digits, underscores). */
    Token name(String what) {
        if (peek().kind() != Token.Kind.NAME) {
            throw error(peek(), "expected " + what + ", found " + peek().describe());
        }
        return next();
    }

    String string(String what) {
        if (peek().kind() != Token.Kind.STRING) {
            throw error(peek(), "expected " + what + " in double quotes, found " + peek().describe());
        }
        return next().text();
    }

    /**
     * A word that may contain {@code -}: adjacent name, number and {@code -} tokens glued together
     * ({@code cortex-a15}, {@code 4-way}, {@code write-back}).
     */
    Token word(String what) {
        Token first = peek();
        if (first.kind() != Token.Kind.NAME && first.kind() != Token.Kind.NUMBER) {
            throw error(first, "expected " + what + ", found " + first.describe());
        }
        next();
        if (!(peek().is("-") && peek().start() == first.end())) {
            return first;
        }
        StringBuilder b = new StringBuilder(first.text());
        int end = first.end();
        while (peek().is("-") && peek().start() == end
                && (peek(1).kind() == Token.Kind.NAME || peek(1).kind() == Token.Kind.NUMBER) && peek(1).start() == peek().end()) {
            b.append('-');
            next();
            Token part = next();
            b.append(part.text());
            end = part.end();
        }
        return new Token(Token.Kind.NAME, b.toString(), first.number(), first.position(), first.start(), end);
    }

    /** Whether the next tokens form a glued word starting here (a name or number followed directly by '-'). */
    boolean startsGluedWord() {
        return peek(1).is("-") && peek(1).start() == peek().end();
    }

    static ScenarioException error(Token at, String message) {
        return new ScenarioException(at.position(), message);
    }

    int mark() {
        return i;
    }

    /** Source offsets covered from token index {@code from} to the current position. */
    int[] span(int from) {
        int end = i > from ? tokens.get(i - 1).end() : tokens.get(from).start();
        return new int[] {tokens.get(from).start(), end};
    }
}
