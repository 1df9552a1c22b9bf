package dev.stalecheck.machine;

import dev.stalecheck.program.Op;

/**
 * What a step does to the memory system, told as it happens: the instruction it runs, each cache lookup, fill and
 * write-back, each line read from and write to memory, each line maintenance looks at. Clients (the {@code run} cost
 * account, a property test against the replay simulator) count what they need; every method does nothing by default.
 */
public interface StepObserver {
    /** An observer that ignores everything (search and explain steps). */
    StepObserver NONE = new StepObserver() {
    };

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
