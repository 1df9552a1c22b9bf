package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.memory.PhysicalMemory;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.util.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * One step in progress: a working copy of the state, the observer told what it does (its hazards kept here when no
 * observer records effects), and the primitives every operation is built from (look up, fill, write back, evict,
 * allocate).
 *
 * <p>How data moves follows the language page's "How data moves": fills read the nearest holder beyond
 * and allocate clean in the target and every level between; write-backs copy every byte into the nearest
 * holder beyond (marking it dirty) or RAM, and never allocate.
 */
final class StepExecution {
    private final CacheTopology topology;
    private final MachineConfig config;
    /**
     * The caches, threads and TLBs: the start state's own arrays until the step first changes one (then a copy), so
     * that a step which changes only the caches does not copy the thread and TLB arrays. Changed only through
     * {@link #setCache}, {@link #setThread} and {@link #setTlb}.
     */
    private CacheState[] caches;
    private ThreadState[] threads;
    private TlbState[] tlbs;
    private boolean cachesCopied;
    private boolean threadsCopied;
    private boolean tlbsCopied;
    private PhysicalMemory ram;
    private Resolutions resolutions;
    private final long tick;
    /** The hazards the step revealed, in order, when no observer records effects; null until the first. */
    private List<Effect> hazards;
    private final ChoiceOracle oracle;
    /** Whether the observer records every effect and label (reports), or only hazards are kept here (search). */
    private final boolean detailed;
    /** Told what the step does ({@link StepObserver#NONE} when nobody listens). */
    private final StepObserver observer;
    private Set<TouchedLine> touchedAliasingLines;
    /**
     * Set only for a dry-run walk that asks what walks could ever give ({@link Machine#possibleWalks}): the values a
     * descriptor read may return, one choice each. Null for every step of the model (descriptors come from caches
     * and RAM).
     */
    DescriptorCandidates descriptorCandidates;
    /** The SMMU whose table walk is under way ({@link TranslationUnit#translateSmmu}); else null. */
    dev.stalecheck.program.Smmu smmuWalk;
    /** Set only for a dry-run walk that records where it reads descriptors ({@link HardwareEvents}); else null. */
    it.unimi.dsi.fastutil.longs.LongArrayList descriptorReads;

    /** The values a descriptor read may return in a dry-run walk. */
    interface DescriptorCandidates {
        /** The values a read of {@code width} bytes at {@code pa} may return (at least one). */
        long[] at(long pa, int width);
    }

    StepExecution(CacheTopology topology, MachineState start, ChoiceOracle oracle, StepObserver observer) {
        this.observer = observer;
        this.detailed = observer.recordsEffects();
        this.topology = topology;
        this.config = topology.config();
        this.caches = start.cachesShared();
        this.threads = start.threadsShared();
        this.tlbs = start.tlbsShared();
        this.ram = start.ram();
        this.resolutions = start.resolutions();
        this.tick = start.tick() + 1;
        this.oracle = oracle;
    }

    /** The machine's caches. */
    CacheTopology topology() {
        return topology;
    }

    /** The machine's configuration. */
    MachineConfig config() {
        return config;
    }

    /** The step's time stamp (LRU). */
    long tick() {
        return tick;
    }

    /** RAM as the step has left it so far. */
    PhysicalMemory ram() {
        return ram;
    }

    /** Cache instance {@code id}'s contents so far. */
    CacheState cache(int id) {
        return caches[id];
    }

    /** Thread {@code index}'s state so far. */
    ThreadState thread(int index) {
        return threads[index];
    }

    /** Number of threads. */
    int threadCount() {
        return threads.length;
    }

    /** Cpu {@code cpu}'s TLB so far. */
    TlbState tlb(int cpu) {
        return tlbs[cpu];
    }

    /** The number of TLBs (one per cpu). */
    int tlbCount() {
        return tlbs.length;
    }

    /** Replaces cache instance {@code id}'s contents. */
    void setCache(int id, CacheState c) {
        if (!cachesCopied) {
            caches = caches.clone();
            cachesCopied = true;
        }
        caches[id] = c;
    }

    /** Replaces thread {@code index}'s state. */
    void setThread(int index, ThreadState t) {
        if (!threadsCopied) {
            threads = threads.clone();
            threadsCopied = true;
        }
        threads[index] = t;
    }

