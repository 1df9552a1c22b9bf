package dev.stalecheck.support;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deliberately naive exhaustive explorer for tests: full states in a HashSet, every thread step, every hardware
 * event, every outcome. Final states are the finished states, including those reached by hardware events after
 * the last operation.
 */
public final class NaiveExplorer {
    private final Machine machine;
    private final ExploreOptions options;
    private final int limit;

    /** An explorer that gives up (throws) past {@code limit} states. */
    public NaiveExplorer(Machine machine, ExploreOptions options, int limit) {
        this.machine = machine;
        this.options = options;
        this.limit = limit;
    }

    /** Every reachable state in which all threads have finished. */
    public Set<MachineState> finalStates() {
        Set<MachineState> seen = new HashSet<>();
        Set<MachineState> finals = new LinkedHashSet<>();
        ArrayDeque<MachineState> queue = new ArrayDeque<>();
        MachineState start = machine.initialState();
        seen.add(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            MachineState s = queue.poll();
            if (machine.allFinished(s)) {
                finals.add(s);
            }
            List<Event> events = new ArrayList<>(machine.threadEvents(s));
            events.addAll(machine.hardwareEvents(s, options));
            for (Event e : events) {
                for (Outcome o : machine.outcomes(s, e)) {
                    if (seen.add(o.next())) {
                        if (seen.size() > limit) {
                            throw new IllegalStateException("more than " + limit + " states");
                        }
                        queue.add(o.next());
                    }
                }
            }
        }
        return finals;
    }
}
