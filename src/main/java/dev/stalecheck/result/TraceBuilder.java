package dev.stalecheck.result;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Label;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.machine.ThreadState;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.util.Hex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a sequence of outcomes from a state into trace steps that name the thread and operation or the hardware event. */
public final class TraceBuilder {
    private final Machine machine;

    /** A builder for executions of {@code machine}. */
    public TraceBuilder(Machine machine) {
        this.machine = machine;
    }

    /** The steps of {@code outcomes}, taken in order from {@code start}. */
    public List<TraceStep> steps(MachineState start, List<Outcome> outcomes) {
        List<TraceStep> out = new ArrayList<>();
        MachineState s = start;
        for (Outcome o : outcomes) {
            out.add(step(out.size() + 1, s, o));
            s = o.next();
        }
        return new OvertakingConsequences(machine).explain(start, outcomes, out);
    }

    /** One step taken from {@code before}. */
    public TraceStep step(int number, MachineState before, Outcome o) {
        TraceStep t = bare(number, before, o);
        Map<String, List<String>> inFlight = inFlight(o.next());
        return inFlight.isEmpty() ? t
                : new TraceStep(t.number(), t.agent(), t.operation(), t.choices(), t.effects(), inFlight);
    }

    /**
     * Per cpu thread, the operations issued but not performed in {@code s}: those before its latest performed one,
     * and those that took their translation early. Empty when operations run in program order.
     */
    private Map<String, List<String>> inFlight(MachineState s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int t = 0; t < s.threadCount(); t++) {
            ThreadProgram tp = machine.program().threads().get(t);
            ThreadState ts = s.thread(t);
            int last = ts.pc() + 63 - Long.numberOfLeadingZeros(ts.performed());
            List<String> ops = new ArrayList<>();
            for (int k = ts.pc(); k < tp.ops().size() && k - ts.pc() < 64; k++) {
                if (!ts.hasPerformed(k) && (k < last || ts.early().of(k) != null)) {
                    ops.add(tp.ops().get(k).describe());
                }
            }
            if (!ops.isEmpty()) {
                out.put(tp.name(), ops);
            }
        }
        return out;
    }

    private TraceStep bare(int number, MachineState before, Outcome o) {
        List<String> choices = o.labels().stream().map(Label::text).toList();
        Event e = o.event();
        if (e.runsOperation()) {
            // A thread step runs the oldest operation not yet performed: nothing is overtaken, so one branch
            // describes both it and an operation performing under armv8.
            int t = e instanceof Event.ThreadStep ts ? ts.thread() : ((Event.Perform) e).thread();
            int k = e instanceof Event.Perform p ? p.op() : before.thread(t).pc();
            ThreadProgram tp = machine.program().threads().get(t);
            Op op = tp.ops().get(k);
            return new TraceStep(number, tp.name(), op.describe() + through(tp, before.thread(t).mmuOn(), op)
                    + overtaken(tp, before, t, k), choices, o.effects());
        }
        if (e instanceof Event.Translate tr) {
            ThreadProgram tp = machine.program().threads().get(tr.thread());
            return new TraceStep(number, tp.name(), "translate early for " + tp.ops().get(tr.op()).describe(),
                    choices, o.effects());
        }
        return new TraceStep(number, "hardware", describe(e), choices, o.effects());
    }

    /**
     * Under armv8: the earlier operations of {@code thread} still in flight when its operation {@code performed}
     * performs, and the barriers between the first of them and it, which do not order them ("no barrier between them" when none is).
     */
    private static String overtaken(ThreadProgram tp, MachineState before, int thread, int performed) {
        List<String> earlier = new ArrayList<>();
        int first = -1;
        for (int i = before.thread(thread).pc(); i < performed; i++) {
            if (!before.thread(thread).hasPerformed(i)) {
                earlier.add(tp.ops().get(i).describe());
                first = first < 0 ? i : first;
            }
        }
        if (earlier.isEmpty()) {
            return "";
        }
        List<String> barriers = new ArrayList<>();
        for (int i = first + 1; i < performed; i++) {
            if (tp.ops().get(i) instanceof Op.Barrier b) {
                barriers.add(b.describe());
            }
        }
        String why = barriers.isEmpty() ? "no barrier between them"
                : String.join(", ", barriers) + " between them " + (barriers.size() == 1 ? "does" : "do")
                + " not order them";
        return "  (performed before earlier " + String.join("; ", earlier) + ": " + why + ")";
    }

    /** For an operation on a virtual address: which space and physical address it went through. */
    private static String through(ThreadProgram tp, boolean mmuOn, Op op) {
        Long va = Op.addressOf(op);
        if (va == null || op instanceof Op.OuterCacheOp || tp.space() == null || !tp.onCpu() || !mmuOn) {
            return "";
        }
        if (tp.space().translate(va) instanceof Translation.Translated tr) {
            return "  (through " + tp.space().name() + ": PA " + Hex.of(tr.physicalAddress()) + ")";
        }
        return "  (no mapping in " + tp.space().name() + ")";
    }

    /** A hardware event in words. */
    public String describe(Event e) {
        if (e instanceof Event.Evict ev) {
            return "evict " + cache(ev.cache()) + " set " + ev.set() + " way " + ev.way();
        } else if (e instanceof Event.SpeculativeFill f) {
            return "speculative fill of PA " + Hex.of(f.physicalAddress()) + " into " + cache(f.cache())
                    + " through alias " + Hex.of(f.virtualAddress());
        } else if (e instanceof Event.HardwareClean c) {
            return "write back " + cache(c.cache()) + " set " + c.set() + " way " + c.way();
        } else if (e instanceof Event.SpeculativeWalk w) {
            return "speculative table walk of " + Hex.of(w.va()) + " on cpu" + w.cpu() + " for "
                    + machine.program().threads().get(w.thread()).name();
        } else if (e instanceof Event.SmmuWalk w) {
            return "speculative table walk of IOVA " + Hex.of(w.iova()) + " by "
                    + machine.program().smmus().get(w.smmu()).name();
        } else if (e instanceof Event.TlbDrop d) {
            return "drop TLB entry " + d.entry() + " of " + machine.topology().tlbOwner(d.cpu());
        }
        return e.toString();
    }

    private String cache(int id) {
        return machine.topology().instance(id).name();
    }
}