    /** Replaces cpu {@code cpu}'s TLB. */
    void setTlb(int cpu, TlbState t) {
        if (!tlbsCopied) {
            tlbs = tlbs.clone();
            tlbsCopied = true;
        }
        tlbs[cpu] = t;
    }

    private void effect(Effect e) {
        observer.effect(e);
    }

    /** The hazards revealed so far when no observer records effects (else the observer has them among the rest). */
    List<Effect> hazards() {
        return hazards == null ? List.of() : hazards;
    }

    MachineState finish() {
        checkAliasDivergence();
        return new MachineState(caches, ram, threads, resolutions, tlbs, tick);
    }

    /** Asks the oracle when there is more than one option, and labels the step with the choice. */
    int choose(ChoiceKind kind, int options, int runPreference, IntFunction<String> describe) {
        if (options <= 1) {
            return 0;
        }
        int pick = oracle.choose(kind, options, runPreference);
        if (detailed) {
            observer.choice(new Label(kind, describe.apply(pick)));
        }
        return pick;
    }

    CacheInstance instance(int id) {
        return topology.instance(id);
    }

    // ---- lookup -------------------------------------------------------------------------------

    /** The way holding {@code pa}'s line in {@code colour} of cache {@code id}, or -1. */
    int find(int id, long pa, int colour) {
        CacheInstance c = instance(id);
        long line = c.lineOf(pa);
        return caches[id].wayOf(c.index().setOf(line, colour), line);
    }

    int setOf(int id, long pa, int colour) {
        CacheInstance c = instance(id);
        return c.index().setOf(c.lineOf(pa), colour);
    }

    CacheLine line(int id, int set, int way) {
        return caches[id].line(set, way);
    }

    /** A located line: cache instance, set, way. */
    record Located(int cache, int set, int way) {
    }

    /** The first colour (ascending) of cache {@code id} holding {@code pa}'s line, or null. */
    Located findAnyColour(int id, long pa) {
        CacheInstance c = instance(id);
        for (int colour = 0; colour < c.index().colours(); colour++) {
            int way = find(id, pa, colour);
            if (way >= 0) {
                return new Located(id, setOf(id, pa, colour), way);
            }
        }
        return null;
    }

