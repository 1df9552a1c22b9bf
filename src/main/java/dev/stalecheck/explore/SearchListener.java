package dev.stalecheck.explore;

import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;

/** What a search reports as it goes, in breadth-first order. */
public interface SearchListener {
    /**
     * A final state was found for the first time: every thread has finished, or the state is a deadlock (a thread
     * waits for a value no step can give it: {@link dev.stalecheck.machine.Machine#deadlocked}).
     */
    void finalState(int stateId, MachineState state);

    /** A transition was explored (to a new or an already seen state). */
    void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome);

    /** Progress: how many distinct states are stored so far. */
    default void progress(long states) {
    }

    /** Progress: states, transitions, depth and queue length so far; by default passes the states on. */
    default void progress(SearchProgress p) {
        progress(p.states());
    }

    /**
     * Whether the search may stop now, with {@code states} states stored (asked after each new state, in breadth-first
     * order, so a stop is as deterministic as {@code --max-states}); the cut is then called {@code decided}.
     */
    default boolean enough(long states) {
        return false;
    }
}
