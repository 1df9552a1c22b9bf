package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ThreadProgram;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * The events hardware may do on its own, offered as labelled successors and never taken by the model itself:
 * evicting any valid line, speculatively filling a relevant line through a context that allows it, and (with
 * {@code cleans on}) writing a dirty line back.
 *
 * <p>Order: by kind (evict, fill, clean), then cpu and level (the instance order), physical address, colour, way.
 */
final class HardwareEvents {
    private final CacheTopology topology;
    private final Program program;
    private final long[] relevant;
    private final long[][] relevantVirtual;
    /** Per SMMU, the IOVAs its devices' operations name, ascending. */
    private final long[][] smmuAddresses;
    /** Per cache instance, its eviction events by slot (set * ways + way), made once; null for a very large cache. */
    private final Event.Evict[][] evictions;

    /** Most slots of one cache instance whose eviction events are made in advance. */
    private static final int PREMADE_SLOTS = 1 << 16;

    HardwareEvents(CacheTopology topology, Program program) {
        this.topology = topology;
        this.program = program;
        this.evictions = new Event.Evict[topology.size()][];
        for (CacheInstance c : topology.instances()) {
            int slots = c.level().geometry().sets() * c.ways();
            if (slots <= PREMADE_SLOTS) {
                Event.Evict[] e = new Event.Evict[slots];
                for (int slot = 0; slot < slots; slot++) {
                    e[slot] = new Event.Evict(c.id(), slot / c.ways(), slot % c.ways());
                }
                evictions[c.id()] = e;
            }
        }
        TreeSet<Long> r = program.relevantAddresses();
        this.relevant = r.stream().mapToLong(Long::longValue).toArray();
        this.relevantVirtual = new long[program.threads().size()][];
        for (int t = 0; t < program.threads().size(); t++) {
            ThreadProgram tp = program.threads().get(t);
            TreeSet<Long> vas = new TreeSet<>(Long::compareUnsigned);
            if (tp.table() != null) {
                for (ThreadProgram other : program.threads()) {
                    if (other.table() != null && other.table().name().equals(tp.table().name())) {
                        for (dev.stalecheck.program.Op op : other.ops()) {
                            Long a = dev.stalecheck.program.Op.addressOf(op);
                            if (a != null && !(op instanceof dev.stalecheck.program.Op.OuterCacheOp)) {
                                vas.add(a);
                            }
                        }
                    }
                }
            }
            relevantVirtual[t] = vas.stream().mapToLong(Long::longValue).toArray();
        }
        this.smmuAddresses = new long[program.smmus().size()][];
        for (int i = 0; i < smmuAddresses.length; i++) {
            TreeSet<Long> iovas = new TreeSet<>(Long::compareUnsigned);
            for (ThreadProgram tp : program.threads()) {
                if (tp.agent() instanceof dev.stalecheck.program.Agent.Device d && d.smmu() != null
                        && d.smmu().index() == i) {
                    for (dev.stalecheck.program.Op op : tp.ops()) {
                        Long a = dev.stalecheck.program.Op.addressOf(op);
                        if (a != null) {
                            iovas.add(a);
                        }
                    }
                }
            }
            smmuAddresses[i] = iovas.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Appends the hardware events of {@code s} to {@code out}, in order. */
    void enumerate(MachineState s, ExploreOptions options, List<Event> out) {
        if (options.evictions()) {
            for (CacheInstance c : topology.instances()) {
                CacheState cache = s.cache(c.id());
                Event.Evict[] premade = evictions[c.id()];
                for (int i : linesByAddress(cache, c)) {
                    int set = cache.setAt(i);
                    int way = cache.wayAt(i);
                    out.add(premade != null ? premade[set * c.ways() + way] : new Event.Evict(c.id(), set, way));
                }
            }
        }
        if (options.prefetch()) {
            addFills(s, out);
            addWalks(s, options.ordering() == Ordering.ARMV8, out);
            addSmmuWalks(s, out);
        }
        if (options.tlbEvictions()) {
            for (int cpu = 0; cpu < s.tlbCount(); cpu++) {
                for (int i = 0; i < s.tlb(cpu).size(); i++) {
                    out.add(new Event.TlbDrop(cpu, i));
                }
            }
        }
        if (options.cleans()) {
            for (CacheInstance c : topology.instances()) {
                CacheState cache = s.cache(c.id());
                for (int i : linesByAddress(cache, c)) {
                    if (cache.lineAt(i).isDirty()) {
                        out.add(new Event.HardwareClean(c.id(), cache.setAt(i), cache.wayAt(i)));
                    }
                }
            }
        }
    }

    /** The indexes of a cache's valid lines (in its slot order) sorted by physical address, colour, way. */
    private static int[] linesByAddress(CacheState cache, CacheInstance c) {
        int n = cache.validLines();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i;
            while (j > 0 && before(cache, c, i, order[j - 1])) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        return order;
    }

    /** Whether valid line {@code a} comes before valid line {@code b}: by physical address, colour, then way. */
    private static boolean before(CacheState cache, CacheInstance c, int a, int b) {
        int byAddress = Long.compare(cache.lineAt(a).physicalAddress(), cache.lineAt(b).physicalAddress());
        if (byAddress != 0) {
            return byAddress < 0;
        }
        int byColour = Integer.compare(c.index().colourOfSet(cache.setAt(a)), c.index().colourOfSet(cache.setAt(b)));
        if (byColour != 0) {
            return byColour < 0;
        }
        return cache.wayAt(a) < cache.wayAt(b);
    }

    private void addFills(MachineState s, List<Event> out) {
        Walks walks = walksOf(s);
        forEachRelevantLine((cpu, c, line) -> addFillsOfLine(s, cpu, c, line, walks, out));
    }

    /** A line some cpu may fill speculatively into a cache: the cpu, the cache instance, the line's address there. */
    private interface LineVisitor {
        void line(int cpu, CacheInstance c, long line);
    }

    /**
     * Every (cpu, cache, relevant line) a speculative fill may concern, in event order: cpu, then cache instance,
     * then line address.
     */
    private void forEachRelevantLine(LineVisitor v) {
        for (int cpu = 0; cpu < topology.config().cpus(); cpu++) {
            for (CacheInstance c : topology.instances()) {
                if (c.isInstruction() ? c.cpu() != cpu : !onPath(cpu, c.id())) {
                    continue;
                }
                long lastLine = -1;
                for (long pa : relevant) {
                    long line = c.lineOf(pa);
                    if (line == lastLine) {
                        continue;
                    }
                    lastLine = line;
                    v.line(cpu, c, line);
                }
            }
        }
    }

    private boolean onPath(int cpu, int id) {
        for (int p : topology.dataPath(cpu)) {
            if (p == id) {
                return true;
            }
        }
        return false;
    }

    /** One fill per (colour, shareability) that an eligible context of {@code cpu} maps {@code line} with. */
    private void addFillsOfLine(MachineState s, int cpu, CacheInstance c, long line, Walks walks, List<Event> out) {
        int colours = c.index().colours();
        boolean[][] seen = new boolean[colours][2];
        List<Event.SpeculativeFill> fills = new ArrayList<>();
        forEachAlias(s, cpu, c, line, walks, (va, shareable, stable) -> addFill(s, cpu, c, line, va, shareable, seen, fills));
        fills.sort(Comparator.comparingInt((Event.SpeculativeFill f) -> c.index().colourOf(f.virtualAddress()))
                .thenComparing(f -> f.shareable() ? 0 : 1));
        out.addAll(fills);
    }

    /** A cacheable alias of a line: its virtual address, shareability, and whether it is stable (see {@link Walks}). */
    private interface AliasVisitor {
        void alias(long va, boolean shareable, boolean stable);
    }

    /**
     * Every cacheable alias through which an eligible context of {@code cpu} maps {@code line} for cache {@code c}, in
     * order: per thread of the cpu in file order, the identity with the MMU off (instruction caches), the entries its
     * TLB holds for a table context (never stable: a TLB drop removes them), the entries walks of the table's
     * relevant addresses give now, or the aliases of a space (always stable).
     */
    private void forEachAlias(MachineState s, int cpu, CacheInstance c, long line, Walks walks, AliasVisitor v) {
        for (int t = 0; t < program.threads().size(); t++) {
            ThreadProgram tp = program.threads().get(t);
            if (tp.cpu() != cpu) {
                continue;
            }
            ThreadState ts = s.thread(t);
            if (c.isInstruction()) {
                if (!ts.icacheOn()) {
                    continue;
                }
                if (tp.table() != null && tp.table().guest() && (tp.table().stage2() || !ts.mmuOn())) {
                    stageOneOffAliases(s, t, c, line, walks, v);
                    continue;
                }
                if (!ts.mmuOn()) {
                    v.alias(line, false, true);
                    continue;
                }
            } else if (!ts.mmuOn() || !ts.cachesOn()) {
                continue;
            }
            if (tp.table() != null) {
                for (TlbEntry e : s.tlb(cpu).entries()) {
                    if (!e.stage2() && (e.global() || e.asid() == tp.table().asid()) && covers(e, line)
                            && fillable(c, e.type(), e.executeNever())) {
                        v.alias(e.vaBase() + (line - e.paBase()), e.shareable(), false);
                    }
                }
                TlbEntry[] walked = walks.of(t);
                for (int i = 0; i < walked.length; i++) {
                    TlbEntry e = walked[i];
                    if (e != null && covers(e, line) && fillable(c, e.type(), e.executeNever())) {
                        v.alias(e.vaBase() + (line - e.paBase()), e.shareable(), walks.stable(t, i));
                    }
                }
                continue;
            }
            for (Space.Alias alias : tp.space().aliasesOf(line)) {
                if (fillable(c, alias.mapping().type(), alias.mapping().executeNever())) {
                    v.alias(alias.virtualAddress(), alias.mapping().shareable(), true);
                }
            }
        }
    }

    /**
     * The instruction-side aliases of a guest thread {@code t} whose stage 1 is off: its IPAs go through stage 2 alone,
     * and a fetch is Normal write-through combined with stage 2's attributes (stage 2's alone with FEAT_S2FWB), so
     * the stage-2 entries its cpu's TLB holds and the stage-2 walks of its relevant addresses give the aliases (never
     * stable) wherever the combination is cacheable and stage 2 is not execute-never.
     */
    private void stageOneOffAliases(MachineState s, int t, CacheInstance c, long line, Walks walks, AliasVisitor v) {
        PageTable s2 = program.threads().get(t).table().stage2Table();
        int cpu = program.threads().get(t).cpu();
        for (TlbEntry e : s.tlb(cpu).entries()) {
            if (e.stage2() && e.vmid() == s2.vmid() && covers(e, line)
                    && fillable(c, TranslationUnit.stageOneOffFetchType(s2, e.type()), e.executeNever())) {
                v.alias(e.vaBase() + (line - e.paBase()), e.shareable(), false);
            }
        }
        for (TlbEntry e : walks.stage2Of(t)) {
            if (e != null && covers(e, line)
                    && fillable(c, TranslationUnit.stageOneOffFetchType(s2, e.type()), e.executeNever())) {
                v.alias(e.vaBase() + (line - e.paBase()), e.shareable(), false);
            }
        }
    }

    private static boolean covers(TlbEntry e, long line) {
        return Long.compareUnsigned(line - e.paBase(), e.size()) < 0;
    }

    /**
     * Whether a mapping of {@code type} may fill cache {@code c}: a cacheable one, not {@code xn} for an instruction
     * cache, not {@code normal-wt} for a {@code wt-bypass} level.
     */
    private static boolean fillable(CacheInstance c, MemoryType type, boolean executeNever) {
        return type.isCacheable() && !(c.isInstruction() && executeNever)
                && !(type == MemoryType.NORMAL_WT && c.level().wtBypass());
    }

    private static void addFill(MachineState s, int cpu, CacheInstance c, long line, long va, boolean shareable,
                                boolean[][] seen, List<Event.SpeculativeFill> fills) {
        int colour = c.index().colourOf(va);
        int share = shareable ? 1 : 0;
        if (seen[colour][share]) {
            return;
        }
        seen[colour][share] = true;
        int set = c.index().setOf(line, colour);
        if (s.cache(c.id()).wayOf(set, line) >= 0) {
            return;
        }
        fills.add(new Event.SpeculativeFill(cpu, c.id(), line, va, shareable));
    }

    /**
     * The walks of {@code s}: those of the last state this thread asked about when it is {@code s} (the search asks
     * for a state's events and then for its persistent set, one after the other), else new ones.
     */
    private Walks walksOf(MachineState s) {
        Walks last = lastWalks.get();
        if (last != null && last.s == s) {
            return last;
        }
        Walks w = new Walks(s);
        lastWalks.set(w);
        return w;
    }

    /** Per thread, the walks of the last state it asked about. */
    private final ThreadLocal<Walks> lastWalks = new ThreadLocal<>();

    /**
     * The walks of each table thread's relevant addresses in one state (walking from the walker's innermost start,
     * as translations do), made once per thread when first needed; each also records the addresses of the
     * descriptors it reads, so that {@link #stable} can tell whether it reads a changing line.
     */
    private final class Walks {
        private final MachineState s;
        private final TlbEntry[][] entries;
        private final long[][][] reads;
        /** Per guest thread with stage 1 off, the stage-2 walks of its relevant addresses ({@link #stage2Of}). */
        private final TlbEntry[][] stage2;
        /** What {@link #stable} tests against, set by the caller; null: no walk is stable. */
        private LongPredicate changing;

        Walks(MachineState s) {
            this.s = s;
            this.entries = new TlbEntry[program.threads().size()][];
            this.reads = new long[program.threads().size()][][];
            this.stage2 = new TlbEntry[program.threads().size()][];
        }

        /**
         * Per relevant address of guest thread {@code t}, ascending, taken as an IPA: the entry a walk of its stage 2
         * alone gives, or null (a fault).
         */
        TlbEntry[] stage2Of(int t) {
            if (stage2[t] == null) {
                ThreadProgram tp = program.threads().get(t);
                long[] ipas = relevantVirtual(t);
                stage2[t] = new TlbEntry[ipas.length];
                for (int i = 0; i < ipas.length; i++) {
                    StepExecution peek = new StepExecution(topology, s, (k, n, p) -> 0, StepObserver.NONE);
                    stage2[t][i] = TranslationUnit.stage2Walk(peek, tp.cpu(), tp.table().stage2Table(), ipas[i],
                            s.thread(t).cachesOn()).entry();
                }
            }
            return stage2[t];
        }

        /** Per relevant address of thread {@code t}'s table, ascending: the entry its walk gives, or null (a fault). */
        TlbEntry[] of(int t) {
            if (entries[t] == null) {
                ThreadProgram tp = program.threads().get(t);
                long[] vas = relevantVirtual(t);
                entries[t] = new TlbEntry[vas.length];
                reads[t] = new long[vas.length][];
                for (int i = 0; i < vas.length; i++) {
                    StepExecution peek = new StepExecution(topology, s, (k, n, p) -> 0, StepObserver.NONE);
                    LongArrayList read = new LongArrayList(4);
                    peek.descriptorReads = read;
                    entries[t][i] = TranslationUnit.walk(peek, tp.cpu(), tp.table(), vas[i], s.thread(t).cachesOn()).entry();
                    reads[t][i] = read.toLongArray();
                }
            }
            return entries[t];
        }

        /**
         * Whether thread {@code t}'s walk {@code i} is stable: it reads no descriptor at an address {@link #changing}
         * accepts.
         */
        boolean stable(int t, int i) {
            of(t);
            if (changing == null) {
                return false;
            }
            for (long pa : reads[t][i]) {
                if (changing.test(pa)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * For the partial-order reduction with page tables ({@code PersistentSets}): the lines (at each cache's line
     * size) whose speculative fills must stay in the persistent set, in two kinds. First, the lines a first-level
     * data cache holds dirty that some cpu may fill into a first-level data cache through a non-shareable alias
     * (such a fill copies older bytes beside the dirty ones, which can change what a walk reads:
     * {@code SettledLines}). Then the lines that some cpu may fill, now or once the line is gone, through an alias
     * that a TLB change or a change of bytes a walk reads could remove: an alias that only TLB entries give, or one
     * that only walks reading a block {@code unsettled} accepts (given an address in it) or a block of a first-kind
     * line give; {@code block} is the size of those blocks. Null when a table is behind a stage 2 (its walks
     * consult the TLB).
     */
    long[] unsteadyFillLines(MachineState s, LongPredicate unsettled, long block) {
        for (ThreadProgram tp : program.threads()) {
            if (tp.table() != null && tp.table().guest()) {
                return null;
            }
        }
        Walks walks = walksOf(s);
        LongArrayList besideDirty = new LongArrayList();
        forEachRelevantLine((cpu, c, line) -> {
            if (c.depth() != 1 || c.isInstruction() || !dirtyAtL1(s, line, c.lineBytes())) {
                return;
            }
            boolean[] nonShareable = new boolean[1];
            forEachAlias(s, cpu, c, line, walks, (va, shareable, stable) -> nonShareable[0] |= !shareable);
            if (nonShareable[0]) {
                besideDirty.add(line);
            }
        });
        LongArrayList besideDirtyBlocks = new LongArrayList();
        for (int i = 0; i < besideDirty.size(); i++) {
            besideDirtyBlocks.add(besideDirty.getLong(i) & -block);
        }
        walks.changing = pa -> unsettled.test(pa) || besideDirtyBlocks.contains(pa & -block);
        LongArrayList out = new LongArrayList(besideDirty);
        try {
            forEachRelevantLine((cpu, c, line) -> {
                int colours = c.index().colours();
                boolean[][] offered = new boolean[colours][2];
                boolean[][] stable = new boolean[colours][2];
                forEachAlias(s, cpu, c, line, walks, (va, shareable, st) -> {
                    int colour = c.index().colourOf(va);
                    offered[colour][shareable ? 1 : 0] = true;
                    stable[colour][shareable ? 1 : 0] |= st;
                });
                for (int k = 0; k < colours; k++) {
                    if (offered[k][0] && !stable[k][0] || offered[k][1] && !stable[k][1]) {
                        out.add(line);
                        return;
                    }
                }
            });
        } finally {
            walks.changing = null;
        }
        return out.toLongArray();
    }

    /** Whether a first-level data cache holds a byte of the {@code bytes}-byte line at {@code line} dirty. */
    private boolean dirtyAtL1(MachineState s, long line, int bytes) {
        for (CacheInstance c : topology.instances()) {
            if (c.depth() != 1 || c.isInstruction()) {
                continue;
            }
            CacheState cs = s.cache(c.id());
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                if (l.isDirty() && l.physicalAddress() < line + bytes && line < l.physicalAddress() + l.sizeBytes()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The virtual addresses the operations of threads sharing thread {@code t}'s table name, ascending. */
    long[] relevantVirtual(int t) {
        return relevantVirtual[t];
    }

    /**
     * Speculative walks: each relevant address of each table context on each cpu, when its TLB lacks it — or, with
     * {@code remaps} ({@code ordering armv8}), also when the TLB holds it: a walk after a remap without
     * break-before-make then adds the new translation beside the old (a walk giving an entry the TLB holds changes
     * nothing).
     */
    private void addWalks(MachineState s, boolean remaps, List<Event> out) {
        for (int cpu = 0; cpu < topology.config().cpus(); cpu++) {
            for (int t = 0; t < program.threads().size(); t++) {
                ThreadProgram tp = program.threads().get(t);
                ThreadState ts = s.thread(t);
                if (tp.cpu() != cpu || tp.table() == null || !ts.mmuOn() || !ts.cachesOn()) {
                    continue;
                }
                for (long va : relevantVirtual(t)) {
                    if (remaps || TranslationUnit.held(s.tlb(cpu), tp, ts, va).isEmpty()) {
                        out.add(new Event.SpeculativeWalk(cpu, t, va));
                    }
                }
            }
        }
    }

    /** Speculative SMMU walks: each IOVA an SMMU's devices name, when its TLB lacks it. */
    private void addSmmuWalks(MachineState s, List<Event> out) {
        for (dev.stalecheck.program.Smmu m : program.smmus()) {
            TlbState tlb = s.tlb(topology.config().cpus() + m.index());
            for (long iova : smmuAddresses[m.index()]) {
                if (tlb.lookup(iova, m.table().asid()) == null) {
                    out.add(new Event.SmmuWalk(m.index(), iova));
                }
            }
        }
    }

    /** Carries out a hardware event on a step in progress. */
    void execute(StepExecution x, Event e) {
        if (e instanceof Event.Evict ev) {
            x.evict(ev.cache(), ev.set(), ev.way());
        } else if (e instanceof Event.HardwareClean hc) {
            x.clean(hc.cache(), hc.set(), hc.way());
        } else if (e instanceof Event.TlbDrop d) {
            x.tlbEffect("dropped", d.cpu(), x.tlb(d.cpu()).entries().get(d.entry()));
            x.setTlb(d.cpu(), x.tlb(d.cpu()).without(d.entry()));
        } else if (e instanceof Event.SpeculativeWalk w) {
            ThreadProgram tp = program.threads().get(w.thread());
            TranslationUnit.Walk walk = TranslationUnit.walk(x, w.cpu(), tp.table(), w.va(), x.thread(w.thread()).cachesOn());
            if (walk.entry() != null) {
                TranslationUnit.fill(x, w.cpu(), walk.entry());
            }
        } else if (e instanceof Event.SmmuWalk w) {
            TranslationUnit.smmuWalk(x, program.smmus().get(w.smmu()), w.iova());
        } else if (e instanceof Event.SpeculativeFill f) {
            CacheInstance c = x.instance(f.cache());
            if (c.isInstruction()) {
                x.fill(x.topology().instructionPathShared(f.cpu()), 0, f.virtualAddress(), f.physicalAddress(), null);
                return;
            }
            int[] path = x.topology().dataPath(f.cpu());
            int target = 0;
            while (path[target] != f.cache()) {
                target++;
            }
            StepExecution.Supplied supplied =
                    AccessExecutor.snoopForRead(x, f.cpu(), path, target, f.virtualAddress(), f.physicalAddress(),
                            f.shareable());
            x.fill(path, target, f.virtualAddress(), f.physicalAddress(), supplied);
        } else {
            throw new AssertionError("not a hardware event: " + e);
        }
    }
}
