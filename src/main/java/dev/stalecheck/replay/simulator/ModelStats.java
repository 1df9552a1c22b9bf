package dev.stalecheck.replay.simulator;

import java.util.List;

/**
 * The model's statistics for the traces on one machine's hierarchy.
 *
 * @param machine      the preset's name
 * @param levels       each level's counters, in path order
 * @param memoryReads  lines read from memory
 * @param memoryWrites writes that reached memory
 * @param references   references read
 * @param skipped      malformed lines skipped
 */
public record ModelStats(String machine, List<Level> levels, long memoryReads, long memoryWrites, long references,
                         long skipped) implements ReplayStats {
    /** Copies the list. */
    public ModelStats {
        levels = List.copyOf(levels);
    }

    /**
     * One level's counters.
     *
     * @param name       the level ({@code l1d})
     * @param references demand lookups
     * @param hits       hits
     * @param misses     misses
     * @param writeBacks dirty lines written back
     * @param fillBytes  bytes filled into it
     * @param bytesOut   bytes it sent to the next level
     * @param missKinds  its misses by kind, or null without {@code --classify}
     */
    public record Level(String name, long references, long hits, long misses, long writeBacks, long fillBytes,
                        long bytesOut, MissKinds missKinds) {
    }

    /**
     * Misses by Hill's three Cs.
     *
     * @param compulsory the first reference to the line ever
     * @param capacity   a fully associative LRU cache of the same size would miss too
     * @param conflict   it would hit
     */
    public record MissKinds(long compulsory, long capacity, long conflict) {
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.model(this);
    }
}
