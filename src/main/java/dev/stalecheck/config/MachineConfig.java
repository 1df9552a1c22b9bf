package dev.stalecheck.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated machine: cpus, cache levels and the implementation-defined choices that decide verdicts.
 *
 * <p>Levels are kept in path order: {@code l1i}, {@code l1d}, then {@code l2}, {@code l3}, ... A point
 * ({@code pou}, {@code poc}) is a level or memory; the walker starts at a point or at any level.
 */
public final class MachineConfig {
    /** Most cpus a machine may have. */
    public static final int MAX_CPUS = 16;

    private final String name;
    private final Architecture architecture;
    private final int cpus;
    private final List<CacheLevelConfig> levels;
    private final List<CacheLevelConfig> dataPathLevels;
    private final Map<String, InvalidatePolicy> invalidate;
    private final DisabledHits disabledHits;
    private final Point pou;
    private final Point poc;
    private final WalkerStart walker;
    private final int tlbEntries;
    private final int wordBits;
    private final int pageBytes;
    private final List<String> warnings;
    private final List<String> invalidateNamed;

    private MachineConfig(Builder b) {
        this.name = b.name;
        this.architecture = b.architecture;
        this.cpus = b.cpus;
        List<CacheLevelConfig> sorted = new ArrayList<>(b.levels.values());
        sorted.sort(Comparator.comparingInt(CacheLevelConfig::depth)
                .thenComparing(l -> l.isInstruction() ? 0 : 1));
        this.levels = List.copyOf(sorted);
        this.dataPathLevels = levels.stream().filter(l -> !l.isInstruction()).toList();
        Map<String, InvalidatePolicy> inv = new LinkedHashMap<>();
        for (CacheLevelConfig l : levels) {
            inv.put(l.name(), b.invalidate.getOrDefault(l.name(), InvalidatePolicy.ANY));
        }
        this.invalidate = Map.copyOf(inv);
        this.disabledHits = b.disabledHits;
        this.pou = b.pou;
        this.poc = b.poc;
        this.walker = b.walker;
        this.tlbEntries = b.tlbEntries;
        this.wordBits = b.wordBits;
        this.pageBytes = b.pageBytes;
        this.invalidateNamed = List.copyOf(b.invalidate.keySet());
        this.warnings = validate();
    }

    private List<String> validate() {
        if (cpus < 1 || cpus > MAX_CPUS) {
            throw new ConfigException("cpus " + cpus + ": must be from 1 to " + MAX_CPUS);
        }
        if (wordBits != 32 && wordBits != 64) {
            throw new ConfigException("word " + wordBits + ": must be 32 or 64");
        }
        if (pageBytes < 1024 || pageBytes > 65536 || Integer.bitCount(pageBytes) != 1) {
            throw new ConfigException("page " + pageBytes + "B: must be a power of two from 1K to 64K");
        }
        if (tlbEntries < 1 || tlbEntries > 4096) {
            throw new ConfigException("tlb " + tlbEntries + ": must be from 1 to 4096 entries");
        }
        boolean seenShared = false;
        int previousLine = 0;
        for (CacheLevelConfig l : dataPathLevels()) {
            if (l.geometry().lineBytes() < previousLine) {
                throw new ConfigException("cache " + l.name() + ": line size " + l.geometry().lineBytes()
                        + "B is smaller than an inner level's " + previousLine + "B (line sizes may not shrink going outward)");
            }
            previousLine = l.geometry().lineBytes();
            if (l.shared()) {
                seenShared = true;
            } else if (seenShared) {
                throw new ConfigException("cache " + l.name() + ": a private level cannot lie beyond a shared level");
            } else if (!l.isLevelOne() && cpus > 1) {
                throw new ConfigException("cache " + l.name() + ": private levels beyond L1 are supported with one cpu"
                        + " only; make it shared or use cpus 1");
            }
        }
        Optional<CacheLevelConfig> l1d = level("l1d");
        for (CacheLevelConfig l : levels) {
            if (l.inclusive() && l.wtBypass() && l1d.isPresent() && !l1d.get().wtBypass()) {
                throw new ConfigException("cache " + l.name() + ": an inclusive level with wt-bypass needs wt-bypass on"
                        + " l1d too (else a write-through line could sit in l1d without it)");
            }
        }
        level("l1i").ifPresent(i -> {
            Optional<CacheLevelConfig> next = levels.stream().filter(l -> l.depth() > 1).findFirst();
            if (next.isPresent() && next.get().geometry().lineBytes() < i.geometry().lineBytes()) {
                throw new ConfigException("cache " + next.get().name() + ": line size smaller than l1i's"
                        + " (line sizes may not shrink going outward)");
            }
        });
        for (CacheLevelConfig l : levels) {
            if (l.colours(pageBytes) > 64) {
                throw new ConfigException("cache " + l.name() + ": " + l.colours(pageBytes)
                        + " colours (way size / page) is more than the 64 the model supports");
            }
        }
        checkPoint("pou", pou);
        checkPoint("poc", poc);
        if (poc instanceof Point.Level l && level(l.name()).orElseThrow().system()) {
            throw new ConfigException("poc " + poc.word()
                    + ": a system cache lies inside the point of coherency, not at it");
        }
        for (CacheLevelConfig l : levels) {
            if (l.system() && l.depth() >= poc.depth()) {
                throw new ConfigException("cache " + l.name() + ": a system cache must lie inside the point of coherency"
                        + " (poc " + poc.word() + ")");
            }
        }
        for (String named : invalidateNamed) {
            if (level(named).isEmpty()) {
                throw new ConfigException("invalidate " + named + ": the machine has no such cache level");
            }
        }
        if (poc.depth() < pou.depth()) {
            throw new ConfigException("poc " + poc.word() + " lies before pou " + pou.word()
                    + ": the point of coherency cannot be inside the point of unification");
        }
        if (walker instanceof WalkerStart.From from && from.point() instanceof Point.Level l
                && (level(l.name()).isEmpty() || l.name().equals("l1i"))) {
            throw new ConfigException("walker " + walker.word() + ": the machine has no such data cache level"
                    + " (expected l1, a level it has, memory or any)");
        }
        List<String> w = new ArrayList<>();
        for (CacheLevelConfig l : levels) {
            if (!l.isInstruction() && l.colours(pageBytes) > 1 && architecture != Architecture.ARMV6) {
                w.add("cache " + l.name() + " is an aliasing vipt data cache (" + l.colours(pageBytes)
                        + " colours) on an " + architecture.text() + " machine, whose data caches behave as PIPT");
            }
        }
        if (pou instanceof Point.Level && walker instanceof WalkerStart.From from
                && from.point().depth() > pou.depth()) {
            w.add("pou " + pou.word() + " is a level the table walker (walker " + walker.word()
                    + ") does not read through");
        }
        return List.copyOf(w);
    }

