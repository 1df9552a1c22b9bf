package dev.stalecheck.result;

import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.program.Op;
import dev.stalecheck.util.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * What overtaking cost, in words: under {@code ordering armv8}, when an operation performs before an earlier one of
 * its thread that writes memory (a store, a clean), the first step from the overtaking one on that read a byte the
 * earlier operation later wrote, before it did ("the walk at step 6 read PA 0x80013000 before store.d [0x13000] =
 * 0x80201f4f performed"). Only reads from the overtaking step up to the earlier operation's own step count.
 */
final class OvertakingConsequences {
    private final Machine machine;

    OvertakingConsequences(Machine machine) {
        this.machine = machine;
    }

    /** {@code steps} (built from {@code outcomes} taken from {@code start}) with each such consequence appended. */
    List<TraceStep> explain(MachineState start, List<Outcome> outcomes, List<TraceStep> steps) {
        List<TraceStep> out = new ArrayList<>(steps);
        MachineState s = start;
        for (int i = 0; i < outcomes.size(); i++) {
            Event e = outcomes.get(i).event();
            if (e instanceof Event.Perform p) {
                String why = consequence(s, p, i, outcomes, steps);
                if (!why.isEmpty()) {
                    TraceStep t = out.get(i);
                    String text = t.operation();
                    int close = text.lastIndexOf(')');
                    out.set(i, new TraceStep(t.number(), t.agent(), text.substring(0, close) + why
                            + text.substring(close), t.choices(), t.effects(), t.inFlight()));
                }
            }
            s = outcomes.get(i).next();
        }
        return out;
    }

    private String consequence(MachineState before, Event.Perform p, int at, List<Outcome> outcomes,
                               List<TraceStep> steps) {
        List<Op> ops = machine.program().threads().get(p.thread()).ops();
        StringBuilder why = new StringBuilder();
        for (int k = before.thread(p.thread()).pc(); k < p.op(); k++) {
            if (before.thread(p.thread()).hasPerformed(k)) {
                continue;
            }
            int done = stepOf(outcomes, at, p.thread(), k);
            if (done < 0) {
                continue;
            }
            List<long[]> written = writtenRanges(outcomes.get(done).effects());
            for (int m = at; m < done && why.isEmpty(); m++) {
                for (Effect f : outcomes.get(m).effects()) {
                    if (f instanceof Effect.Read r && inside(written, r.physicalAddress())) {
                        why.append("; ").append(r.source().startsWith("walker") ? "the walk at step " + (m + 1)
                                : "step " + (m + 1) + " (" + steps.get(m).agent() + ")").append(" read PA ").append(Hex.of(r.physicalAddress()))
                                .append(" before ").append(ops.get(k).describe()).append(" performed");
                        break;
                    }
                }
            }
        }
        return why.toString();
    }

    /** The index of the step after {@code from} at which thread {@code t}'s operation {@code k} performs, or -1. */
    private static int stepOf(List<Outcome> outcomes, int from, int t, int k) {
        for (int n = from + 1; n < outcomes.size(); n++) {
            if (outcomes.get(n).event() instanceof Event.Perform q && q.thread() == t && q.op() == k) {
                return n;
            }
        }
        return -1;
    }

    /** The physical ranges a step changed: each 8-byte word of a cache line or of RAM whose bytes it changed. */
    private static List<long[]> writtenRanges(List<Effect> effects) {
        List<long[]> out = new ArrayList<>();
        for (Effect f : effects) {
            if (f instanceof Effect.LineChange c && c.after() != null && c.action() != Effect.LineAction.FILLED
                    && c.action() != Effect.LineAction.CLEANED) {
                long[] after = c.after().words();
                for (int w = 0; w < after.length; w++) {
                    if (c.before() == null || c.before().words()[w] != after[w]) {
                        out.add(new long[] {c.physicalAddress() + 8L * w, c.physicalAddress() + 8L * w + 8});
                    }
                }
            } else if (f instanceof Effect.RamWrite w) {
                out.add(new long[] {w.physicalAddress(), w.physicalAddress() + 8});
            }
        }
        return out;
    }

    private static boolean inside(List<long[]> ranges, long pa) {
        for (long[] r : ranges) {
            if (Long.compareUnsigned(pa - r[0], r[1] - r[0]) < 0) {
                return true;
            }
        }
        return false;
    }
}
