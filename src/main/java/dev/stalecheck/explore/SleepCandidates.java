package dev.stalecheck.explore;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.StepFootprint;
import java.util.List;

/**
 * One state's successor events as the sleep-set rule sees them: each eviction with the line it names, each thread
 * step with what it may touch (null: anything), every other hardware event as dependent on everything.
 */
final class SleepCandidates {
    private final Machine machine;
    private final MachineState state;
    private final List<Event> events;
    private final long block;
    /** Per event: the cache of an eviction, else -1; its set and line. */
    private final int[] caches;
    private final int[] sets;
    private final long[] lines;
    /** Per event: a thread step's footprint (null when it may touch anything, or for other events). */
    private final StepFootprint[] footprints;

    /** The events of {@code state}; evictions of lines in different {@code block}-byte blocks commute. */
    SleepCandidates(Machine machine, MachineState state, List<Event> events, long block) {
        this.machine = machine;
        this.state = state;
        this.events = events;
        this.block = block;
        int n = events.size();
        caches = new int[n];
        sets = new int[n];
        lines = new long[n];
        footprints = new StepFootprint[n];
        for (int e = 0; e < n; e++) {
            Event ev = events.get(e);
            caches[e] = -1;
            if (ev instanceof Event.Evict x) {
                caches[e] = x.cache();
                sets[e] = x.set();
                lines[e] = state.cache(x.cache()).line(x.set(), x.way()).physicalAddress();
            } else if (ev instanceof Event.ThreadStep t) {
                footprints[e] = machine.footprint(state, t.thread());
            }
        }
    }

    /** Whether event {@code e} need not be tried from this state, whose sleep set is {@code asleep}. */
    boolean asleep(int e, SleepSet asleep) {
        if (caches[e] >= 0) {
            return asleep.hasEviction(caches[e], sets[e], lines[e]);
        }
        return events.get(e) instanceof Event.ThreadStep t && asleep.hasThread(t.thread());
    }

    /**
     * The sleep set of the states event {@code e} leads to: the steps asleep here or tried here before {@code e}
     * that commute with it. Only evictions and thread steps with a known footprint ever sleep; a thread step
     * commutes with evictions only (never with another thread's step).
     */
    SleepSet after(int e, SleepSet asleep) {
        Event ev = events.get(e);
        SleepSet.Builder b = new SleepSet.Builder();
        if (ev instanceof Event.ThreadStep) {
            StepFootprint f = footprints[e];
            if (f == null) {
                return SleepSet.EMPTY;
            }
            for (int j = 0; j < caches.length; j++) {
                if (caches[j] >= 0 && asleep.hasEviction(caches[j], sets[j], lines[j])
                        && machine.commutes(state, f, caches[j], sets[j], lines[j], block)) {
                    b.addEviction(caches[j], sets[j], lines[j]);
                }
            }
            return b.build();
        }
        if (caches[e] < 0) {
            return SleepSet.EMPTY;
        }
        for (int j = 0; j < caches.length; j++) {
            if (j == e) {
                continue;
            }
            if (caches[j] >= 0) {
                if ((j < e || asleep.hasEviction(caches[j], sets[j], lines[j])) && ((lines[j] ^ lines[e]) & -block) != 0) {
                    b.addEviction(caches[j], sets[j], lines[j]);
                }
            } else if (footprints[j] != null && events.get(j) instanceof Event.ThreadStep t
                    && (j < e || asleep.hasThread(t.thread()))
                    && machine.commutes(state, footprints[j], caches[e], sets[e], lines[e], block)) {
                b.addThread(t.thread());
            }
        }
        return b.build();
    }
}
