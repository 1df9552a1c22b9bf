package dev.stalecheck.result;

import java.util.List;
import java.util.Map;

/**
 * A {@code run} execution's cost account with cycles from a latency table (assumptions: docs/cost.md).
 *
 * @param levels            one row per cache instance
 * @param memoryLineReads   lines filled from memory
 * @param memoryWrites      writes to memory (a written-back line, or one uncached store)
 * @param maintenance       maintenance instructions by kind
 * @param barriers          barriers executed
 * @param cycles            the estimate
 */
public record CostReport(List<Row> levels, long memoryLineReads, long memoryWrites, Map<String, Long> maintenance,
                         long barriers, long cycles) {
    /**
     * One cache instance's counters.
     *
     * @param cache              the instance
     * @param lookups            demand lookups
     * @param hits               hits
     * @param misses             misses
     * @param fills              lines allocated
     * @param writeBacks         lines written back
     * @param writeBackBytes     bytes written back
     * @param maintenanceLookups lines looked at by maintenance
     */
    public record Row(String cache, long lookups, long hits, long misses, long fills, long writeBacks,
                      long writeBackBytes, long maintenanceLookups) {
    }
}
