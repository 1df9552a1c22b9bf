package dev.stalecheck.explore;

/**
 * Whether a search's live heap data has reached its memory budget, asked once per merged chunk.
 *
 * <p>Heap in use counts garbage too, so it only tells when to look: once it passes {@value #LOOK_SHARE} of the
 * budget, a full collection measures what is live (the collector would soon run one anyway when the budget is the
 * whole heap). The budget is reached when more than {@value #LIVE_SHARE} of it is live: the rest is room for the
 * collector and the next level's short-lived states. Collections are spaced so that they take at most a fifth of the
 * time.
 */
final class MemoryWatch {
    static final double LOOK_SHARE = 0.9;
    static final double LIVE_SHARE = 0.8;

    private final long budget;
    private long nextLook = System.nanoTime();

    /** A watch over {@code budgetBytes} of heap (at most the heap the JVM may grow to). */
    MemoryWatch(long budgetBytes) {
        this.budget = Math.min(budgetBytes, Runtime.getRuntime().maxMemory());
    }

    /** True when the live data has reached the budget (then the search should stop). */
    boolean exceeded() {
        Runtime rt = Runtime.getRuntime();
        if (rt.totalMemory() - rt.freeMemory() < LOOK_SHARE * budget) {
            return false;
        }
        long start = System.nanoTime();
        if (start - nextLook < 0) {
            return false;
        }
        System.gc();
        long end = System.nanoTime();
        nextLook = end + 4 * (end - start);
        return rt.totalMemory() - rt.freeMemory() > LIVE_SHARE * budget;
    }
}
