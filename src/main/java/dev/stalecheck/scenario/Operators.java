package dev.stalecheck.scenario;

import dev.stalecheck.program.Value;

/**
 * The value semantics of the expression operators (language page, fine print 1): 64-bit unsigned, wrapping;
 * unsigned comparisons; shifts by 64 or more give 0 and {@code >>} is logical; division or remainder by 0 gives
 * {@code fault}; {@code !}, comparisons, {@code &&}, {@code ||} give 0 or 1; {@code ==}/{@code !=} compare
 * {@code fault}; every other operator with a {@code fault} operand gives {@code fault}.
 */
final class Operators {
    private Operators() {
    }

    static Value unary(UnaryOp op, Value v) {
        if (v.fault()) {
            return Value.FAULT;
        }
        return switch (op) {
            case NEGATE -> Value.of(-v.bits());
            case INVERT -> Value.of(~v.bits());
            case NOT -> Value.of(v.bits() == 0 ? 1 : 0);
        };
    }

    static Value binary(BinaryOp op, Value a, Value b) {
        if (!op.comparesFault() && (a.fault() || b.fault())) {
            return Value.FAULT;
        }
        long x = a.bits();
        long y = b.bits();
        return switch (op) {
            case EQUAL -> Value.of(a.equals(b) ? 1 : 0);
            case NOT_EQUAL -> Value.of(a.equals(b) ? 0 : 1);
            case ADD -> Value.of(x + y);
            case SUBTRACT -> Value.of(x - y);
            case MULTIPLY -> Value.of(x * y);
            case DIVIDE -> y == 0 ? Value.FAULT : Value.of(Long.divideUnsigned(x, y));
            case REMAINDER -> y == 0 ? Value.FAULT : Value.of(Long.remainderUnsigned(x, y));
            case SHIFT_LEFT -> Value.of(Long.compareUnsigned(y, 64) >= 0 ? 0 : x << y);
            case SHIFT_RIGHT -> Value.of(Long.compareUnsigned(y, 64) >= 0 ? 0 : x >>> y);
            case BIT_AND -> Value.of(x & y);
            case BIT_OR -> Value.of(x | y);
            case BIT_XOR -> Value.of(x ^ y);
            case BELOW -> Value.of(Long.compareUnsigned(x, y) < 0 ? 1 : 0);
            case AT_MOST -> Value.of(Long.compareUnsigned(x, y) <= 0 ? 1 : 0);
            case ABOVE -> Value.of(Long.compareUnsigned(x, y) > 0 ? 1 : 0);
            case AT_LEAST -> Value.of(Long.compareUnsigned(x, y) >= 0 ? 1 : 0);
            case AND -> Value.of(x != 0 && y != 0 ? 1 : 0);
            case OR -> Value.of(x != 0 || y != 0 ? 1 : 0);
        };
    }

    /** Whether a condition's value holds: a nonzero number ({@code fault} never holds). */
    static boolean holds(Value v) {
        return !v.fault() && v.bits() != 0;
    }
}
