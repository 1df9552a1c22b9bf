package dev.stalecheck.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a search tried and how far it got, counted in merge order (so the same for any number of workers).
 *
 * @param transitions   transitions explored
 * @param newStates     transitions that led to a state not seen before
 * @param postEnd       transitions taken from a state in which every thread had finished
 * @param depth         the deepest breadth-first level a stored state sits at (0: only the initial state)
 * @param peakQueue     most states stored but not yet expanded at any time
 * @param cut           {@code max-states}, {@code timeout}, or empty for a complete search
 * @param byKind        transitions per kind ({@code thread}, {@code evict l1d}, {@code fill l2}, {@code walk},
 *                      {@code tlb drop}, {@code clean}) in that fixed order, kinds that never occurred left out
 * @param elapsedMillis wall time of the search (clock-dependent: reported only on request)
 */
public record SearchStats(long transitions, long newStates, long postEnd, int depth, long peakQueue, String cut,
                          Map<String, Long> byKind, long elapsedMillis) {
    /** Copies the map, keeping its order. */
    public SearchStats {
        byKind = Collections.unmodifiableMap(new LinkedHashMap<>(byKind));
    }

    /** Whether a bound cut the search short. */
    public boolean isCut() {
        return !cut.isEmpty();
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
