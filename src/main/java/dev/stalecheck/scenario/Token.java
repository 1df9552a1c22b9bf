package dev.stalecheck.scenario;

/**
 * One lexical token.
 *
 * @param kind     what it is
 * @param text     the source text (a string's unescaped contents for {@link Kind#STRING})
 * @param number   the value of a number token
 * @param position where it starts
 * @param start    offset of its first character in the file
 * @param end      offset just past its last character
 */
public record Token(Kind kind, String text, long number, SourcePosition position, int start, int end) {
    /** Token kinds. */
    public enum Kind {
        /** A name: letters, digits and underscores, not starting with a digit. */
        NAME,
        /** A number (decimal with optional K/M/G/B suffix, or hex). */
        NUMBER,
        /** A double-quoted string. */
        STRING,
        /** Punctuation or an operator. */
        SYMBOL,
        /** End of a statement: a newline or {@code ;}. */
        SEPARATOR,
        /** End of file. */
        EOF
    }

    /** Whether this is the symbol {@code s}. */
    public boolean is(String s) {
        return kind == Kind.SYMBOL && text.equals(s);
    }

    /** Whether this is a name equal to {@code s}, ignoring case. */
    public boolean isWord(String s) {
        return kind == Kind.NAME && text.equalsIgnoreCase(s);
    }

    /** How the token reads in an error message. */
    public String describe() {
        return switch (kind) {
            case EOF -> "end of file";
            case SEPARATOR -> text.equals(";") ? "';'" : "end of line";
            case STRING -> "string \"" + text + "\"";
            default -> "'" + text + "'";
        };
    }
}
