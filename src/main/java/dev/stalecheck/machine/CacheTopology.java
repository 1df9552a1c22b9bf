package dev.stalecheck.machine;

import dev.stalecheck.cache.SetIndex;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.MachineConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache instances of a machine and the paths through them.
 *
 * <p>Instances are ordered as reports list them: cpu0..n (each its l1d, l1i and private levels), then
 * shared levels inner to outer, then {@code outer} levels. A cpu's data path is its l1d and every level
 * beyond L1 in depth order (outer levels included: they sit on the path but only {@code outer}
 * operations maintain them).
 */
public final class CacheTopology {
    private final MachineConfig config;
    private final List<CacheInstance> instances;
    private final CacheInstance[] byId;
    private final int[][] dataPaths;
    /** Per cpu and depth (0 to the deepest level), the data path at or beyond that depth; computed once. */
    private final int[][][] pathsFromDepth;
    private final int[][] instructionPaths;
    private final int[][] beyondPaths;
    private final int[] instructionCaches;
    private final Map<String, int[]> byLevel;
    /** The depths a table walk's descriptor reads may start at, innermost first (memory last). */
    private final List<Integer> walkerStarts;
    /** Per instance: for an {@code inclusive} level, the L1 data caches whose data path passes through it; else none. */
    private final int[][] included;
    /** Per instance: for an L1 data cache, the {@code inclusive} levels on its data path, innermost first; else none. */
    private final int[][] includers;
    /** The SMMUs' names: their TLBs follow the cpus' TLBs. */
    private final List<String> smmuNames;

    /** Builds the instances of {@code config}. */
    public CacheTopology(MachineConfig config) {
        this(config, List.of());
    }

