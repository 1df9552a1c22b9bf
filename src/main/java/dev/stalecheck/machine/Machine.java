package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.memory.PhysicalMemory;
import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ProgramException;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The successor function of a machine running a program: the model's one entry point.
 *
 * <p>Drivers ask for the enabled events of a state ({@link #threadEvents}, {@link #hardwareEvents}) and for the
 * labelled outcomes of an event ({@link #outcomes}: every choice the hardware may make inside the step, in a
 * fixed order; {@link #runOutcome}: the one {@code run} takes). The model never takes a hardware event by itself.
 */
public final class Machine {
    private final MachineConfig config;
    private final Program program;
    private final CacheTopology topology;
    private final HardwareEvents hardware;
    private final SettledLines settled;
    /** Per thread: its operation count, the threads it runs after, and its one step event. */
    private final int[] opCounts;
    private final int[][] afterThreads;
    private final Event.ThreadStep[] steps;
    /** Per thread, per operation and MMU bit ({@code 2 * pc + (mmuOn ? 1 : 0)}): its footprint, or null. */
    private final StepFootprint[][] footprints;
    /** The largest line size of any cache (at least 1). */
    private final long largestLine;
    /** The state before any step (built once: a bad {@code cached} line is an error of the program). */
    private final MachineState initial;
    /** Per cpu thread: which earlier operations each operation waits for under {@code ordering armv8}; else null. */
    private final ProgramOrder[] orders;
    /** Whether some thread has a {@code wait}: only then can an execution deadlock. */
    private final boolean hasWaits;

    /** Validates {@code program} against {@code config}; a bad program throws {@link ProgramException}. */
    public Machine(MachineConfig config, Program program) {
        this.config = config;
        this.program = program;
        new ProgramValidator(config, program).validate();
        this.topology = new CacheTopology(config, program.smmus().stream().map(m -> m.name()).toList());
        this.hardware = new HardwareEvents(topology, program);
        this.settled = new SettledLines(topology, program);
        int n = program.threads().size();
        this.opCounts = new int[n];
        this.afterThreads = new int[n][];
        this.steps = new Event.ThreadStep[n];
        for (int t = 0; t < n; t++) {
            ThreadProgram tp = program.threads().get(t);
            opCounts[t] = tp.ops().size();
            afterThreads[t] = tp.after().stream().mapToInt(Integer::intValue).toArray();
            steps[t] = new Event.ThreadStep(t);
        }
        this.footprints = new StepFootprint[n][];
        for (int t = 0; t < n; t++) {
            footprints[t] = new StepFootprint[2 * opCounts[t]];
            for (int pc = 0; pc < opCounts[t]; pc++) {
                footprints[t][2 * pc] = footprintOf(t, pc, false);
                footprints[t][2 * pc + 1] = footprintOf(t, pc, true);
            }
        }
        int largest = 1;
        for (CacheInstance c : topology.instances()) {
            largest = Math.max(largest, c.lineBytes());
        }
        this.largestLine = largest;
        this.initial = buildInitialState();
        long line = 1;
        for (CacheInstance c : topology.instances()) {
            line = Math.max(line, c.lineBytes());
        }
        this.orders = new ProgramOrder[n];
        boolean waits = false;
        for (int t = 0; t < n; t++) {
            ThreadProgram tp = program.threads().get(t);
            orders[t] = tp.onCpu() ? new ProgramOrder(tp, line) : null;
            waits |= tp.ops().stream().anyMatch(o -> o instanceof Op.Wait);
        }
        this.hasWaits = waits;
    }

    /** Whether some thread has a {@code wait} operation (only then can an execution end in a deadlock). */
    public boolean hasWaits() {
        return hasWaits;
    }

    /** The ordering rules of cpu thread {@code t}'s operations (for {@code ordering armv8}), or null for a device. */
    public ProgramOrder order(int t) {
        return orders[t];
    }

    /** The machine configuration. */
    public MachineConfig config() {
        return config;
    }

    /** The program. */
    public Program program() {
        return program;
    }

    /** The cache instances and paths. */
    public CacheTopology topology() {
        return topology;
    }

    /** The state before any step: RAM and {@code cached} lines as the program sets them, threads at their start. */
    public MachineState initialState() {
        return initial;
    }

    private MachineState buildInitialState() {
        PhysicalMemory ram = PhysicalMemory.zeroed();
        for (RamInit r : program.ram()) {
            ram = applyRam(ram, r);
        }
        CacheState[] caches = new CacheState[topology.size()];
        for (CacheInstance c : topology.instances()) {
            caches[c.id()] = CacheState.empty(c.ways());
        }
        for (int i = 0; i < program.cachedLines().size(); i++) {
            InitialLine l = program.cachedLines().get(i);
            int id = topology.instance(Math.max(l.cpu(), 0), l.level());
            CacheInstance c = topology.instance(id);
            long line = c.lineOf(l.physicalAddress());
            int colour = l.colour() >= 0 ? l.colour() : c.index().colourOf(l.physicalAddress());
            int set = c.index().setOf(line, colour);
            int way = caches[id].wayOf(set, line);
            long[] words = way >= 0 ? caches[id].line(set, way).words() : ram.readWords(line, c.lineBytes() / 8);
            Bytes.write(words, (int) (l.physicalAddress() - line), l.wordBytes(), l.value());
            if (way < 0) {
                way = caches[id].firstInvalidWay(set);
                if (way < 0) {
                    throw ProgramException.inCachedLine("cached: more lines in " + c.name() + " set " + set
                            + " than its " + c.ways() + " way" + (c.ways() == 1 ? "" : "s"), i);
                }
            }
            caches[id] = caches[id].with(set, way, new CacheLine(line, l.dirty(), words, 0));
        }
        for (int i = 0; i < program.cachedLines().size(); i++) {
            includeInitialLine(caches, ram, program.cachedLines().get(i), i);
        }
        ThreadState[] threads = new ThreadState[program.threads().size()];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = initialThread(program.threads().get(t));
        }
        TlbState[] tlbs = new TlbState[topology.tlbCount()];
        java.util.Arrays.fill(tlbs, TlbState.empty());
        return new MachineState(caches, ram, threads, Resolutions.none(config.levels().size()), tlbs, 0);
    }

    /**
     * Completes inclusion in the initial state: every {@code inclusive} level that includes the L1 data cache of
     * {@code cached} line {@code l} (number {@code i}) and lacks its line (in every colour) gets it clean, in the
     * physical address's colour, with the bytes of the nearest holder beyond or RAM; a full set is an input error.
     */
    private void includeInitialLine(CacheState[] caches, PhysicalMemory ram, InitialLine l, int i) {
        int l1 = topology.instance(Math.max(l.cpu(), 0), l.level());
        int[] outers = topology.includersShared(l1);
        for (int k = outers.length - 1; k >= 0; k--) {
            CacheInstance c = topology.instance(outers[k]);
            if (holderOf(caches, c, l.physicalAddress()) != null) {
                continue;
            }
            long line = c.lineOf(l.physicalAddress());
            long[] words = null;
            for (int next : topology.beyondShared(c.id())) {
                CacheLine h = holderOf(caches, topology.instance(next), line);
                if (h != null) {
                    words = StepExecution.slice(h, line, c.lineBytes());
                    break;
                }
            }
            if (words == null) {
                words = ram.readWords(line, c.lineBytes() / 8);
            }
            int set = c.index().setOf(line, c.index().colourOf(line));
            int way = caches[c.id()].firstInvalidWay(set);
            if (way < 0) {
                throw ProgramException.inCachedLine("cached: inclusive " + c.name() + " must hold this line too, but its"
                        + " set " + set + " is full (" + c.ways() + " way" + (c.ways() == 1 ? "" : "s") + ")", i);
            }
            caches[c.id()] = caches[c.id()].with(set, way, new CacheLine(line, false, words, 0));
        }
    }

    /** The copy of {@code pa}'s line in cache {@code c} in any colour, or null. */
    private static CacheLine holderOf(CacheState[] caches, CacheInstance c, long pa) {
        long line = c.lineOf(pa);
        for (int colour = 0; colour < c.index().colours(); colour++) {
            int set = c.index().setOf(line, colour);
            int way = caches[c.id()].wayOf(set, line);
            if (way >= 0) {
                return caches[c.id()].line(set, way);
            }
        }
        return null;
    }

    private static PhysicalMemory applyRam(PhysicalMemory ram, RamInit r) {
        if (r.fillBytes() <= 0) {
            return ram.write(r.physicalAddress(), r.wordBytes(), r.value());
        }
        long b = r.value() & 0xff;
        long pattern = b * 0x0101010101010101L;
        long pa = r.physicalAddress();
        long end = pa + r.fillBytes();
        while (pa < end) {
            if ((pa & 7) == 0 && end - pa >= 8) {
                ram = ram.withWord(pa, pattern);
                pa += 8;
            } else {
                ram = ram.write(pa, 1, b);
                pa++;
            }
        }
        return ram;
    }

    /** A thread with a space starts with MMU, caches and I-cache on; without one, all off (SCTLR.I starts equal to C). */
    private static ThreadState initialThread(ThreadProgram tp) {
        boolean on = tp.translated();
        return new ThreadState(0, RegisterFile.empty(), on, on, on);
    }

    /** Whether thread {@code t} has operations left and every thread it runs {@code after} has finished. */
    public boolean enabled(MachineState s, int t) {
        if (s.thread(t).pc() >= opCounts[t]) {
            return false;
        }
        for (int a : afterThreads[t]) {
            if (!finished(s, a)) {
                return false;
            }
        }
        return true;
    }

    /** Whether thread {@code t} has run its last operation. */
    public boolean finished(MachineState s, int t) {
        return s.thread(t).pc() >= opCounts[t];
    }

    /** Whether every thread has run its last operation. */
    public boolean allFinished(MachineState s) {
        for (int t = 0; t < opCounts.length; t++) {
            if (!finished(s, t)) {
                return false;
            }
        }
        return true;
    }

    /** The threads that may run next, in file order. */
    public List<Event> threadEvents(MachineState s) {
        List<Event> out = new ArrayList<>(opCounts.length);
        addThreadEvents(s, out);
        return out;
    }

    /**
     * Every event that may happen next in {@code s}, in the order the search tries them: the threads that may run, in
     * file order, then the hardware events {@code options} allows.
     */
    public List<Event> events(MachineState s, ExploreOptions options) {
        List<Event> out = new ArrayList<>(opCounts.length + 12);
        addThreadEvents(s, options.ordering(), out);
        hardware.enumerate(s, options, out);
        return out;
    }

    /** The thread events of {@code s} under {@code ordering}, in file order. */
    public List<Event> threadEvents(MachineState s, Ordering ordering) {
        List<Event> out = new ArrayList<>(opCounts.length);
        addThreadEvents(s, ordering, out);
        return out;
    }

    private void addThreadEvents(MachineState s, Ordering ordering, List<Event> out) {
        if (ordering == Ordering.SC) {
            addThreadEvents(s, out);
            return;
        }
        for (int t = 0; t < opCounts.length; t++) {
            if (!enabled(s, t)) {
                continue;
            }
            if (orders[t] == null) {
                out.add(steps[t]);
            } else {
                addInFlight(s.thread(t), t, out);
            }
        }
    }

    /**
     * Cpu thread {@code t}'s events under {@code ordering armv8}: each operation in its window that waits for no
     * earlier operation not yet performed may perform; each whose translation may be taken early and has not been,
     * with its last context-synchronization point performed, may translate.
     */
    private void addInFlight(ThreadState ts, int t, List<Event> out) {
        ProgramOrder order = orders[t];
        int end = Math.min(opCounts[t], ts.pc() + ProgramOrder.WINDOW);
        for (int k = ts.pc(); k < end; k++) {
            if (!ts.hasPerformed(k) && mayPerform(ts, order, k)) {
                out.add(new Event.Perform(t, k));
            }
        }
        if (!ts.mmuOn()) {
            return;
        }
        for (int k = ts.pc(); k < end; k++) {
            if (order.translatable(k) && !ts.hasPerformed(k) && ts.early().of(k) == null
                    && (order.lastSync(k) < 0 || ts.hasPerformed(order.lastSync(k)))) {
                out.add(new Event.Translate(t, k));
            }
        }
    }

    private static boolean mayPerform(ThreadState ts, ProgramOrder order, int k) {
        for (int i = ts.pc(); i < k; i++) {
            if (!ts.hasPerformed(i) && order.waits(i, k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s} is a deadlock: some thread has not finished, and no thread can perform an operation (every
     * {@code wait} that could run reads another value in every outcome). The hardware may then stay as it is.
     */
    public boolean deadlocked(MachineState s, Ordering ordering) {
        if (!hasWaits || allFinished(s)) {
            return false;
        }
        for (Event e : threadEvents(s, ordering)) {
            if (!e.runsOperation()) {
                continue;
            }
            for (Outcome o : searchOutcomes(s, e)) {
                if (movesThreadOn(s, o)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether outcome {@code o} of an event from {@code s} runs an operation that moves its thread on: every one
     * does except a {@code wait} that read another value. A state none of whose outcomes does this is a deadlock
     * ({@link #deadlocked}), which a search that ran every thread event can tell from their outcomes alone.
     */
    public boolean movesThreadOn(MachineState s, Outcome o) {
        Event e = o.event();
        if (!e.runsOperation()) {
            return false;
        }
        int t = e instanceof Event.ThreadStep ts ? ts.thread() : ((Event.Perform) e).thread();
        ThreadState before = s.thread(t);
        ThreadState after = o.next().thread(t);
        return after.pc() != before.pc() || after.performed() != before.performed();
    }

    private void addThreadEvents(MachineState s, List<Event> out) {
        for (int t = 0; t < opCounts.length; t++) {
            if (enabled(s, t)) {
                out.add(steps[t]);
            }
        }
    }

    /**
     * What thread {@code t}'s next operation may touch in {@code s}, or null when the search must assume anything
     * (translation through page tables, a fault, instruction-side and set/way or whole-cache maintenance, TLB and
     * control operations). Only plain loads and stores, data-cache maintenance by address and barriers qualify.
     */
    public StepFootprint footprint(MachineState s, int t) {
        return footprint(s, t, s.thread(t).pc());
    }

    /**
     * What thread {@code t}'s operation {@code op} may touch if it performs now in {@code s} ({@code ordering armv8}),
     * or null when the search must assume anything; a translation taken early for it changes nothing, since only
     * threads without a table have a known footprint.
     */
    public StepFootprint footprint(MachineState s, int t, int op) {
        return footprints[t][2 * op + (s.thread(t).mmuOn() ? 1 : 0)];
    }

    /**
     * What thread {@code t}'s next operation touches if it runs now: {@link #footprint} when that is known; for a
     * thread in a stage-1 page table not behind a stage 2, a load, store, fetch, {@code dc} or {@code ic ivau} by
     * address touches the line its translation now gives (the TLB entry, else a walk of memory as it is, every
     * {@code walker any} choice tried: null when they give different blocks; a fault on every choice touches
     * nothing), and a barrier, TLB invalidate or {@code translate} touches no line; null for anything else.
     * The answer stays true as long as the TLBs and the bytes the walk reads do not change.
     */
    public StepFootprint footprintNow(MachineState s, int t) {
        return footprintNow(s, t, s.thread(t).pc());
    }

    /**
     * {@link #footprintNow(MachineState, int)} for thread {@code t}'s operation {@code index} performing now
     * ({@code ordering armv8}): through the translation it took early, if it did (a fault touches nothing), else as
     * it would translate now.
     */
    public StepFootprint footprintNow(MachineState s, int t, int index) {
        StepFootprint known = footprint(s, t, index);
        ThreadProgram tp = program.threads().get(t);
        if (known != null || tp.table() == null || tp.table().guest()) {
            return known;
        }
        ThreadState ts = s.thread(t);
        Op op = tp.ops().get(index);
        if (op instanceof Op.TlbInvalidate || op instanceof Op.Translate) {
            return StepFootprint.NOTHING;
        }
        boolean allocates = op instanceof Op.Load || op instanceof Op.Store || op instanceof Op.Fetch
                || op instanceof Op.DataCacheByAddress d && d.kind() == Op.DcKind.ZVA;
        boolean byAddress = allocates || op instanceof Op.DataCacheByAddress
                || op instanceof Op.InstructionCacheOp i && i.kind() == Op.IcKind.IVAU;
        if (!byAddress) {
            return null;
        }
        Translation early = ts.early().of(index);
        if (early != null) {
            return early instanceof Translation.Translated tr ? new StepFootprint(true, tr.physicalAddress(), allocates)
                    : StepFootprint.NOTHING;
        }
        long va = Op.addressOf(op);
        long block = -1;
        ScriptedOracle oracle = new ScriptedOracle();
        do {
            StepExecution x = new StepExecution(topology, s, oracle, StepObserver.NONE);
            if (TranslationUnit.translate(x, tp, ts, va, op instanceof Op.Store ? AccessKind.WRITE : op instanceof Op.Fetch ? AccessKind.EXECUTE : AccessKind.READ) instanceof Translation.Translated tr) {
                long pa = tr.physicalAddress();
                if (block >= 0 && block != (pa & -largestLine)) {
                    return null;
                }
                block = pa & -largestLine;
                known = new StepFootprint(true, pa, allocates);
            }
        } while (oracle.next());
        return known == null ? StepFootprint.NOTHING : known;
    }

    /** Thread {@code t}'s operation {@code pc} with the MMU on or off: what {@link #footprint} answers. */
    private StepFootprint footprintOf(int t, int pc, boolean mmuOn) {
        ThreadProgram tp = program.threads().get(t);
        Op op = tp.ops().get(pc);
        if (op instanceof Op.Barrier) {
            return StepFootprint.NOTHING;
        }
        long va;
        boolean allocates;
        if (op instanceof Op.Load l) {
            va = l.address();
            allocates = true;
        } else if (op instanceof Op.Store st) {
            va = st.address();
            allocates = true;
        } else if (op instanceof Op.DataCacheByAddress d) {
            va = d.address();
            allocates = d.kind() == Op.DcKind.ZVA;
        } else if (op instanceof Op.Wait w) {
            va = w.address();
            allocates = true;
        } else {
            return tp.agent() instanceof Agent.Device ? StepFootprint.NOTHING : null;
        }
        if (tp.agent() instanceof Agent.Device d) {
            return d.smmu() != null ? null : new StepFootprint(true, va, op instanceof Op.Store);
        }
        if (tp.table() != null) {
            return null;
        }
        if (!mmuOn) {
            return new StepFootprint(true, va, allocates);
        }
        if (tp.space() != null && tp.space().translate(va) instanceof Translation.Translated tr) {
            return new StepFootprint(true, tr.physicalAddress(), allocates);
        }
        return null;
    }

    /**
     * Whether a thread step with footprint {@code f} and the eviction of {@code line} from {@code cache} set
     * {@code set} commute from {@code s}: either order gives the same state and the same effects, and neither
     * disables the other. They do when they touch different {@code block}-byte blocks of physical memory (a power
     * of two at least every line size) and, if the step may allocate, the eviction's set is not one the step's
     * address maps to and no line in those sets (a possible victim, written back on eviction) shares the evicted
     * line's block.
     */
    public boolean commutes(MachineState s, StepFootprint f, int cache, int set, long line, long block) {
        if (!f.touchesMemory()) {
            return true;
        }
        if (((f.physicalAddress() ^ line) & -block) == 0) {
            return false;
        }
        if (!f.allocates()) {
            return true;
        }
        for (CacheInstance c : topology.instances()) {
            long mine = c.lineOf(f.physicalAddress());
            CacheState cs = s.cache(c.id());
            for (int colour = 0; colour < c.index().colours(); colour++) {
                int at = c.index().setOf(mine, colour);
                if (c.id() == cache && at == set) {
                    return false;
                }
                for (int way = 0; way < c.ways(); way++) {
                    CacheLine victim = cs.line(at, way);
                    if (victim != null && ((victim.physicalAddress() ^ line) & -block) == 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * For the partial-order reduction with page tables ({@code PersistentSets}): the lines whose speculative fills
     * must stay in the persistent set of {@code s}, given the blocks ({@code block} bytes) whose bytes as walks see
     * them may change ({@code unsettled}, given an address in the block). Null when a table is behind a stage 2.
     * First the lines a first-level data cache holds dirty that some cpu may fill into one through a non-shareable
     * alias; then those some cpu may fill, now or once the line is gone, through an alias that only TLB entries
     * give, or only walks that read an unsettled block or a block of the first kind give.
     */
    public long[] unsteadyFillLines(MachineState s, java.util.function.LongPredicate unsettled, long block) {
        return hardware.unsteadyFillLines(s, unsettled, block);
    }

    /**
     * Whether no sequence of evictions, hardware cleans and shareable speculative fills can change what any table
     * walk reads from the bytes {@code [from, to)} (8-byte aligned) in {@code s} ({@link SettledLines}).
     */
    public boolean settled(MachineState s, long from, long to) {
        boolean cachesOn = true;
        for (int t = 0; t < opCounts.length; t++) {
            cachesOn &= program.threads().get(t).table() == null || s.thread(t).cachesOn();
        }
        return settled.settled(s, from, to, cachesOn);
    }

    /** The events hardware may do on its own now, in the fixed order reports rely on. */
    public List<Event> hardwareEvents(MachineState s, ExploreOptions options) {
        List<Event> out = new ArrayList<>();
        hardware.enumerate(s, options, out);
        return out;
    }

    /**
     * Every labelled outcome of {@code event} from {@code s}, in the fixed order of the language page's fine print
     * (each choice's options in order, earlier choices varying slowest).
     */
    public List<Outcome> outcomes(MachineState s, Event event) {
        return enumerate(s, event, true);
    }

    /**
     * The same outcomes in the same order, recording only hazard effects and no labels: what a search needs, at
     * a fraction of the cost. Replay {@link #outcomes} to explain a step.
     */
    public List<Outcome> searchOutcomes(MachineState s, Event event) {
        return enumerate(s, event, false);
    }

    private List<Outcome> enumerate(MachineState s, Event event, boolean detailed) {
        ScriptedOracle oracle = new ScriptedOracle();
        Outcome first = execute(s, event, oracle, detailed);
        if (!oracle.next()) {
            return List.of(first);
        }
        List<Outcome> out = new ArrayList<>(4);
        out.add(first);
        do {
            out.add(execute(s, event, oracle, detailed));
        } while (oracle.next());
        return out;
    }

    /**
     * Every leaf entry a walk of {@code va} through stage-1 table {@code table} (not behind a stage 2) on {@code cpu}
     * could give if each descriptor read could return any value {@code candidates} offers for its address: every
     * combination is tried, as {@link #outcomes} tries every choice. No state changes.
     */
    List<TlbEntry> possibleWalks(int cpu, PageTable table, long va, StepExecution.DescriptorCandidates candidates) {
        List<TlbEntry> out = new ArrayList<>();
        forEachPossibleWalk(cpu, table, va, candidates, w -> {
            if (w.entry() != null && !out.contains(w.entry())) {
                out.add(w.entry());
            }
        });
        return out;
    }

    /**
     * Every walk of {@code va} in {@code table} on {@code cpu} over every combination of the descriptor values
     * {@code candidates} allows, faults included, in turn to {@code each}.
     */
    void forEachPossibleWalk(int cpu, PageTable table, long va, StepExecution.DescriptorCandidates candidates,
                             java.util.function.Consumer<TranslationUnit.Walk> each) {
        ScriptedOracle oracle = new ScriptedOracle();
        do {
            StepExecution x = new StepExecution(topology, initial, oracle, StepObserver.NONE);
            x.descriptorCandidates = candidates;
            each.accept(TranslationUnit.walk(x, cpu, table, va, true));
        } while (oracle.next());
    }

    /** The virtual addresses the operations of threads sharing thread {@code t}'s table name, ascending. */
    long[] relevantVirtual(int t) {
        return hardware.relevantVirtual(t);
    }

    /** Thread {@code t}'s operation {@code pc} with the MMU on or off: what {@link #footprint} answers then. */
    StepFootprint staticFootprint(int t, int pc, boolean mmuOn) {
        return footprints[t][2 * pc + (mmuOn ? 1 : 0)];
    }

    /** The one outcome {@code run} takes: the first option of every choice, except victims, which follow LRU. */
    public Outcome runOutcome(MachineState s, Event event) {
        return runOutcome(s, event, StepObserver.NONE);
    }

    /** The run outcome, telling {@code observer} what the step does to the memory system. */
    public Outcome runOutcome(MachineState s, Event event, StepObserver observer) {
        return detailed(s, event, (kind, options, runPreference) -> kind == ChoiceKind.VICTIM ? runPreference : 0,
                observer);
    }

    private Outcome execute(MachineState s, Event event, ChoiceOracle oracle, boolean detailed) {
        if (detailed) {
            return detailed(s, event, oracle, StepObserver.NONE);
        }
        StepExecution x = new StepExecution(topology, s, oracle, StepObserver.NONE);
        MachineState next = finish(x, event);
        return new Outcome(event, List.of(), x.hazards(), next);
    }

    /** An outcome with every effect and label, which an {@link EffectLog} gathers beside {@code observer}. */
    private Outcome detailed(MachineState s, Event event, ChoiceOracle oracle, StepObserver observer) {
        EffectLog log = new EffectLog();
        MachineState next = finish(new StepExecution(topology, s, oracle,
                observer == StepObserver.NONE ? log : new BothObservers(log, observer)), event);
        return new Outcome(event, log.labels(), log.effects(), next);
    }

    private MachineState finish(StepExecution x, Event event) {
        if (event instanceof Event.ThreadStep ts) {
            ThreadOpExecutor.step(x, program.threads(), ts.thread());
        } else if (event instanceof Event.Perform p) {
            ThreadOpExecutor.perform(x, program.threads(), p.thread(), p.op(), false);
        } else if (event instanceof Event.Translate tr) {
            ThreadOpExecutor.translateEarly(x, program.threads().get(tr.thread()), tr.thread(), tr.op());
        } else {
            hardware.execute(x, event);
        }
        return x.finish();
    }

    /**
     * An oracle that enumerates every combination of choices, earlier choices varying slowest: each execution
     * follows the script of the previous one with its last choice that has options left advanced, later ones 0.
     */
    private static final class ScriptedOracle implements ChoiceOracle {
        private int[] taken;
        private int[] counts;
        /** Choices made in this execution, and how many of them the script fixes. */
        private int n;
        private int scripted;

        @Override
        public int choose(ChoiceKind kind, int options, int runPreference) {
            int pick = n < scripted ? taken[n] : 0;
            if (taken == null) {
                taken = new int[4];
                counts = new int[4];
            } else if (n == taken.length) {
                taken = Arrays.copyOf(taken, n * 2);
                counts = Arrays.copyOf(counts, n * 2);
            }
            taken[n] = pick;
            counts[n] = options;
            n++;
            return pick;
        }

        /** Sets up the script of the next execution; false when every combination has been taken. */
        boolean next() {
            int i = n - 1;
            while (i >= 0 && taken[i] + 1 >= counts[i]) {
                i--;
            }
            if (i < 0) {
                return false;
            }
            taken[i]++;
            scripted = i + 1;
            n = 0;
            return true;
        }
    }
}
