package dev.stalecheck.program;

/** An expression a store evaluates when it runs: built from constants and the thread's registers. */
public interface ValueExpr {
    /** The value of the expression for these registers; {@code fault} propagates. */
    Value evaluate(RegisterFile registers);

    /** The expression as source text. */
    String describe();

    /** The registers the expression reads, as a mask of {@link RegisterRef#index()} bits. */
    long registersRead();

    /** A constant. */
    static ValueExpr constant(long v) {
        return new Constant(Value.of(v));
    }

    /** The value of a register. */
    static ValueExpr register(RegisterRef r) {
        return new RegisterRead(r);
    }

    /**
     * A constant expression.
     *
     * @param value the value
     */
    record Constant(Value value) implements ValueExpr {
        @Override
        public Value evaluate(RegisterFile registers) {
            return value;
        }

        @Override
        public long registersRead() {
            return 0;
        }

        @Override
        public String describe() {
            return value.describe();
        }
    }

    /**
     * Reads a register.
     *
     * @param register the register
     */
    record RegisterRead(RegisterRef register) implements ValueExpr {
        @Override
        public Value evaluate(RegisterFile registers) {
            return registers.get(register.index());
        }

        @Override
        public long registersRead() {
            return 1L << register.index();
        }

        @Override
        public String describe() {
            return register.name();
        }
    }
}
