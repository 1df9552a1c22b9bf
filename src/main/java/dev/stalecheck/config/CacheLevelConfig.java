package dev.stalecheck.config;

import java.util.regex.Pattern;

/**
 * One cache level as the machine block describes it: name, geometry, indexing and policies.
 *
 * @param name          {@code l1d}, {@code l1i}, or {@code l2} .. {@code l9}
 * @param geometry      size, ways and line size
 * @param indexing      PIPT, or VIPT with physical tags
 * @param writePolicy   write-back or write-through
 * @param writeAllocate whether a store miss fills the line here (else the store passes outward)
 * @param shared        one instance for all cpus (else one per cpu)
 * @param system        a system cache inside the PoC, invisible to non-cacheable accesses and memory-side devices
 * @param outer         an external cache maintained only by physical address ({@code outer} operations)
 * @param wtBypass      data accesses through {@code normal-wt} mappings neither look up nor allocate here
 * @param inclusive     every line of an L1 data cache whose data path passes here is also here: a line leaving this
 *                      level back-invalidates those L1D copies first (docs/semantics.md, inclusive levels)
 */
public record CacheLevelConfig(String name, CacheGeometry geometry, Indexing indexing, WritePolicy writePolicy,
                               boolean writeAllocate, boolean shared, boolean system, boolean outer, boolean wtBypass,
                               boolean inclusive) {
    private static final Pattern NAME = Pattern.compile("l1d|l1i|l[2-9]");

    /** Validates the combination of flags; every failure names the level. */
    public CacheLevelConfig {
        if (name == null || !isLevelName(name)) {
            throw new ConfigException("cache level '" + name + "': expected l1d, l1i or l2 .. l9");
        }
        if (geometry == null || indexing == null || writePolicy == null) {
            throw new ConfigException("cache " + name + ": geometry, indexing and write policy are required");
        }
        if (name.startsWith("l1") && (shared || system || outer)) {
            throw new ConfigException("cache " + name + ": a level-1 cache is private to its cpu"
                    + " (shared, system and outer are for l2 and beyond)");
        }
        if (wtBypass && name.equals("l1i")) {
            throw new ConfigException("cache l1i: wt-bypass applies to data and unified levels");
        }
        if (inclusive && (name.startsWith("l1") || outer)) {
            throw new ConfigException("cache " + name + ": inclusive is for a level beyond l1 that is not outer");
        }
        if (system && outer) {
            throw new ConfigException("cache " + name + ": a level cannot be both system and outer");
        }
        if ((system || outer) && !shared) {
            throw new ConfigException("cache " + name + ": system and outer caches are shared");
        }
    }

    /** A level that caches write-through mappings like any other. */
    public CacheLevelConfig(String name, CacheGeometry geometry, Indexing indexing, WritePolicy writePolicy,
                            boolean writeAllocate, boolean shared, boolean system, boolean outer) {
        this(name, geometry, indexing, writePolicy, writeAllocate, shared, system, outer, false, false);
    }

    /** A level that is not inclusive. */
    public CacheLevelConfig(String name, CacheGeometry geometry, Indexing indexing, WritePolicy writePolicy,
                            boolean writeAllocate, boolean shared, boolean system, boolean outer, boolean wtBypass) {
        this(name, geometry, indexing, writePolicy, writeAllocate, shared, system, outer, wtBypass, false);
    }

    /** This level with {@code wt-bypass} set. */
    public CacheLevelConfig bypassingWriteThrough() {
        return new CacheLevelConfig(name, geometry, indexing, writePolicy, writeAllocate, shared, system, outer, true,
                inclusive);
    }

    /** This level with {@code inclusive} set: it holds every line of the L1 data caches inside it. */
    public CacheLevelConfig includingL1d() {
        return new CacheLevelConfig(name, geometry, indexing, writePolicy, writeAllocate, shared, system, outer,
                wtBypass, true);
    }

    /** A write-back, write-allocate PIPT level with the sharing that the name implies (private L1, shared beyond). */
    public static CacheLevelConfig defaults(String name, CacheGeometry geometry) {
        boolean l1 = name.startsWith("l1");
        return new CacheLevelConfig(name, geometry, Indexing.PIPT, WritePolicy.WRITE_BACK, true, !l1, false, false);
    }

    /** 1 for {@code l1d}/{@code l1i}, N for {@code lN}. */
    public int depth() {
        return levelDepth(name);
    }

    /** Whether this is {@code l1d} or {@code l1i}. */
    public boolean isLevelOne() {
        return name.startsWith("l1");
    }

    /** Whether this is the level-1 instruction cache. */
    public boolean isInstruction() {
        return name.equals("l1i");
    }

    /** Whether {@code name} names a level: {@code l1d}, {@code l1i} or {@code l2} .. {@code l9}. */
    public static boolean isLevelName(String name) {
        return NAME.matcher(name).matches();
    }

    /** The depth a level name stands for: 1 for {@code l1d}/{@code l1i}, N for {@code lN}. */
    public static int levelDepth(String name) {
        return name.startsWith("l1") ? 1 : name.charAt(1) - '0';
    }

    /** Number of colours for a page of {@code pageBytes}: 1 unless VIPT with a way larger than a page. */
    public int colours(int pageBytes) {
        if (indexing != Indexing.VIPT) {
            return 1;
        }
        return Math.max(1, geometry.wayBytes() / pageBytes);
    }

    /** The {@code cache} line that declares this level in the scenario language. */
    public String describe() {
        StringBuilder b = new StringBuilder(name).append(' ').append(geometry.describe()).append(' ')
                .append(indexing.word());
        if (!isInstruction()) {
            b.append(' ').append(writePolicy.word()).append(writeAllocate ? " write-allocate" : " no-write-allocate");
        }
        if (shared) {
            b.append(" shared");
        } else if (!isLevelOne()) {
            b.append(" private");
        }
        if (system) {
            b.append(" system");
        }
        if (outer) {
            b.append(" outer");
        }
        if (wtBypass) {
            b.append(" wt-bypass");
        }
        if (inclusive) {
            b.append(" inclusive");
        }
        return b.toString();
    }
}
