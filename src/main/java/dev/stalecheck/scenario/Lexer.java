package dev.stalecheck.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits scenario text into tokens. Newlines are whitespace; {@code #} starts a comment; {@code ;} is a separator
 * token the parser skips between items. Words with {@code -} ({@code cortex-a15}, {@code 4-way}) come out as
 * adjacent tokens that the parser glues where it expects such a word.
 */
final class Lexer {
    /** Longest file the language accepts. */
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final String[] SYMBOLS = {
        "->", "..", "==", "!=", "<=", ">=", "<<", ">>", "&&", "||",
        "[", "]", "{", "}", "(", ")", ",", ".", "=", "<", ">", "+", "-", "*", "/", "%", "&", "|", "^", "~", "!", ":"
    };

    private final String file;
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    List<Token> tokens() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                out.add(new Token(Token.Kind.EOF, "", 0, here(), pos, pos));
                return out;
            }
            out.add(next());
        }
    }

    private SourcePosition here() {
        return new SourcePosition(file, line, pos - lineStart + 1);
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() {
        SourcePosition at = here();
        int start = pos;
        char c = text.charAt(pos);
        if (c == ';') {
            pos++;
            return new Token(Token.Kind.SEPARATOR, ";", 0, at, start, pos);
        }
        if (Character.isLetter(c) && c < 128 || c == '_') {
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.NAME, text.substring(start, pos), 0, at, start, pos);
        }
        if (c >= '0' && c <= '9') {
            return number(at, start);
        }
        if (c == '"') {
            return string(at, start);
        }
        for (String s : SYMBOLS) {
            if (text.startsWith(s, pos)) {
                pos += s.length();
                return new Token(Token.Kind.SYMBOL, s, 0, at, start, pos);
            }
        }
        String shown = c < 32 || c > 126 ? String.format("U+%04X", (int) c) : "'" + c + "'";
        throw new ScenarioException(at, "unexpected character " + shown);
    }

    private static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private Token number(SourcePosition at, int start) {
        boolean hex = text.startsWith("0x", pos) || text.startsWith("0X", pos);
        if (hex) {
            pos += 2;
        }
        int digitsStart = pos;
        while (pos < text.length() && (isDigit(text.charAt(pos), hex) || text.charAt(pos) == '_')) {
            pos++;
        }
        String digits = text.substring(digitsStart, pos).replace("_", "");
        if (digits.isEmpty()) {
            throw new ScenarioException(at, "a number needs digits after '" + text.substring(start, pos) + "'");
        }
        long value;
        try {
            value = hex ? Long.parseUnsignedLong(digits, 16) : Long.parseUnsignedLong(digits);
        } catch (NumberFormatException e) {
            throw new ScenarioException(at, "number " + text.substring(start, pos) + " does not fit in 64 bits");
        }
        if (!hex && pos < text.length() && "KMGB".indexOf(text.charAt(pos)) >= 0
                && (pos + 1 >= text.length() || !isNameChar(text.charAt(pos + 1)))) {
            int shift = switch (text.charAt(pos)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                default -> 0;
            };
            if (shift > 0 && Long.numberOfLeadingZeros(value) < shift + 1) {
                throw new ScenarioException(at, "number " + text.substring(start, pos + 1) + " does not fit in 64 bits");
            }
            value <<= shift;
            pos++;
        }
        if (pos < text.length() && isNameChar(text.charAt(pos))) {
            int end = pos;
            while (end < text.length() && isNameChar(text.charAt(end))) {
                end++;
            }
            return new Token(Token.Kind.NAME, text.substring(start, end), 0, at, start, advanceTo(end));
        }
        return new Token(Token.Kind.NUMBER, text.substring(start, pos), value, at, start, pos);
    }

    private int advanceTo(int end) {
        pos = end;
        return end;
    }

    private static boolean isDigit(char c, boolean hex) {
        return c >= '0' && c <= '9' || hex && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
    }

    private Token string(SourcePosition at, int start) {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw new ScenarioException(at, "unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return new Token(Token.Kind.STRING, b.toString(), 0, at, start, pos);
            }
            if (c == '\\') {
                if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\\')) {
                    throw new ScenarioException(here(), "a string may only escape \\\" and \\\\");
                }
                c = text.charAt(pos++);
            }
            b.append(c);
        }
    }
}
