package dev.stalecheck.replay.simulator;

import java.util.List;

/**
 * Valgrind cachegrind's counters for the traces.
 *
 * @param caches     the simulated caches
 * @param counters   the nine counters
 * @param references references read
 * @param skipped    malformed lines skipped
 */
public record CachegrindStats(Hierarchy caches, Counters counters, long references, long skipped)
        implements ReplayStats {
    /** Cachegrind's counter names, in {@link Counters#inOrder()} order. */
    public static final List<String> NAMES = List.of("Ir", "I1mr", "ILmr", "Dr", "D1mr", "DLmr", "Dw", "D1mw", "DLmw");

    /**
     * The counters, in cachegrind's order.
     *
     * @param ir   instruction references
     * @param i1mr I1 misses
     * @param ilmr LL misses of instruction references
     * @param dr   data reads (a modify counts as one)
     * @param d1mr D1 read misses
     * @param dlmr LL read misses
     * @param dw   data writes
     * @param d1mw D1 write misses
     * @param dlmw LL write misses
     */
    public record Counters(long ir, long i1mr, long ilmr, long dr, long d1mr, long dlmr, long dw, long d1mw,
                           long dlmw) {
        /** The counters in cachegrind's order (its {@code summary:} line). */
        public List<Long> inOrder() {
            return List.of(ir, i1mr, ilmr, dr, d1mr, dlmr, dw, d1mw, dlmw);
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.cachegrind(this);
    }
}
