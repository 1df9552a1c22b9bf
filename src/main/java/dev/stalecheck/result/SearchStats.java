package dev.stalecheck.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a search tried, how far it got and why it stopped, counted in merge order (so the same for any number of
 * workers, but for the clock and the spill).
 *
 * @param states        distinct states stored
 * @param transitions   transitions explored
 * @param newStates     transitions that led to a state not seen before
 * @param postEnd       transitions taken from a state in which every thread had finished
 * @param depth         the deepest breadth-first level a stored state sits at (0: only the initial state)
 * @param peakQueue     most states stored but not yet expanded at any time
 * @param byKind        transitions per kind ({@code thread}, {@code evict l1d}, {@code fill l2}, {@code walk},
 *                      {@code tlb drop}, {@code clean}) in that fixed order, kinds that never occurred left out
 * @param cut           why the search stopped early, or null for a complete search
 * @param stopReason    for a cut by memory, why in words (else empty)
 * @param fingerprints  how sure it is that no two distinct states shared a fingerprint
 * @param spill         what moved off the heap into files
 * @param elapsedMillis wall time of the search (clock-dependent: reported only on request)
 */
public record SearchStats(long states, long transitions, long newStates, long postEnd, int depth, long peakQueue,
                          Map<String, Long> byKind, CutReason cut, String stopReason, Fingerprints fingerprints,
                          Spill spill, long elapsedMillis) {
    /** Copies the map, keeping its order. */
    public SearchStats {
        byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
    }

    /**
     * The fingerprints' reliability.
     *
     * @param collisionProbability estimated probability that two distinct states shared a fingerprint (n^2 / 2^65)
     * @param auditedCollisions    with {@code --audit-fingerprints}, distinct states found sharing one (else -1)
     */
    public record Fingerprints(double collisionProbability, long auditedCollisions) {
        /** Whether the audit ran. */
        public boolean audited() {
            return auditedCollisions >= 0;
        }
    }

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

    /** Whether a bound cut the search short (or it stopped once every verdict was decided). */
    public boolean isCut() {
        return cut != null;
    }

    /** Whether the search explored every state. */
    public boolean isComplete() {
        return cut == null;
    }

    /** The transitions whose kind starts with {@code prefix} ({@code "evict "}, {@code "fill "}, ...). */
    public long countStartingWith(String prefix) {
        return byKind.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** The transitions whose kind ends with {@code suffix} (a level name: {@code " l1i"}). */
    public long countEndingWith(String suffix) {
        return byKind.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(Map.Entry::getValue)
                .sum();
    }
}
