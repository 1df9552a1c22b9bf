package dev.stalecheck.scenario;

import dev.stalecheck.program.RegisterRef;
import dev.stalecheck.program.Value;
import dev.stalecheck.program.ValueExpr;
import java.util.function.Function;

/**
 * Evaluates expressions where they are used: statically (addresses, loop bounds, set/way numbers: known when the
 * file is read), or compiled into a {@link ValueExpr} for a stored value, which may read the thread's registers.
 */
final class Evaluator {
    private final long line;
    private final long iline;
    private final long page;

    Evaluator(long line, long iline, long page) {
        this.line = line;
        this.iline = iline;
        this.page = page;
    }

    private Long constant(String name) {
        return switch (name) {
            case "line" -> line;
            case "iline" -> iline;
            case "page" -> page;
            default -> null;
        };
    }

    /** A value known when the file is read; {@code what} names the use in errors ("an address"). */
    long constant(Expr e, Environment env, String what) {
        Value v = evaluateStatic(e, env, what);
        if (v.fault()) {
            throw new ScenarioException(e.pos(), what + " cannot be fault"
                    + (containsDivision(e) ? " (division or remainder by zero)" : ""));
        }
        return v.bits();
    }

    private static boolean containsDivision(Expr e) {
        return e instanceof Expr.Binary b && (b.op().equals("/") || b.op().equals("%")
                || containsDivision(b.left()) || containsDivision(b.right()))
                || e instanceof Expr.Unary u && containsDivision(u.operand());
    }

    private Value evaluateStatic(Expr e, Environment env, String what) {
        if (e instanceof Expr.Num n) {
            return Value.of(n.value());
        } else if (e instanceof Expr.Fault) {
            return Value.FAULT;
        } else if (e instanceof Expr.Name n) {
            Environment.Binding b = env.lookup(n.name());
            if (b != null) {
                return b.number() != null ? Value.of(b.number()) : evaluateStatic(b.argument(), b.scope(), what);
            }
            Long c = constant(n.name());
            if (c != null) {
                return Value.of(c);
            }
            throw new ScenarioException(n.pos(), what + " must be known when the file is read: '" + n.name()
                    + "' is not a macro parameter, loop variable, line, iline or page (registers cannot be used here)");
        } else if (e instanceof Expr.Unary u) {
            return Operators.unary(u.op(), evaluateStatic(u.operand(), env, what));
        } else if (e instanceof Expr.Binary b) {
            return Operators.binary(b.op(), evaluateStatic(b.left(), env, what), evaluateStatic(b.right(), env, what));
        } else if (e instanceof Expr.Call c) {
            throw unsupportedCall(c);
        }
        throw new ScenarioException(e.pos(), describe(e) + " cannot be used in " + what);
    }

    static ScenarioException unsupportedCall(Expr.Call c) {
        if (c.function().equals("entry") || c.function().equals("desc")) {
            return new ScenarioException(c.pos(), c.function() + "() needs page tables, which this version does not"
                    + " support yet");
        }
        return new ScenarioException(c.pos(), "unknown function '" + c.function() + "' (expected entry or desc)");
    }

    static String describe(Expr e) {
        if (e instanceof Expr.ThreadRegister t) {
            return "'" + t.thread() + "." + t.register() + "' (a thread's register)";
        } else if (e instanceof Expr.RamRead || e instanceof Expr.RamRange) {
            return "'ram[...]' (a final state's memory)";
        }
        return "this expression";
    }

    /**
     * Compiles a stored value: static parts fold to constants; other names are the thread's registers, which
     * {@code register} resolves (and checks were set by an earlier operation).
     */
    ValueExpr compile(Expr e, Environment env, Function<Expr.Name, RegisterRef> register) {
        if (e instanceof Expr.Num n) {
            return ValueExpr.constant(n.value());
        } else if (e instanceof Expr.Fault) {
            return new ValueExpr.Constant(Value.FAULT);
        } else if (e instanceof Expr.Name n) {
            Environment.Binding b = env.lookup(n.name());
            if (b != null) {
                return b.number() != null ? ValueExpr.constant(b.number()) : compile(b.argument(), b.scope(), register);
            }
            Long c = constant(n.name());
            if (c != null) {
                return ValueExpr.constant(c);
            }
            return ValueExpr.register(register.apply(n));
        } else if (e instanceof Expr.Unary u) {
            ValueExpr operand = compile(u.operand(), env, register);
            return new Compiled(u.op() + operand.describe(), r -> Operators.unary(u.op(), operand.evaluate(r)));
        } else if (e instanceof Expr.Binary b) {
            ValueExpr l = compile(b.left(), env, register);
            ValueExpr r = compile(b.right(), env, register);
            return new Compiled("(" + l.describe() + " " + b.op() + " " + r.describe() + ")",
                    regs -> Operators.binary(b.op(), l.evaluate(regs), r.evaluate(regs)));
        } else if (e instanceof Expr.Call c) {
            throw unsupportedCall(c);
        }
        throw new ScenarioException(e.pos(), describe(e) + " cannot be used in a stored value");
    }

    /** A compiled operator node. */
    private record Compiled(String text, Function<dev.stalecheck.program.RegisterFile, Value> body) implements ValueExpr {
        @Override
        public Value evaluate(dev.stalecheck.program.RegisterFile registers) {
            return body.apply(registers);
        }

        @Override
        public String describe() {
            return text;
        }
    }
}
