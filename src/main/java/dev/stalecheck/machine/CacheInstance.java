package dev.stalecheck.machine;

import dev.stalecheck.cache.SetIndex;
import dev.stalecheck.config.CacheLevelConfig;

/**
 * One physical cache of the machine: a level's private copy for one cpu, or a shared level's only copy.
 *
 * @param id    position in {@link CacheTopology#instances()} (the report order)
 * @param level the level's configuration
 * @param cpu   owning cpu, or -1 for a shared level
 * @param index the level's index function
 */
public record CacheInstance(int id, CacheLevelConfig level, int cpu, SetIndex index) {
    /** {@code cpu0.l1d} for a private cache, {@code l2} for a shared one. */
    public String name() {
        return cpu < 0 ? level.name() : "cpu" + cpu + "." + level.name();
    }

    /** Whether one copy serves every cpu. */
    public boolean isShared() {
        return cpu < 0;
    }

    /** Whether this is an L1 instruction cache. */
    public boolean isInstruction() {
        return level.isInstruction();
    }

    /** Line size in bytes. */
    public int lineBytes() {
        return level.geometry().lineBytes();
    }

    /** The line-aligned address of {@code pa} at this cache's line size. */
    public long lineOf(long pa) {
        return index.lineAddress(pa);
    }

    /** Associativity. */
    public int ways() {
        return level.geometry().ways();
    }

    /** Depth of the level (1 for L1). */
    public int depth() {
        return level.depth();
    }
}
