package dev.stalecheck.scenario;

/** A unary operator of the expression language, resolved from its symbol by the parser. */
enum UnaryOp {
    /** {@code -}: two's complement negation. */
    NEGATE,
    /** {@code ~}: every bit inverted. */
    INVERT,
    /** {@code !}: 1 for 0, else 0. */
    NOT;

    /** The operator as written. */
    String symbol() {
        return switch (this) {
            case NEGATE -> "-";
            case INVERT -> "~";
            case NOT -> "!";
        };
    }
}
