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

    static Value unary(String op, Value v) {
        if (v.fault()) {
            return Value.FAULT;
        }
        return switch (op) {
            case "-" -> Value.of(-v.bits());
            case "~" -> Value.of(~v.bits());
            case "!" -> Value.of(v.bits() == 0 ? 1 : 0);
            default -> throw new IllegalArgumentException(op);
        };
    }

    static Value binary(String op, Value a, Value b) {
        if (op.equals("==")) {
            return Value.of(a.equals(b) ? 1 : 0);
        }
        if (op.equals("!=")) {
            return Value.of(a.equals(b) ? 0 : 1);
        }
        if (a.fault() || b.fault()) {
            return Value.FAULT;
        }
        long x = a.bits();
        long y = b.bits();
        return switch (op) {
            case "+" -> Value.of(x + y);
            case "-" -> Value.of(x - y);
            case "*" -> Value.of(x * y);
            case "/" -> y == 0 ? Value.FAULT : Value.of(Long.divideUnsigned(x, y));
            case "%" -> y == 0 ? Value.FAULT : Value.of(Long.remainderUnsigned(x, y));
            case "<<" -> Value.of(Long.compareUnsigned(y, 64) >= 0 ? 0 : x << y);
            case ">>" -> Value.of(Long.compareUnsigned(y, 64) >= 0 ? 0 : x >>> y);
            case "&" -> Value.of(x & y);
            case "|" -> Value.of(x | y);
            case "^" -> Value.of(x ^ y);
            case "<" -> Value.of(Long.compareUnsigned(x, y) < 0 ? 1 : 0);
            case "<=" -> Value.of(Long.compareUnsigned(x, y) <= 0 ? 1 : 0);
            case ">" -> Value.of(Long.compareUnsigned(x, y) > 0 ? 1 : 0);
            case ">=" -> Value.of(Long.compareUnsigned(x, y) >= 0 ? 1 : 0);
            case "&&" -> Value.of(x != 0 && y != 0 ? 1 : 0);
            case "||" -> Value.of(x != 0 || y != 0 ? 1 : 0);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** Whether a condition's value holds: a nonzero number ({@code fault} never holds). */
    static boolean holds(Value v) {
        return !v.fault() && v.bits() != 0;
    }
}
