package dev.stalecheck.explore;

import java.nio.file.Path;

/**
 * How much memory a search may fill and where it spills what does not stay on the heap.
 *
 * @param budgetBytes heap the search may fill; when its live data reaches this, the search stops, cut by memory
 * @param spillAfter  states whose visited-set and log entries stay on the heap before both move to files in
 *                    {@code spillDir}; negative: derived from the budget ({@link #heapStates()})
 * @param spillDir    where the spill files go (they are deleted at once and vanish with the process)
 */
public record SearchMemory(long budgetBytes, long spillAfter, Path spillDir) {
    /** Heap bytes per state that the visited set (up to 32) and the state log (12) may take, with room to spare. */
    private static final long HEAP_BYTES_PER_STATE = 64;
    /** Share of the budget (one in this many) that the visited set and state log may take on the heap. */
    private static final long HEAP_SHARE = 4;

    /** Checks the budget. */
    public SearchMemory {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("the memory budget must be positive");
        }
    }

    /** The whole heap the JVM may grow to, spilling to the system's temporary directory. */
    public static SearchMemory defaults() {
        return new SearchMemory(Runtime.getRuntime().maxMemory(), -1, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** States kept on the heap before the visited set and the state log spill. */
    public long heapStates() {
        return spillAfter >= 0 ? spillAfter : budgetBytes / HEAP_SHARE / HEAP_BYTES_PER_STATE;
    }
}
