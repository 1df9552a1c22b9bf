package dev.stalecheck.replay.simulator;

import java.util.List;

/**
 * Dinero IV's accounting for the traces: split L1 caches and a unified last level.
 *
 * @param hierarchy  the simulated caches' geometries
 * @param caches     each cache's counters, nearest the processor first
 * @param references references read
 * @param skipped    malformed lines skipped
 */
public record DineroStats(Hierarchy hierarchy, List<Cache> caches, long references, long skipped)
        implements ReplayStats {
    /** Copies the list. */
    public DineroStats {
        caches = List.copyOf(caches);
    }

    /**
     * One cache's counters, Dinero IV's metrics.
     *
     * @param name           Dinero's name for it ({@code l1-dcache})
     * @param fetches        demand fetches by access type
     * @param misses         demand misses by access type
     * @param multiblockRefs references that touched more than one block (counted once per extra block)
     * @param writeBacks     dirty blocks written to the next level
     * @param bytesFromNext  bytes fetched from the next level
     * @param bytesToNext    bytes written to the next level
     */
    public record Cache(String name, ByType fetches, ByType misses, long multiblockRefs, long writeBacks,
                        long bytesFromNext, long bytesToNext) {
    }

    /**
     * A count by access type.
     *
     * @param read   data reads
     * @param write  data writes
     * @param instrn instruction fetches
     */
    public record ByType(long read, long write, long instrn) {
        /** Every type. */
        public long total() {
            return read + write + instrn;
        }

        /** Reads and writes. */
        public long data() {
            return read + write;
        }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dinero(this);
    }
}