    /** The topology of {@code config} with SMMUs named {@code smmuNames}, whose TLBs follow the cpus'. */
    public CacheTopology(MachineConfig config, List<String> smmuNames) {
        this.smmuNames = List.copyOf(smmuNames);
        this.walkerStarts = List.copyOf(TranslationUnit.startDepths(config));
        this.config = config;
        List<CacheInstance> list = new ArrayList<>();
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            for (CacheLevelConfig l : privateLevelsInReportOrder()) {
                list.add(new CacheInstance(list.size(), l, cpu, new SetIndex(l, config.pageBytes())));
            }
        }
        for (boolean outer : new boolean[] {false, true}) {
            for (CacheLevelConfig l : config.levels()) {
                if (l.shared() && l.outer() == outer) {
                    list.add(new CacheInstance(list.size(), l, -1, new SetIndex(l, config.pageBytes())));
                }
            }
        }
        this.instances = List.copyOf(list);
        this.dataPaths = new int[config.cpus()][];
        this.instructionCaches = new int[config.cpus()];
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            List<Integer> path = new ArrayList<>();
            for (CacheLevelConfig l : config.dataPathLevels()) {
                path.add(instance(cpu, l.name()));
            }
            dataPaths[cpu] = path.stream().mapToInt(Integer::intValue).toArray();
            instructionCaches[cpu] = config.level("l1i").isPresent() ? instance(cpu, "l1i") : -1;
        }
        Map<String, int[]> levels = new LinkedHashMap<>();
        for (CacheLevelConfig l : config.levels()) {
            levels.put(l.name(), instances.stream().filter(i -> i.level().name().equals(l.name()))
                    .mapToInt(CacheInstance::id).toArray());
        }
        this.byLevel = levels;
        this.byId = instances.toArray(new CacheInstance[0]);
        int deepest = 0;
        for (CacheInstance i : instances) {
            deepest = Math.max(deepest, i.depth());
        }
        this.pathsFromDepth = new int[config.cpus()][deepest + 2][];
        this.instructionPaths = new int[config.cpus()][];
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            for (int d = 0; d <= deepest + 1; d++) {
                final int depth = d;
                pathsFromDepth[cpu][d] = Arrays.stream(dataPaths[cpu]).filter(id -> byId[id].depth() >= depth).toArray();
            }
            instructionPaths[cpu] = buildInstructionPath(cpu);
        }
        this.beyondPaths = new int[byId.length][];
        for (int id = 0; id < byId.length; id++) {
            beyondPaths[id] = buildBeyond(id);
        }
        this.included = new int[byId.length][];
        this.includers = new int[byId.length][];
        java.util.Arrays.fill(included, NONE);
        java.util.Arrays.fill(includers, NONE);
        for (int cpu = 0; cpu < config.cpus(); cpu++) {
            int[] path = dataPaths[cpu];
            if (path.length == 0 || !byId[path[0]].level().name().equals("l1d")) {
                continue;
            }
            int l1d = path[0];
            for (int i = 1; i < path.length; i++) {
                if (byId[path[i]].level().inclusive()) {
                    included[path[i]] = append(included[path[i]], l1d);
                    includers[l1d] = append(includers[l1d], path[i]);
                }
            }
        }
    }

    private static int[] append(int[] a, int v) {
        int[] out = Arrays.copyOf(a, a.length + 1);
        out[a.length] = v;
        return out;
    }

    /** For an {@code inclusive} level's instance: the L1 data caches it includes (shared: callers must not modify it). */
    int[] includedShared(int cacheId) {
        return included[cacheId];
    }

    /** For an L1 data cache: the {@code inclusive} instances that include it, innermost first (shared, read only). */
    int[] includersShared(int cacheId) {
        return includers[cacheId];
    }

    /** Whether some level of the machine is {@code inclusive} of L1 data caches. */
    public boolean hasInclusion() {
        for (int[] i : included) {
            if (i.length > 0) {
                return true;
            }
        }
        return false;
    }

    private List<CacheLevelConfig> privateLevelsInReportOrder() {
        List<CacheLevelConfig> out = new ArrayList<>();
        config.level("l1d").ifPresent(out::add);
        config.level("l1i").ifPresent(out::add);
        for (CacheLevelConfig l : config.levels()) {
            if (!l.isLevelOne() && !l.shared()) {
                out.add(l);
            }
        }
        return out;
    }

    /** Whose TLB number {@code tlb} is: {@code cpu0}, ..., then the SMMUs' names. */
    public String tlbOwner(int tlb) {
        return tlb < config.cpus() ? "cpu" + tlb : smmuNames.get(tlb - config.cpus());
    }

    /** The number of TLBs: one per cpu, then one per SMMU. */
    public int tlbCount() {
        return config.cpus() + smmuNames.size();
    }

    /** The machine configuration. */
    public MachineConfig config() {
        return config;
    }

    /** Every instance, in report order. */
    public List<CacheInstance> instances() {
        return instances;
    }

    /** The instance with this id. */
    public CacheInstance instance(int id) {
        return byId[id];
    }

    /** Number of instances. */
    public int size() {
        return instances.size();
    }

    /** The instance of {@code level} that cpu {@code cpu} uses (its own, or the shared one); -1 if absent. */
    public int instance(int cpu, String level) {
        for (CacheInstance i : instances) {
            if (i.level().name().equals(level) && (i.cpu() == cpu || i.isShared())) {
                return i.id();
            }
        }
        return -1;
    }

    /** The depths a table walk's descriptor reads may start at, innermost first ({@code Integer.MAX_VALUE}: memory). */
    List<Integer> walkerStarts() {
        return walkerStarts;
    }

    /** Instance ids of cpu {@code cpu}'s data path, innermost first. */
    public int[] dataPath(int cpu) {
        return dataPaths[cpu];
    }

    /** Cpu {@code cpu}'s L1 instruction cache, or -1. */
    public int instructionCache(int cpu) {
        return instructionCaches[cpu];
    }

    /** Every instance of the level named {@code level} (one per cpu, or the shared one). */
    public int[] instancesOf(String level) {
        return instancesOfShared(level).clone();
    }

    /** {@link #instancesOf}, shared: callers must not modify it. */
    int[] instancesOfShared(String level) {
        int[] ids = byLevel.get(level);
        return ids == null ? NONE : ids;
    }

    private static final int[] NONE = new int[0];

    /**
     * The instances after {@code cacheId} on a path through it: for a private cache its cpu's data path, for a
     * shared one cpu 0's (the shared part of every path is the same).
     */
    public int[] beyond(int cacheId) {
        return beyondPaths[cacheId].clone();
    }

    /** {@link #beyond}, shared: callers must not modify it. */
    int[] beyondShared(int cacheId) {
        return beyondPaths[cacheId];
    }

    private int[] buildBeyond(int cacheId) {
        CacheInstance c = instances.get(cacheId);
        int[] path = dataPaths[Math.max(c.cpu(), 0)];
        if (c.isInstruction()) {
            int[] out = new int[path.length];
            int n = 0;
            for (int id : path) {
                if (instances.get(id).depth() > 1) {
                    out[n++] = id;
                }
            }
            return Arrays.copyOf(out, n);
        }
        for (int i = 0; i < path.length; i++) {
            if (path[i] == cacheId) {
                return Arrays.copyOfRange(path, i + 1, path.length);
            }
        }
        return new int[0];
    }

    /** The instances of cpu {@code cpu}'s data path at or beyond depth {@code depth}. */
    public int[] pathFromDepth(int cpu, int depth) {
        return pathFromDepthShared(cpu, depth).clone();
    }

    /** {@link #pathFromDepth}, shared: callers must not modify it. */
    int[] pathFromDepthShared(int cpu, int depth) {
        int[][] byDepth = pathsFromDepth[cpu];
        return byDepth[Math.max(0, Math.min(depth, byDepth.length - 1))];
    }

    /** Cpu {@code cpu}'s instruction-fill path: its L1I (if any), then the levels at and beyond the PoU. */
    public int[] instructionPath(int cpu) {
        return instructionPaths[cpu].clone();
    }

    /** {@link #instructionPath}, shared: callers must not modify it. */
    int[] instructionPathShared(int cpu) {
        return instructionPaths[cpu];
    }

    private int[] buildInstructionPath(int cpu) {
        int[] fromPou = pathFromDepthShared(cpu, config.pou().depth());
        if (instructionCaches[cpu] < 0) {
            return fromPou;
        }
        int[] path = new int[fromPou.length + 1];
        path[0] = instructionCaches[cpu];
        System.arraycopy(fromPou, 0, path, 1, fromPou.length);
        return path;
    }

    /**
     * The caches a fill into {@code cache} by {@code cpu} may allocate in: {@code cache} and every level beyond it on
     * that cpu's instruction path (for an instruction cache) or data path; empty when the cache is not on it.
     */
    public int[] fillPath(int cpu, int cache) {
        int[] path = instance(cache).isInstruction() ? instructionPaths[cpu] : dataPaths[cpu];
        for (int i = 0; i < path.length; i++) {
            if (path[i] == cache) {
                return java.util.Arrays.copyOfRange(path, i, path.length);
            }
        }
        return new int[0];
    }
}
