package dev.stalecheck.machine;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an execution did to the memory system, counted as it ran (the {@code run} cost account): per cache
 * instance lookups, hits, misses, line fills and write-backs; memory line reads and writes; maintenance
 * instructions by kind and the lines they looked at; barriers. Mutable: one account follows one execution.
 */
public final class CostAccount {
    /** Counters of one cache instance. */
    public static final class Level {
        long lookups;
        long hits;
        long misses;
        long fills;
        long writeBacks;
        long writeBackBytes;
        long maintenanceLookups;

        /** Demand lookups (loads, stores, fetches, fills from inner levels). */
        public long lookups() {
            return lookups;
        }

        /** Lookups that found the line. */
        public long hits() {
            return hits;
        }

        /** Lookups that did not. */
        public long misses() {
            return misses;
        }

        /** Lines allocated. */
        public long fills() {
            return fills;
        }

        /** Lines written back from this cache. */
        public long writeBacks() {
            return writeBacks;
        }

        /** Bytes written back from this cache. */
        public long writeBackBytes() {
            return writeBackBytes;
        }

        /** Lines looked at by maintenance (by VA, set/way slot or whole-level slot). */
        public long maintenanceLookups() {
            return maintenanceLookups;
        }
    }

    private final Level[] levels;
    long memoryLineReads;
    long memoryWrites;
    long barriers;
    private final Map<String, Long> maintenance = new TreeMap<>();

    /** An empty account for a machine with {@code caches} cache instances. */
    public CostAccount(int caches) {
        levels = new Level[caches];
        for (int i = 0; i < caches; i++) {
            levels[i] = new Level();
        }
    }

    /** The counters of cache instance {@code id}. */
    public Level level(int id) {
        return levels[id];
    }

    /** Lines read from memory by fills. */
    public long memoryLineReads() {
        return memoryLineReads;
    }

    /** Writes to memory: a line written back, or one non-cacheable or write-through store. */
    public long memoryWrites() {
        return memoryWrites;
    }

    /** Barriers executed. */
    public long barriers() {
        return barriers;
    }

    /** Maintenance instructions by kind ({@code dc civac}, {@code dc cisw}, ...). */
    public Map<String, Long> maintenance() {
        return maintenance;
    }

    void lookup(int id, boolean hit) {
        Level l = levels[id];
        l.lookups++;
        if (hit) {
            l.hits++;
        } else {
            l.misses++;
        }
    }

    void operation(String kind) {
        maintenance.merge(kind, 1L, Long::sum);
    }
}