    private void checkPoint(String field, Point point) {
        if (!(point instanceof Point.Level named)) {
            return;
        }
        Optional<CacheLevelConfig> l = level(named.name());
        if (l.isEmpty()) {
            throw new ConfigException(field + " " + point.word() + ": the machine has no such cache level");
        }
        if (l.get().isLevelOne()) {
            throw new ConfigException(field + " " + point.word() + ": a point must be a level beyond l1 or memory");
        }
    }

    /** A builder starting from this configuration (how machine-block overrides apply to a preset). */
    public Builder toBuilder() {
        Builder b = new Builder(name, architecture);
        b.cpus = cpus;
        for (CacheLevelConfig l : levels) {
            b.levels.put(l.name(), l);
        }
        b.invalidate.putAll(invalidate);
        b.disabledHits = disabledHits;
        b.pou = pou;
        b.poc = poc;
        b.walker = walker;
        b.tlbEntries = tlbEntries;
        b.wordBits = wordBits;
        b.pageBytes = pageBytes;
        return b;
    }

    /** The preset (or user) name of this machine. */
    public String name() {
        return name;
    }

    /** The architecture version, which decides warnings. */
    public Architecture architecture() {
        return architecture;
    }

    /** Number of cpus. */
    public int cpus() {
        return cpus;
    }

    /** Levels in path order ({@code l1i}, {@code l1d}, {@code l2}, ...). */
    public List<CacheLevelConfig> levels() {
        return levels;
    }

    /** The data path's levels: {@code l1d} then every level beyond L1, inner to outer. */
    public List<CacheLevelConfig> dataPathLevels() {
        return dataPathLevels;
    }

    /** The level with this name, if the machine has it. */
    public Optional<CacheLevelConfig> level(String levelName) {
        return levels.stream().filter(l -> l.name().equals(levelName)).findFirst();
    }

    /** What an invalidate does to a dirty line at this level. */
    public InvalidatePolicy invalidatePolicy(String levelName) {
        return invalidate.getOrDefault(levelName, InvalidatePolicy.ANY);
    }

    /** Whether present lines hit with caches off. */
    public DisabledHits disabledHits() {
        return disabledHits;
    }

    /** Point of unification: a level or memory. */
    public Point pou() {
        return pou;
    }

    /** Point of coherency: a level or memory. */
    public Point poc() {
        return poc;
    }

    /** Where table walks start: a data level or memory, or any. */
    public WalkerStart walker() {
        return walker;
    }

