package dev.stalecheck.scenario;

/** A binary operator of the expression language, resolved from its symbol by the parser. */
enum BinaryOp {
    /** {@code ||}. */
    OR("||"),
    /** {@code &&}. */
    AND("&&"),
    /** {@code |}. */
    BIT_OR("|"),
    /** {@code ^}. */
    BIT_XOR("^"),
    /** {@code &}. */
    BIT_AND("&"),
    /** {@code <<}. */
    SHIFT_LEFT("<<"),
    /** {@code >>}, logical. */
    SHIFT_RIGHT(">>"),
    /** {@code +}. */
    ADD("+"),
    /** {@code -}. */
    SUBTRACT("-"),
    /** {@code *}. */
    MULTIPLY("*"),
    /** {@code /}, unsigned. */
    DIVIDE("/"),
    /** {@code %}, unsigned. */
    REMAINDER("%"),
    /** {@code ==}. */
    EQUAL("=="),
    /** {@code !=}. */
    NOT_EQUAL("!="),
    /** {@code <=}, unsigned. */
    AT_MOST("<="),
    /** {@code >=}, unsigned. */
    AT_LEAST(">="),
    /** {@code <}, unsigned. */
    BELOW("<"),
    /** {@code >}, unsigned. */
    ABOVE(">");

    private final String symbol;

    BinaryOp(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written. */
    String symbol() {
        return symbol;
    }

    /** Whether {@code fault} is an ordinary operand ({@code ==}, {@code !=}) rather than a value that propagates. */
    boolean comparesFault() {
        return this == EQUAL || this == NOT_EQUAL;
    }
}
