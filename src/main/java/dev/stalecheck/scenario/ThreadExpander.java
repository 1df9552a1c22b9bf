package dev.stalecheck.scenario;

import dev.stalecheck.program.Op;
import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.program.RegisterRef;
import dev.stalecheck.program.Smmu;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands one thread's body into operations with static addresses: macro calls (bound when expanded, parameters
 * by value), static {@code for} loops, default widths; checks registers are set before they are read. Limits keep
 * hostile input from exhausting memory or time.
 */
final class ThreadExpander {
    /** Most operations after expansion, over all threads. */
    static final int MAX_OPERATIONS = 100_000;
    /** Deepest macro nesting. */
    static final int MAX_MACRO_DEPTH = 64;
    /** Most loop iterations, over all loops of the scenario (empty bodies included). */
    static final long MAX_ITERATIONS = 1_000_000;

    /** The expansion of one thread. */
    record Expanded(List<Op> ops, List<SourcePosition> positions, List<String> registers) {
    }

    /** Counts shared by every thread of a scenario. */
    static final class Budget {
        int operations;
        long iterations;
    }

    private final Map<String, ScenarioDecl.MacroDecl> macros;
    private final Evaluator evaluator;
    private final int wordBytes;
    private final Budget budget;
    private final boolean device;
    private final String threadName;
    private final List<Op> ops = new ArrayList<>();
    private final List<SourcePosition> positions = new ArrayList<>();
    private final Map<String, Integer> registers = new LinkedHashMap<>();
    private final Deque<String> macroStack = new ArrayDeque<>();
    private Map<String, Long> tableAsids = Map.of();
    private Map<String, Long> tableVmids = Map.of();
    private Map<String, Smmu> smmus = Map.of();

    ThreadExpander(Map<String, ScenarioDecl.MacroDecl> macros, Evaluator evaluator, int wordBytes, Budget budget,
                   boolean device, String threadName) {
        this.macros = macros;
        this.evaluator = evaluator;
        this.wordBytes = wordBytes;
        this.budget = budget;
        this.device = device;
        this.threadName = threadName;
    }

    /** The ASIDs of the scenario's page tables, for {@code tlbi asid TABLE}. */
    ThreadExpander withTableAsids(Map<String, Long> asids, Map<String, Long> vmids) {
        this.tableAsids = asids;
        this.tableVmids = vmids;
        return this;
    }

    /** The scenario's SMMUs, for {@code smmu tlbi NAME}. */
    ThreadExpander withSmmus(Map<String, Smmu> smmus) {
        this.smmus = smmus;
        return this;
    }

    Expanded expand(List<Stmt> body) {
        expandAll(body, Environment.EMPTY);
        return new Expanded(ops, positions, new ArrayList<>(registers.keySet()));
    }

    private void expandAll(List<Stmt> body, Environment env) {
        for (Stmt s : body) {
            expand(s, env);
        }
    }

    private void add(Op op, SourcePosition at) {
        if (++budget.operations > MAX_OPERATIONS) {
            throw new ScenarioException(at, "the scenario expands to more than " + MAX_OPERATIONS + " operations");
        }
        ops.add(op);
        positions.add(at);
    }

    private long address(Expr e, Environment env) {
        return evaluator.constant(e, env, "an address");
    }

    private int width(int written) {
        return written == 0 ? wordBytes : written;
    }

    private void deviceOnly(Stmt s) {
        if (device && !(s instanceof Stmt.Load || s instanceof Stmt.Store || s instanceof Stmt.Wait
                || s instanceof Stmt.Barrier
                || s instanceof Stmt.Call || s instanceof Stmt.For)) {
            throw new ScenarioException(s.pos(), "device thread " + threadName
                    + " can only load, store, wait and use barriers");
        }
    }

