package dev.stalecheck.machine;

import dev.stalecheck.program.Op;

/**
 * What a step does to the memory system, told as it happens: the instruction it runs, each cache lookup, fill and
 * write-back, each line read from and write to memory, each line maintenance looks at, and for an observer that
 * records effects, every {@link Effect} and labelled choice. Clients (the {@code run} cost account, the effect log
 * that traces and the viewer read, a property test against the replay simulator) take what they need; every method
 * does nothing by default.
 */
public interface StepObserver {
    /** An observer that ignores everything (search and explain steps). */
    StepObserver NONE = new StepObserver() {
    };

    /**
     * Whether the step should build and tell every {@link Effect} and labelled choice; when no observer does (a
     * search step), only hazards are kept, and none of the words that describe the rest are built.
     */
    default boolean recordsEffects() {
        return false;
    }

    /** One thing the step did, in order (told only to an observer that records effects). */
    default void effect(Effect e) {
    }

    /** A choice made within the step, in order (told only to an observer that records effects). */
    default void choice(Label label) {
    }

    /** A thread's operation, told before it runs (device operations are not told). */
    default void instruction(Op op) {
    }

    /** A demand lookup of cache instance {@code cache} (load, store, fetch or a fill from an inner level). */
    default void lookup(int cache, boolean hit) {
    }

    /** A line allocated in cache instance {@code cache}. */
    default void fill(int cache) {
    }

    /** A dirty line of {@code bytes} bytes written back from cache instance {@code cache}. */
    default void writeBack(int cache, int bytes) {
    }

    /** A line read from memory by a fill. */
    default void memoryLineRead() {
    }

    /** A write that reached memory: a line written back, or one non-cacheable or write-through store. */
    default void memoryWrite() {
    }

    /** {@code lines} lines of cache instance {@code cache} looked at by maintenance (by VA, set/way or whole level). */
    default void maintenanceLookups(int cache, long lines) {
    }
}
