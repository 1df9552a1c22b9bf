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
    private java.util.Map<String, Layout> tables = java.util.Map.of();

    Evaluator(long line, long iline, long page) {
        this.line = line;
        this.iline = iline;
        this.page = page;
    }

    /** Makes {@code entry()} and {@code desc()} see these page tables. */
    void useTables(java.util.Map<String, Layout> layouts) {
        this.tables = layouts;
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
        return e instanceof Expr.Binary b && (b.op() == BinaryOp.DIVIDE || b.op() == BinaryOp.REMAINDER
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
            if (Character.isDigit(n.name().charAt(0))) {
                throw notANumber(n);
            }
            throw new ScenarioException(n.pos(), what + " must be known when the file is read: '" + n.name()
                    + "' is not a macro parameter, loop variable, line, iline or page (registers cannot be used here)");
        } else if (e instanceof Expr.Unary u) {
            return Operators.unary(u.op(), evaluateStatic(u.operand(), env, what));
        } else if (e instanceof Expr.Binary b) {
            return Operators.binary(b.op(), evaluateStatic(b.left(), env, what), evaluateStatic(b.right(), env, what));
        } else if (e instanceof Expr.Call c) {
            return Value.of(call(c, env));
        }
        throw new ScenarioException(e.pos(), describe(e) + " cannot be used in " + what);
    }

    /** {@code entry(PT, VA [, LEVEL])} and {@code desc(PT, KIND, OA, ATTR...)}. */
    private long call(Expr.Call c, Environment env) {
        if (!c.function().equals("entry") && !c.function().equals("desc")) {
            throw unsupportedCall(c);
        }
        if (c.args().isEmpty() || !(c.args().get(0) instanceof Expr.Name table)
                || !tables.containsKey(env.nameFor(table.name()))) {
            throw new ScenarioException(c.pos(), c.function() + "() takes a page table's name first");
        }
        Layout layout = tables.get(env.nameFor(table.name()));
        if (c.function().equals("entry")) {
            if (c.args().size() < 2 || c.args().size() > 3) {
                throw new ScenarioException(c.pos(), "entry(PT, VA [, LEVEL]) takes two or three arguments");
            }
            long va = constant(c.args().get(1), env, "a virtual address");
            long level = c.args().size() == 3 ? constant(c.args().get(2), env, "a level") : -1;
            if (c.args().size() == 3 && level > 3) {
                throw new ScenarioException(c.args().get(2).pos(), "walks have levels 0 to 3 at most");
            }
            return layout.entry(va, (int) level, c.pos());
        }
        boolean fault = c.args().size() >= 2 && c.args().get(1) instanceof Expr.Fault;
        if (!fault && (c.args().size() < 3 || !(c.args().get(1) instanceof Expr.Name))) {
            throw new ScenarioException(c.pos(), "desc(PT, KIND, OA, ATTR...) takes a table, a kind, an address and"
                    + " attributes (desc(PT, fault) needs neither)");
        }
        long oa = c.args().size() > 2 ? constant(c.args().get(2), env, "an output address") : 0;
        java.util.List<String> attributes = new java.util.ArrayList<>();
        for (Expr a : c.args().subList(Math.min(3, c.args().size()), c.args().size())) {
            if (!(a instanceof Expr.Name n)) {
                throw new ScenarioException(a.pos(), "expected an attribute word (normal, device, nsh, global, ro, ...)");
            }
            attributes.add(n.name().toLowerCase(java.util.Locale.ROOT));
        }
        DescriptorKind k = fault ? DescriptorKind.FAULT : kind((Expr.Name) c.args().get(1));
        return layout.descriptor(k, oa, attributes, c.pos());
    }

    private static DescriptorKind kind(Expr.Name kind) {
        return DescriptorKind.fromWord(kind.name().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                new ScenarioException(kind.pos(), "unknown descriptor kind '" + kind.name()
                        + "' (expected section, supersection, page, large-page, block, table or fault)"));
    }

    /** A word such as {@code 1T} or {@code 4k} where a number belongs: says which size suffixes exist. */
    static ScenarioException notANumber(Expr.Name n) {
        return new ScenarioException(n.pos(), "'" + n.name() + "' is not a number: a size is a number with an optional"
                + " suffix K (KiB), M (MiB), G (GiB) or B (bytes), upper case, such as 64, 4K, 1M or 2G");
    }

    static ScenarioException unsupportedCall(Expr.Call c) {
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
            return new Compiled(u.op().symbol() + operand.describe(),
                    r -> Operators.unary(u.op(), operand.evaluate(r)), operand.registersRead());
        } else if (e instanceof Expr.Binary b) {
            ValueExpr l = compile(b.left(), env, register);
            ValueExpr r = compile(b.right(), env, register);
            return new Compiled("(" + l.describe() + " " + b.op().symbol() + " " + r.describe() + ")",
                    regs -> Operators.binary(b.op(), l.evaluate(regs), r.evaluate(regs)),
                    l.registersRead() | r.registersRead());
        } else if (e instanceof Expr.Call c) {
            return ValueExpr.constant(call(c, env));
        }
        throw new ScenarioException(e.pos(), describe(e) + " cannot be used in a stored value");
    }

    /** A compiled operator node. */
    private record Compiled(String text, Function<dev.stalecheck.program.RegisterFile, Value> body, long registersRead)
            implements ValueExpr {
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