    private void expand(Stmt s, Environment env) {
        deviceOnly(s);
        if (s instanceof Stmt.Load l) {
            long a = address(l.address(), env);
            add(new Op.Load(l.register() == null ? null : define(l.register(), l.pos()), a, width(l.width())), l.pos());
        } else if (s instanceof Stmt.Store st) {
            long a = address(st.address(), env);
            add(new Op.Store(a, width(st.width()), evaluator.compile(st.value(), env, n -> read(n.name(), n.pos()))),
                    st.pos());
        } else if (s instanceof Stmt.Wait w) {
            long a = address(w.address(), env);
            add(new Op.Wait(a, width(w.width()), evaluator.constant(w.value(), env, "the value waited for")), w.pos());
        } else if (s instanceof Stmt.Fetch f) {
            long a = address(f.address(), env);
            add(new Op.Fetch(define(f.register(), f.pos()), a), f.pos());
        } else if (s instanceof Stmt.Translate t) {
            long a = address(t.address(), env);
            add(new Op.Translate(define(t.register(), t.pos()), a), t.pos());
        } else if (s instanceof Stmt.DcByAddress d) {
            add(new Op.DataCacheByAddress(d.kind(), address(d.address(), env)), d.pos());
        } else if (s instanceof Stmt.DcSetWay d) {
            long set = evaluator.constant(d.set(), env, "a set number");
            long way = evaluator.constant(d.way(), env, "a way number");
            add(new Op.DataCacheBySetWay(d.action(), d.level(), (int) Math.min(set, Integer.MAX_VALUE),
                    (int) Math.min(way, Integer.MAX_VALUE)), d.pos());
        } else if (s instanceof Stmt.DcLevel d) {
            add(new Op.DataCacheWholeLevel(d.action(), d.level()), d.pos());
        } else if (s instanceof Stmt.Ic i) {
            add(new Op.InstructionCacheOp(i.kind(), i.address() == null ? 0 : address(i.address(), env)), i.pos());
        } else if (s instanceof Stmt.Outer o) {
            add(new Op.OuterCacheOp(o.kind(), o.address() == null ? 0 : address(o.address(), env)), o.pos());
        } else if (s instanceof Stmt.Tlbi t) {
            long va = t.address() == null ? 0 : address(t.address(), env);
            add(new Op.TlbInvalidate(t.kind(), va, asid(t, env), t.broadcast()), t.pos());
        } else if (s instanceof Stmt.SmmuTlbi t) {
            String name = env.nameFor(t.smmu().text());
            Smmu smmu = smmus.get(name);
            if (smmu == null) {
                throw new ScenarioException(t.smmu().position(), "unknown smmu '" + name + "'");
            }
            add(new Op.SmmuTlbi(smmu, t.kind(), t.address() == null ? 0 : address(t.address(), env)),
                    t.pos());
        } else if (s instanceof Stmt.Barrier b) {
            add(new Op.Barrier(b.text()), b.pos());
        } else if (s instanceof Stmt.Control c) {
            add(new Op.ControlChange(c.bit(), c.on()), c.pos());
        } else if (s instanceof Stmt.Call c) {
            call(c, env);
        } else if (s instanceof Stmt.For f) {
            loop(f, env);
        }
    }

    /**
     * The ASID or VMID a {@code tlbi} names: a number, a table's name, or a macro parameter standing for either (a
     * bare name argument is a table's name, any other argument a number).
     */
    private long asid(Stmt.Tlbi t, Environment env) {
        if (t.asid() == null) {
            return 0;
        }
        if (t.asid().kind() == Token.Kind.NUMBER) {
            return t.asid().number();
        }
        Environment.Resolved resolved = env.resolve(t.asid().text());
        String name = resolved.name();
        if (resolved.scope().lookup(name) != null) {
            return evaluator.constant(new Expr.Name(name, t.asid().position()), resolved.scope(), "an ASID or VMID");
        }
        boolean stage2Op = t.kind() == Op.TlbiKind.IPA || t.kind() == Op.TlbiKind.VMALL
                || t.kind() == Op.TlbiKind.VMALLS12;
        Long a = stage2Op ? tableVmids.get(name) : tableAsids.get(name);
        if (stage2Op && a == null) {
            throw new ScenarioException(t.asid().position(), "'" + name + "' is not a stage-2 table");
        }
        if (a == null) {
            throw new ScenarioException(t.asid().position(), "unknown table '" + name + "' (tlbi asid takes"
                    + " a number or a pagetable name)");
        }
        return a;
    }

