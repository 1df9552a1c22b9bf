package dev.stalecheck.explore;

import dev.stalecheck.result.SearchStats;

/**
 * What a search did.
 *
 * @param states               distinct states stored
 * @param transitions          transitions explored
 * @param complete             false when a bound cut the search short
 * @param cutBy                {@code max-states}, {@code timeout}, {@code memory}, or empty
 * @param collisionProbability estimated probability that two distinct states shared a fingerprint (n^2 / 2^65)
 * @param auditedCollisions    with the audit on, distinct states found sharing a fingerprint (else -1)
 * @param millis               wall time
 * @param stats                transitions by kind, new states, depth, queue length and cut
 * @param spill                what moved off the heap into files
 * @param stopReason           for a cut by memory, why in words (else empty)
 */
public record Exploration(long states, long transitions, boolean complete, String cutBy, double collisionProbability,
                          long auditedCollisions, long millis, SearchStats stats, Spill spill, String stopReason) {
    /**
     * The bytes of the visited set and of the state log held in files in {@code dir} (both 0 when nothing spilled).
     *
     * @param visitedBytes the visited set's file
     * @param logBytes     the state log's file
     * @param dir          the spill directory
     */
    public record Spill(long visitedBytes, long logBytes, String dir) {
        /** Whether anything left the heap. */
        public boolean any() {
            return visitedBytes > 0 || logBytes > 0;
        }
    }
}
