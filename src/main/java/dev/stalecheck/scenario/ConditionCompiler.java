package dev.stalecheck.scenario;

import dev.stalecheck.machine.MachineState;
import dev.stalecheck.program.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Compiles conditions and {@code show} terms: thread registers, RAM reads, numbers and {@code fault}. */
final class ConditionCompiler {
    /** Most elements a {@code ram.W[A .. B]} range may compare. */
    static final long MAX_RANGE_ELEMENTS = 1 << 20;

    /** Register indexes by thread name, then register name. */
    private final Map<String, Integer> threadIndex;
    private final Map<String, Map<String, Integer>> registers;
    private final Evaluator evaluator;
    private final int wordBytes;

    ConditionCompiler(Map<String, Integer> threadIndex, Map<String, Map<String, Integer>> registers, Evaluator evaluator,
                      int wordBytes) {
        this.threadIndex = threadIndex;
        this.registers = registers;
        this.evaluator = evaluator;
        this.wordBytes = wordBytes;
    }

    Condition compile(ScenarioDecl.ConditionDecl c) {
        List<Term> terms = new ArrayList<>();
        Function<MachineState, Value> body = compile(c.condition(), terms);
        if (c.kind() == ConditionKind.NOT_EXISTS) {
            Function<MachineState, Value> inner = body;
            body = s -> Operators.unary(UnaryOp.NOT, inner.apply(s));
            return new Condition(c.kind(), "!(" + c.text() + ")", c.pos(), body, terms);
        }
        return new Condition(c.kind(), c.text(), c.pos(), body, terms);
    }

    /** A {@code show} entry: a single term. */
    Term term(Expr e) {
        List<Term> terms = new ArrayList<>();
        compile(e, terms);
        if (terms.size() != 1 || !(e instanceof Expr.ThreadRegister || e instanceof Expr.RamRead)) {
            throw new ScenarioException(e.pos(), "show lists terms: THREAD.REG or ram[PA]");
        }
        return terms.get(0);
    }

    private Function<MachineState, Value> compile(Expr e, List<Term> terms) {
        if (e instanceof Expr.Num n) {
            Value v = Value.of(n.value());
            return s -> v;
        } else if (e instanceof Expr.Fault) {
            return s -> Value.FAULT;
        } else if (e instanceof Expr.ThreadRegister t) {
            Term term = register(t);
            terms.add(term);
            return term::value;
        } else if (e instanceof Expr.RamRead r) {
            Term term = ram(r.address(), r.width(), r.pos());
            terms.add(term);
            return term::value;
        } else if (e instanceof Expr.Unary u) {
            Function<MachineState, Value> operand = compile(u.operand(), terms);
            return s -> Operators.unary(u.op(), operand.apply(s));
        } else if (e instanceof Expr.Binary b) {
            if (b.left() instanceof Expr.RamRange || b.right() instanceof Expr.RamRange) {
                return range(b, terms);
            }
            Function<MachineState, Value> l = compile(b.left(), terms);
            Function<MachineState, Value> r = compile(b.right(), terms);
            return s -> Operators.binary(b.op(), l.apply(s), r.apply(s));
        } else if (e instanceof Expr.RamRange r) {
            throw new ScenarioException(r.pos(), "a ram range can only be compared with == or !=");
        } else if (e instanceof Expr.Name n) {
            if (threadIndex.containsKey(n.name())) {
                throw new ScenarioException(n.pos(), "name a register of thread " + n.name() + ", as in "
                        + n.name() + ".r1");
            }
            long v = evaluator.constant(e, Environment.EMPTY, "a condition");
            return s -> Value.of(v);
        } else if (e instanceof Expr.Call c) {
            throw Evaluator.unsupportedCall(c);
        }
        throw new ScenarioException(e.pos(), "this expression cannot be used in a condition");
    }

    private Term register(Expr.ThreadRegister t) {
        Integer thread = threadIndex.get(t.thread());
        if (thread == null) {
            throw new ScenarioException(t.pos(), "unknown thread '" + t.thread() + "'");
        }
        Integer reg = registers.get(t.thread()).get(t.register());
        if (reg == null) {
            throw new ScenarioException(t.pos(), "thread " + t.thread() + " has no register '" + t.register()
                    + "' (no operation of it sets one)");
        }
        return new Term.Register(thread, reg, t.thread(), t.register());
    }

    private Term ram(Expr address, int width, SourcePosition at) {
        int w = width == 0 ? wordBytes : width;
        long pa = evaluator.constant(address, Environment.EMPTY, "a ram address");
        if ((pa & (w - 1)) != 0) {
            throw new ScenarioException(at, "ram address 0x" + Long.toHexString(pa) + " is not aligned to its width of "
                    + w + " bytes");
        }
        return new Term.Ram(pa, w, wordBytes);
    }

    private Function<MachineState, Value> range(Expr.Binary b, List<Term> terms) {
        if (!b.op().comparesFault()) {
            throw new ScenarioException(b.pos(), "a ram range can only be compared with == or !=");
        }
        boolean rangeLeft = b.left() instanceof Expr.RamRange;
        Expr.RamRange r = (Expr.RamRange) (rangeLeft ? b.left() : b.right());
        Expr other = rangeLeft ? b.right() : b.left();
        if (other instanceof Expr.RamRange) {
            throw new ScenarioException(b.pos(), "compare a ram range with a value, not with another range");
        }
        int w = r.width() == 0 ? wordBytes : r.width();
        long from = evaluator.constant(r.from(), Environment.EMPTY, "a ram range bound");
        long to = evaluator.constant(r.to(), Environment.EMPTY, "a ram range bound");
        if ((from & (w - 1)) != 0 || (to & (w - 1)) != 0) {
            throw new ScenarioException(r.pos(), "ram range bounds must be aligned to the width of " + w + " bytes");
        }
        long count = Long.compareUnsigned(to, from) > 0 ? (to - from) / w : 0;
        if (Long.compareUnsigned(count, MAX_RANGE_ELEMENTS) > 0) {
            throw new ScenarioException(r.pos(), "a ram range may compare at most " + MAX_RANGE_ELEMENTS + " elements");
        }
        List<Term> elements = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            elements.add(new Term.Ram(from + i * w, w, wordBytes));
        }
        Function<MachineState, Value> value = compile(other, terms);
        BinaryOp op = b.op();
        return s -> {
            Value v = value.apply(s);
            for (Term t : elements) {
                if (!Operators.holds(Operators.binary(op, t.value(s), v))) {
                    return Value.of(0);
                }
            }
            return Value.of(1);
        };
    }

    /** Every term named by the conditions, then the shows, each once, in order of first mention. */
    static List<Term> outcomeTerms(List<Condition> conditions, List<Term> shows) {
        Map<String, Term> out = new LinkedHashMap<>();
        for (Condition c : conditions) {
            for (Term t : c.terms()) {
                out.putIfAbsent(t.text(), t);
            }
        }
        for (Term t : shows) {
            out.putIfAbsent(t.text(), t);
        }
        return new ArrayList<>(out.values());
    }
}
