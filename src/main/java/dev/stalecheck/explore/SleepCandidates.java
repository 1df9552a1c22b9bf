package dev.stalecheck.explore;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.StepFootprint;
import java.util.List;

/**
 * One state's successor events as the sleep-set rule sees them: each eviction with the line it names, each thread
 * step with what it may touch (null: anything), every other hardware event as dependent on everything. One object
 * serves one worker's states in turn ({@link #reset}).
 */
final class SleepCandidates {
    private final Machine machine;
    private final long block;
    private MachineState state;
    private int count;
    /** Per event: the line (evictions) and the key word ({@link SleepSet}); kind 0 other, 1 eviction, 2 thread. */
    private long[] lines = new long[16];
    private long[] keys = new long[16];
    private byte[] kinds = new byte[16];
    /** Per event: a thread step's footprint (null when it may touch anything, or for other events). */
    private StepFootprint[] footprints = new StepFootprint[16];
    private long[] scratch = new long[32];
    /** Events the partial-order reduction does not try from this state (null: it tries every one). */
    private boolean[] skipped;

    /** Candidates for {@code machine}, where evictions of lines in different {@code block}-byte blocks commute. */
    SleepCandidates(Machine machine, long block) {
        this.machine = machine;
        this.block = block;
    }

    /** Describes the events of {@code s}, in order. */
    void reset(MachineState s, List<Event> events) {
        state = s;
        count = events.size();
        if (count > lines.length) {
            int n = Math.max(count, 2 * lines.length);
            lines = new long[n];
            keys = new long[n];
            kinds = new byte[n];
            footprints = new StepFootprint[n];
            scratch = new long[2 * n];
        }
        for (int e = 0; e < count; e++) {
            Event ev = events.get(e);
            footprints[e] = null;
            if (ev instanceof Event.Evict x) {
                kinds[e] = 1;
                lines[e] = s.cache(x.cache()).line(x.set(), x.way()).physicalAddress();
                keys[e] = SleepSet.evictionKey(x.cache(), x.set());
            } else if (ev instanceof Event.ThreadStep t) {
                kinds[e] = 2;
                lines[e] = 0;
                keys[e] = SleepSet.threadKey(t.thread());
                footprints[e] = machine.footprint(s, t.thread());
            } else if (ev instanceof Event.Perform p) {
                kinds[e] = 2;
                lines[e] = p.op() + 1L;
                keys[e] = SleepSet.threadKey(p.thread());
                footprints[e] = machine.footprint(s, p.thread(), p.op());
            } else {
                kinds[e] = 0;
            }
        }
    }

    /**
     * Marks the events of the current state that are not tried at all (outside a persistent set): such an event
     * was not tried before a later one, so it is never put to sleep on account of it.
     */
    void skipped(boolean[] notTried) {
        this.skipped = notTried;
    }

    /** Whether event {@code e} need not be tried from this state, whose sleep set is {@code asleep}. */
    boolean asleep(int e, SleepSet asleep) {
        return kinds[e] != 0 && asleep.has(lines[e], keys[e]);
    }

    /**
     * The sleep set of the states event {@code e} leads to: the steps asleep here or tried here before {@code e}
     * that commute with it. Only evictions and thread steps with a known footprint ever sleep; a thread step
     * commutes with evictions only (never with another thread's step).
     */
    SleepSet after(int e, SleepSet asleep) {
        int n = 0;
        if (kinds[e] == 2) {
            StepFootprint f = footprints[e];
            if (f == null || asleep.isEmpty()) {
                return SleepSet.EMPTY;
            }
            for (int j = 0; j < count; j++) {
                if (kinds[j] == 1 && asleep.has(lines[j], keys[j]) && commutes(f, j)) {
                    n = add(n, j);
                }
            }
        } else if (kinds[e] == 1) {
            for (int j = 0; j < count; j++) {
                boolean wasAsleep = asleep.has(lines[j], keys[j]);
                if (j == e || (j > e && !wasAsleep) || (skipped != null && skipped[j] && !wasAsleep)) {
                    continue;
                }
                if (kinds[j] == 1 ? ((lines[j] ^ lines[e]) & -block) != 0
                        : kinds[j] == 2 && footprints[j] != null && commutes(footprints[j], e)) {
                    n = add(n, j);
                }
            }
        }
        return SleepSet.of(scratch, n);
    }

    /** Whether a thread step with footprint {@code f} commutes with eviction event {@code eviction}. */
    private boolean commutes(StepFootprint f, int eviction) {
        long key = keys[eviction];
        return machine.commutes(state, f, (int) (key >>> 32), (int) key, lines[eviction], block);
    }

    private int add(int n, int event) {
        scratch[2 * n] = lines[event];
        scratch[2 * n + 1] = keys[event];
        return n + 1;
    }
}