    private RegisterRef define(String name, SourcePosition at) {
        checkRegisterName(name, at);
        Integer index = registers.get(name);
        if (index == null) {
            if (registers.size() >= RegisterFile.MAX_REGISTERS) {
                throw new ScenarioException(at, "thread " + threadName + " uses more than " + RegisterFile.MAX_REGISTERS
                        + " registers");
            }
            index = registers.size();
            registers.put(name, index);
        }
        return new RegisterRef(index, name);
    }

    private RegisterRef read(String name, SourcePosition at) {
        Integer index = registers.get(name);
        if (index == null) {
            throw new ScenarioException(at, "register " + name + " is read before any earlier operation of thread "
                    + threadName + " sets it");
        }
        return new RegisterRef(index, name);
    }

    private static void checkRegisterName(String name, SourcePosition at) {
        if (ScenarioParser.isReserved(name)) {
            throw new ScenarioException(at, "'" + name + "' is a reserved word and cannot name a register");
        }
    }

    private void call(Stmt.Call c, Environment env) {
        ScenarioDecl.MacroDecl m = macros.get(c.macro());
        if (m == null) {
            throw new ScenarioException(c.pos(), "unknown operation or macro '" + c.macro() + "'");
        }
        if (m.parameters().size() != c.args().size()) {
            throw new ScenarioException(c.pos(), "macro " + m.name() + " takes " + m.parameters().size()
                    + " argument" + (m.parameters().size() == 1 ? "" : "s") + ", not " + c.args().size());
        }
        if (macroStack.contains(m.name())) {
            List<String> chain = new ArrayList<>(macroStack);
            java.util.Collections.reverse(chain);
            chain.add(m.name());
            throw new ScenarioException(c.pos(), "macro " + m.name() + " calls itself (" + String.join(" -> ", chain)
                    + "): macros may not recurse");
        }
        if (macroStack.size() >= MAX_MACRO_DEPTH) {
            throw new ScenarioException(c.pos(), "macros nested deeper than " + MAX_MACRO_DEPTH);
        }
        Map<String, Environment.Binding> params = new HashMap<>();
        for (int i = 0; i < c.args().size(); i++) {
            params.put(m.parameters().get(i), new Environment.Binding(null, c.args().get(i), env));
        }
        macroStack.push(m.name());
        expandAll(m.body(), Environment.forMacro(params));
        macroStack.pop();
    }

    private void loop(Stmt.For f, Environment env) {
        long from = evaluator.constant(f.from(), env, "a loop bound");
        long to = evaluator.constant(f.to(), env, "a loop bound");
        long step = f.step() == null ? 1 : evaluator.constant(f.step(), env, "a loop step");
        if (step == 0 || step < 0) {
            throw new ScenarioException(f.step() == null ? f.pos() : f.step().pos(), "a loop step must be greater than 0"
                    + " (and below 2^63)");
        }
        if (Long.compareUnsigned(to, from) <= 0) {
            return;
        }
        long count = Long.divideUnsigned(to - from - 1, step) + 1;
        if (Long.compareUnsigned(count, MAX_ITERATIONS - budget.iterations) > 0) {
            throw new ScenarioException(f.pos(), "this loop runs " + Long.toUnsignedString(count) + " times; a scenario"
                    + " may run at most " + MAX_ITERATIONS + " loop iterations in all");
        }
        budget.iterations += count;
        for (long i = 0; i < count; i++) {
            expandAll(f.body(), env.withNumber(f.variable(), from + i * step));
        }
    }
}
