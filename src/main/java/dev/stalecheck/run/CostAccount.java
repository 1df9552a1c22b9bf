package dev.stalecheck.run;

import dev.stalecheck.machine.StepObserver;
import dev.stalecheck.program.Op;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an execution did to the memory system, counted as it ran (the {@code run} cost account): per cache
 * instance lookups, hits, misses, line fills and write-backs; memory line reads and writes; maintenance
 * instructions by kind and the lines they looked at; barriers. Mutable: one account follows one execution, as the
 * machine's {@link StepObserver}.
 */
public final class CostAccount implements StepObserver {
    /** Counters of one cache instance. */
    public static final class Level {
        private long lookups;
        private long hits;
        private long misses;
        private long fills;
        private long writeBacks;
        private long writeBackBytes;
        private long maintenanceLookups;

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
    private long memoryLineReads;
    private long memoryWrites;
    private long barriers;
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

    @Override
    public void instruction(Op op) {
        if (op instanceof Op.DataCacheByAddress d) {
            operation(d.kind().text());
        } else if (op instanceof Op.DataCacheBySetWay sw) {
            operation("dc " + sw.action().setWayText());
        } else if (op instanceof Op.DataCacheWholeLevel w) {
            operation("dc " + w.action().wholeLevelText());
        } else if (op instanceof Op.InstructionCacheOp i) {
            operation(i.kind().text());
        } else if (op instanceof Op.OuterCacheOp o) {
            operation(o.kind().text());
        } else if (op instanceof Op.TlbInvalidate t) {
            operation("tlbi " + t.kind().name().toLowerCase(Locale.ROOT));
        } else if (op instanceof Op.SmmuTlbi t) {
            operation("smmu tlbi " + t.kind().word());
        } else if (op instanceof Op.Barrier) {
            barriers++;
        } else if (!(op instanceof Op.Load || op instanceof Op.Store || op instanceof Op.Wait || op instanceof Op.Fetch
                || op instanceof Op.Translate || op instanceof Op.ControlChange)) {
            throw new AssertionError("unknown operation " + op);
        }
    }

    @Override
    public void lookup(int id, boolean hit) {
        Level l = levels[id];
        l.lookups++;
        if (hit) {
            l.hits++;
        } else {
            l.misses++;
        }
    }

    @Override
    public void fill(int id) {
        levels[id].fills++;
    }

    @Override
    public void writeBack(int id, int bytes) {
        Level l = levels[id];
        l.writeBacks++;
        l.writeBackBytes += bytes;
    }

    @Override
    public void memoryLineRead() {
        memoryLineReads++;
    }

    @Override
    public void memoryWrite() {
        memoryWrites++;
    }

    @Override
    public void maintenanceLookups(int id, long lines) {
        levels[id].maintenanceLookups += lines;
    }

    private void operation(String kind) {
        maintenance.merge(kind, 1L, Long::sum);
    }
}