    /** TLB entries per cpu. */
    public int tlbEntries() {
        return tlbEntries;
    }

    /** Default access width in bits. */
    public int wordBits() {
        return wordBits;
    }

    /** Page size in bytes (decides VIPT colours). */
    public int pageBytes() {
        return pageBytes;
    }

    /** Warnings about a legal but suspicious machine (aliasing VIPT data cache on ARMv7+, PoU the walker skips). */
    public List<String> warnings() {
        return warnings;
    }

    /** Smallest data line size in the machine ({@code line} in the language); the page size if there is no data cache. */
    public int smallestDataLine() {
        return dataPathLevels().stream().mapToInt(l -> l.geometry().lineBytes()).min().orElse(pageBytes);
    }

    /** Smallest instruction line size ({@code iline}); the data line if there is no L1I. */
    public int smallestInstructionLine() {
        return level("l1i").map(l -> l.geometry().lineBytes()).orElse(smallestDataLine());
    }

    /** Mutable builder for a {@link MachineConfig}; {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private final Architecture architecture;
        private int cpus = 1;
        private final Map<String, CacheLevelConfig> levels = new LinkedHashMap<>();
        private final Map<String, InvalidatePolicy> invalidate = new LinkedHashMap<>();
        private DisabledHits disabledHits = DisabledHits.ANY;
        private Point pou = Point.MEMORY;
        private Point poc = Point.MEMORY;
        private WalkerStart walker = WalkerStart.ANY;
        private int tlbEntries = 32;
        private int wordBits = 64;
        private int pageBytes = 4096;

        /** Starts an empty machine (1 cpu, no caches, every choice {@code any}). */
        public Builder(String name, Architecture architecture) {
            this.name = name;
            this.architecture = architecture;
        }

        /** Sets the number of cpus. */
        public Builder cpus(int n) {
            this.cpus = n;
            return this;
        }

        /** Adds or replaces a level whole. */
        public Builder cache(CacheLevelConfig level) {
            levels.put(level.name(), level);
            return this;
        }

        /**
         * Removes a level (a no-op if absent) with its settings; a {@code pou}, {@code poc} or walker start that
         * named it moves to the next level outward, or memory.
         */
        public Builder removeCache(String levelName) {
            if (levels.remove(levelName) == null) {
                return this;
            }
            invalidate.remove(levelName);
            Point removed = Point.level(levelName);
            pou = pou.equals(removed) ? nextOutward(levelName) : pou;
            poc = poc.equals(removed) ? nextOutward(levelName) : poc;
            if (walker instanceof WalkerStart.From from && from.point().equals(removed)) {
                walker = new WalkerStart.From(nextOutward(levelName));
            }
            return this;
        }

        private Point nextOutward(String levelName) {
            int depth = CacheLevelConfig.levelDepth(levelName);
            return levels.values().stream().filter(l -> l.depth() > depth)
                    .min(Comparator.comparingInt(CacheLevelConfig::depth)).map(l -> Point.level(l.name()))
                    .orElse(Point.MEMORY);
        }

        /** Sets what an invalidate does to a dirty line at a level. */
        public Builder invalidate(String levelName, InvalidatePolicy policy) {
            invalidate.put(levelName, policy);
            return this;
        }

        /** Sets the same invalidate policy for every level present now. */
        public Builder invalidateAll(InvalidatePolicy policy) {
            for (String l : levels.keySet()) {
                invalidate.put(l, policy);
            }
            return this;
        }

        /** Sets whether present lines hit with caches off. */
        public Builder disabledHits(DisabledHits d) {
            this.disabledHits = d;
            return this;
        }

        /** Sets the point of unification (a level or memory). */
        public Builder pou(Point point) {
            this.pou = point;
            return this;
        }

        /** Sets the point of coherency (a level or memory). */
        public Builder poc(Point point) {
            this.poc = point;
            return this;
        }

        /** Sets where table walks start. */
        public Builder walker(WalkerStart start) {
            this.walker = start;
            return this;
        }

        /** Sets the TLB entries per cpu. */
        public Builder tlb(int entries) {
            this.tlbEntries = entries;
            return this;
        }

        /** Sets the default access width in bits. */
        public Builder word(int bits) {
            this.wordBits = bits;
            return this;
        }

        /** Sets the page size in bytes. */
        public Builder page(int bytes) {
            this.pageBytes = bytes;
            return this;
        }

        /** Whether a level with this name is present. */
        public boolean hasCache(String levelName) {
            return levels.containsKey(levelName);
        }

        /** Validates and builds; a bad combination throws {@link ConfigException} naming the field. */
        public MachineConfig build() {
            return new MachineConfig(this);
        }
    }
}