    /**
     * Every dirty copy of {@code pa}'s line in the cache instances {@code where} accepts: instance order, then colours
     * ascending.
     */
    List<Located> dirtyCopies(long pa, Predicate<CacheInstance> where) {
        List<Located> out = new ArrayList<>();
        for (CacheInstance c : topology.instances()) {
            if (!where.test(c)) {
                continue;
            }
            for (Located l : findAllColours(c.id(), pa)) {
                if (line(l.cache(), l.set(), l.way()).isDirty()) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** Every copy of {@code pa}'s line in cache {@code id}, colours ascending. */
    List<Located> findAllColours(int id, long pa) {
        List<Located> out = new ArrayList<>();
        CacheInstance c = instance(id);
        for (int colour = 0; colour < c.index().colours(); colour++) {
            int way = find(id, pa, colour);
            if (way >= 0) {
                out.add(new Located(id, setOf(id, pa, colour), way));
            }
        }
        return out;
    }

    // ---- recording changes --------------------------------------------------------------------

    void put(int id, int set, int way, CacheLine after, Effect.LineAction action) {
        CacheLine before = caches[id].line(set, way);
        setCache(id, caches[id].with(set, way, after));
        record(id, set, way, action, before, after);
    }

    void remove(int id, int set, int way, Effect.LineAction action) {
        CacheLine before = caches[id].line(set, way);
        if (before == null) {
            return;
        }
        setCache(id, caches[id].without(set, way));
        record(id, set, way, action, before, null);
    }

    private void record(int id, int set, int way, Effect.LineAction action, CacheLine before, CacheLine after) {
        CacheInstance c = instance(id);
        long pa = after != null ? after.physicalAddress() : before.physicalAddress();
        if (detailed) {
            effect(new Effect.LineChange(action, id, c.name(), c.cpu(), set, way, c.index().colourOfSet(set), pa,
                    LineImage.of(before), LineImage.of(after)));
        }
        if (after != null && c.index().colours() > 1) {
            if (touchedAliasingLines == null) {
                touchedAliasingLines = new LinkedHashSet<>();
            }
            touchedAliasingLines.add(new TouchedLine(id, pa));
        }
    }

    void writeRam(long wordAddress, long value) {
        long before = ram.word(wordAddress);
        if (before != value) {
            ram = ram.withWord(wordAddress, value);
            if (detailed) {
                effect(new Effect.RamWrite(wordAddress, before, value));
            }
        }
    }

    void hazard(HazardKind kind, String where, long pa, String detail) {
        Effect.Hazard h = new Effect.Hazard(kind, where, pa, detail);
        if (detailed) {
            effect(h);
        } else {
            if (hazards == null) {
                hazards = new ArrayList<>();
            }
            hazards.add(h);
        }
    }

    void note(String text) {
        if (detailed) {
            effect(new Effect.Note(text));
        }
    }

    /** Records a TLB change (reports only). */
    void tlbEffect(String action, int cpu, dev.stalecheck.mmu.TlbEntry e) {
        if (detailed) {
            effect(new Effect.TlbChange(action, cpu, e.describe(), topology.tlbOwner(cpu)));
        }
    }

    /** Records a value read (reports only). */
    void read(long pa, int width, long value, String source) {
        if (detailed) {
            effect(new Effect.Read(pa, width, value, source));
        }
    }

    /** What is told what the step does to the memory system. */
    StepObserver observer() {
        return observer;
    }

    /** Whether effects are recorded in full. */
    boolean detailed() {
        return detailed;
    }

    // ---- bytes --------------------------------------------------------------------------------

    /** {@code bytes} bytes at line-aligned {@code pa} from RAM. */
    long[] ramLine(long pa, int bytes) {
        return ram.readWords(pa, bytes / 8);
    }

    /** The {@code bytes} bytes at {@code pa} taken out of a (possibly larger) line. */
    static long[] slice(CacheLine source, long pa, int bytes) {
        long[] all = source.words();
        int from = (int) ((pa - source.physicalAddress()) >>> 3);
        long[] out = new long[bytes / 8];
        System.arraycopy(all, from, out, 0, out.length);
        return out;
    }

    /** {@code words} written over the part of {@code target}'s bytes that they cover, starting at {@code pa}. */
    static long[] merge(CacheLine target, long pa, long[] words) {
        long[] all = target.words();
        int from = (int) ((pa - target.physicalAddress()) >>> 3);
        System.arraycopy(words, 0, all, from, words.length);
        return all;
    }

    // ---- write-back, evict, allocate, fill ----------------------------------------------------

    /**
     * Writes every byte of {@code line} (held in cache {@code id}) into the nearest level beyond that holds it,
     * in any colour, marking that copy dirty; else into RAM. Never allocates.
     */
    void writeBack(int id, CacheLine line) {
        observer.writeBack(id, line.sizeBytes());
        writeBackVia(topology.beyondShared(id), line);
    }

    void writeBackVia(int[] beyond, CacheLine line) {
        long pa = line.physicalAddress();
        long[] words = line.words();
        for (int next : beyond) {
            Located holder = findAnyColour(next, pa);
            if (holder != null) {
                CacheLine target = line(next, holder.set(), holder.way());
                put(next, holder.set(), holder.way(), target.withData(merge(target, pa, words), true, target.lastUse()),
                        Effect.LineAction.RECEIVED_WRITE_BACK);
                return;
            }
        }
        observer.memoryWrite();
        if (detailed) {
            for (int i = 0; i < words.length; i++) {
                writeRam(pa + 8L * i, words[i]);
            }
        } else {
            ram = ram.withWords(pa, words);
        }
    }

    /** Evicts the line at {@code set}/{@code way}: written back first if dirty, then dropped. */
    void evict(int id, int set, int way) {
        Inclusion.backInvalidate(this, id, set, way);
        CacheLine victim = line(id, set, way);
        if (victim == null) {
            return;
        }
        if (victim.isDirty()) {
            writeBack(id, victim);
        }
        remove(id, set, way, Effect.LineAction.EVICTED);
    }

    /** Makes room in {@code set}: the lowest invalid way, else a victim (every way in {@code check}, LRU in {@code run}). */
    int allocateWay(int id, int set) {
        CacheState c = caches[id];
        int free = c.firstInvalidWay(set);
        if (free >= 0) {
            return free;
        }
        CacheInstance inst = instance(id);
        int way = choose(ChoiceKind.VICTIM, inst.ways(), c.leastRecentlyUsedWay(set),
                w -> "victim " + inst.name() + " set " + set + " way " + w);
        evict(id, set, way);
        return way;
    }

    /** The data a cache-to-cache transfer supplies, and whether the fill takes ownership. */
    record Supplied(long[] words, boolean dirty) {
    }

    /**
     * Fills {@code pa}'s line into {@code path[target]} in the colour of {@code va}: reads the nearest holder
     * beyond it on {@code path}, else RAM, and allocates clean in the target and every level between (outermost
     * first). With {@code supplied} data (a cache-to-cache transfer) only the target allocates.
     *
     * @return the way filled in the target
     */
    int fill(int[] path, int target, long va, long pa, Supplied supplied) {
        int targetId = path[target];
        if (supplied != null) {
            return allocateLine(targetId, va, pa, supplied.words(), supplied.dirty());
        }
        int source = -1;
        Located holder = null;
        for (int k = target + 1; k < path.length; k++) {
            int colour = instance(path[k]).index().colourOf(va);
            int way = find(path[k], pa, colour);
            observer.lookup(path[k], way >= 0);
            if (way >= 0) {
                source = k;
                holder = new Located(path[k], setOf(path[k], pa, colour), way);
                break;
            }
        }
        CacheLine sourceLine = holder == null ? null : line(holder.cache(), holder.set(), holder.way());
        if (holder == null) {
            observer.memoryLineRead();
        }
        int end = source >= 0 ? source : path.length;
        int way = -1;
        for (int k = end - 1; k >= target; k--) {
            CacheInstance c = instance(path[k]);
            long linePa = c.lineOf(pa);
            long[] data = sourceLine != null ? slice(sourceLine, linePa, c.lineBytes()) : ramLine(linePa, c.lineBytes());
            if (k > target && find(path[k], pa, c.index().colourOf(va)) >= 0) {
                continue;
            }
            way = allocateLine(path[k], va, pa, data, false);
        }
        return way;
    }

    /**
     * The words a {@link #fill} of {@code pa}'s line into {@code path[target]} without supplied data would put there:
     * the nearest holder beyond it on {@code path} (in {@code va}'s colour), else RAM. Records nothing.
     */
    long[] fillSource(int[] path, int target, long va, long pa) {
        CacheInstance t = instance(path[target]);
        long linePa = t.lineOf(pa);
        for (int k = target + 1; k < path.length; k++) {
            int colour = instance(path[k]).index().colourOf(va);
            int way = find(path[k], pa, colour);
            if (way >= 0) {
                return slice(line(path[k], setOf(path[k], pa, colour), way), linePa, t.lineBytes());
            }
        }
        return ramLine(linePa, t.lineBytes());
    }

    /** Allocates {@code pa}'s line with {@code data} in cache {@code id} in the colour of {@code va}. */
    int allocateLine(int id, long va, long pa, long[] data, boolean dirty) {
        Inclusion.includeOutward(this, id, va, pa);
        CacheInstance c = instance(id);
        int set = setOf(id, pa, c.index().colourOf(va));
        int way = allocateWay(id, set);
        observer.fill(id);
        put(id, set, way, new CacheLine(c.lineOf(pa), dirty, data, tick), Effect.LineAction.FILLED);
        return way;
    }

    /** Marks the line at {@code set}/{@code way} used now (LRU only). */
    void touch(int id, int set, int way) {
        CacheLine l = line(id, set, way);
        setCache(id, caches[id].with(set, way, l.touched(tick)));
    }

    // ---- invalidate policy --------------------------------------------------------------------

    /**
     * What an invalidate without clean does to a dirty line of level {@code level} in this execution: the
     * level's policy, with {@code any} fixed here the first time it matters.
     */
    InvalidatePolicy invalidatePolicy(CacheLevelConfig level) {
        InvalidatePolicy p = config.invalidatePolicy(level.name());
        if (p != InvalidatePolicy.ANY) {
            return p;
        }
        int index = config.levels().indexOf(level);
        byte current = resolutions.invalidate(index);
        byte r = resolve(current, ChoiceKind.INVALIDATE,
                i -> "invalidate at " + level.name() + " " + (i == 0 ? "discards" : "cleans") + " dirty lines");
        if (r != current) {
            resolutions = resolutions.withInvalidate(index, r);
        }
        return r == Resolutions.FIRST ? InvalidatePolicy.DISCARD : InvalidatePolicy.CLEAN;
    }

    /**
     * Whether present lines hit while caches are off under {@code disabled-hits any}, fixed here the first time it
     * matters (the first value: they do not).
     */
    boolean disabledHitsResolveToHit() {
        byte current = resolutions.disabledHits();
        byte r = resolve(current, ChoiceKind.DISABLED_HITS,
                i -> i == 0 ? "caches off: present lines do not hit" : "caches off: present lines hit");
        if (r != current) {
            resolutions = resolutions.withDisabledHits(r);
        }
        return r == Resolutions.SECOND;
    }

    /**
     * The value of one of the machine's {@code any} settings in this execution: {@code current} once fixed, else
     * chosen now between its two values (a labelled choice).
     */
    private byte resolve(byte current, ChoiceKind kind, IntFunction<String> describe) {
        if (current != Resolutions.UNRESOLVED) {
            return current;
        }
        return choose(kind, 2, 0, describe) == 0 ? Resolutions.FIRST : Resolutions.SECOND;
    }

    /** Invalidates one line: a dirty line is discarded or written back first as the level's policy says. */
    void invalidate(int id, int set, int way) {
        Inclusion.backInvalidate(this, id, set, way);
        CacheLine l = line(id, set, way);
        if (l == null) {
            return;
        }
        if (l.isDirty()) {
            if (invalidatePolicy(instance(id).level()) == InvalidatePolicy.DISCARD) {
                remove(id, set, way, Effect.LineAction.DISCARDED);
                if (detailed) {
                    note("the dirty data is lost: RAM still holds " + dev.stalecheck.util.Hex.padded(
                            ram.word(l.physicalAddress()), 16) + " at " + dev.stalecheck.util.Hex.of(l.physicalAddress()));
                }
                return;
            }
            writeBack(id, l);
        }
        remove(id, set, way, Effect.LineAction.INVALIDATED);
    }

    /** Writes a dirty line back and keeps it clean. */
    void clean(int id, int set, int way) {
        CacheLine l = line(id, set, way);
        if (l != null && l.isDirty()) {
            writeBack(id, l);
            put(id, set, way, l.cleaned(), Effect.LineAction.CLEANED);
        }
    }

    /** Writes a dirty line back and drops it. */
    void cleanInvalidate(int id, int set, int way) {
        Inclusion.backInvalidate(this, id, set, way);
        CacheLine l = line(id, set, way);
        if (l == null) {
            return;
        }
        if (l.isDirty()) {
            writeBack(id, l);
        }
        remove(id, set, way, Effect.LineAction.INVALIDATED);
    }

    /** Writes {@code value}'s low {@code width} bytes into a present line at {@code pa}. */
    void writeInto(int id, int set, int way, long pa, int width, long value, boolean dirty) {
        CacheLine l = line(id, set, way);
        long[] words = l.words();
        Bytes.write(words, (int) (pa - l.physicalAddress()), width, value);
        put(id, set, way, l.withData(words, dirty, tick), Effect.LineAction.WRITTEN);
    }

    // ---- hazards ------------------------------------------------------------------------------

    /** A physical line written in an aliasing cache during this step. */
    private record TouchedLine(int cache, long physicalAddress) {
    }

    private void checkAliasDivergence() {
        if (touchedAliasingLines == null) {
            return;
        }
        for (TouchedLine t : touchedAliasingLines) {
            int id = t.cache();
            List<Located> copies = findAllColours(id, t.physicalAddress());
            CacheLine first = copies.isEmpty() ? null : line(id, copies.get(0).set(), copies.get(0).way());
            for (int i = 1; i < copies.size(); i++) {
                CacheLine other = line(id, copies.get(i).set(), copies.get(i).way());
                if (!first.sameBytes(other)) {
                    hazard(HazardKind.ALIAS_DIVERGENCE, instance(id).name(), t.physicalAddress(),
                            "colours " + instance(id).index().colourOfSet(copies.get(0).set()) + " and "
                                    + instance(id).index().colourOfSet(copies.get(i).set()) + " hold different bytes");
                    break;
                }
            }
        }
    }
}
