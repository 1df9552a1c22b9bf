package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which clean cache lines nothing can read any more: a <i>dead</i> copy is a clean line that no remaining operation,
 * walk, fetch, device access, write-back or final condition will ever observe.
 *
 * <p>Each operation that names a line is, for a given cache, a <i>reader</i> (it may read or write that cache's
 * copy: loads, stores, {@code dc zva}, {@code translate}, fetches for every cache, device accesses that see
 * caches), a <i>remover</i> (it surely drops that cache's copy without reading it: {@code dc ivac}/{@code civac}
 * for the data levels before the PoC, {@code outer inv}/{@code flush} for {@code outer} levels, {@code ic ivau} for
 * a non-aliasing instruction cache; each only when its physical address is known statically) or <i>neutral</i>
 * (cleans, which do nothing to a clean copy; data operations for an instruction cache; a device at {@code memory}
 * when the PoC is memory — with {@code poc l2} such a device reads and writes L2, and is a reader).
 * A clean copy of line L in cache instance C is dead in a state when:
 * <ol>
 *   <li>for C and every cache that can take a copy of L from C (the levels inside it on a data or instruction path;
 *       with several cpus, every cache, since a clean copy may also supply another cpu's coherent read when it
 *       differs from RAM (semantics item 8); a coherent device reads every data cache and is a reader for each;
 *       nothing copies from an instruction cache), each thread's next operation on L
 *       that is not neutral for that cache is a remover, or there is none;</li>
 *   <li>no thread has an operation left whose reach is not known: a set/way or whole-level operation, or an access
 *       through a page table — a data access for a data cache (or any cache that can copy from it), a fetch or
 *       {@code ic ivau} for an instruction cache — unless the <i>table reach</i> applies, and no remaining operation
 *       through a table may reach L (below);</li>
 *   <li>for a data cache, no cache holds any part of L dirty (a write-back would land in C's copy; a coherent read
 *       would need it) — or else the <i>push</i> exception below applies; an instruction cache never receives a
 *       write-back and never supplies data, so dirty data copies do not matter to it;</li>
 *   <li>for a data cache, L holds no page-table descriptor (walks may read it at any time; walks never read an
 *       instruction cache) — unless the table reach applies and every cached copy of L equals RAM (below) — and L
 *       can never sit in more than one colour of an aliasing cache (so no {@code alias-divergence} can involve
 *       it).</li>
 * </ol>
 *
 * <p>Why such a copy changes nothing: until a remover drops it, nothing reads it — no operation (each thread's next
 * one on L that could is a remover), no hardware event (fills from it only make copies in caches that rule 1 covers
 * too, which are therefore dead as well; walks never touch it; a write-back into it needs a dirty copy of L, which
 * needs a reader first). Final conditions read registers and RAM only, and final outcomes count dirty lines only.
 * So from two states that differ only in dead copies the same final outcomes and hazards are reachable, and a
 * remover leaves them identical. Every rule depends only on thread positions, dirty lines and static facts, which
 * both states share.
 *
 * <p><b>Operations in flight</b> ({@code ordering armv8}): a thread's remaining operations (from the oldest one not
 * yet performed) may perform in any order, so rule 1 becomes "no remaining operation of any thread on L is a reader
 * for that cache" and the push exception is off. Rules 2 to 4 already speak of every remaining operation (a
 * translation taken early only reads memory when it is taken, a step that rule 2's table accesses cover). The
 * argument above then holds unchanged: nothing reads a dead copy before the program ends, whatever the order.
 *
 * <p><b>The push exception.</b> On a machine with one cpu and one data line size, a clean copy D of L in a data
 * level before the PoC (not {@code outer}) may be dead although a level inside it holds L dirty, when some thread's
 * first remaining operation naming L is a clean to the PoC ({@code dc cvac}, {@code civac}) of a known address and
 * every other thread that names L cannot start before such a thread ends. Until that push nothing but hardware
 * events touches L; whatever they do (the dirty line written back into D, making D dirty, or past it), the push
 * writes the newest line, all of its bytes, through every level before the PoC to the same place (the nearest
 * holder at or beyond the PoC, or RAM), and leaves only clean copies of it before the PoC. With or without D, the
 * states after the push agree on RAM and dirty lines, and their clean copies are then subject to the rules above. No final state lies before the push (its thread has not finished), and no
 * hazard can arise on L before it (no operation touches L).
 *
 * <p><b>The table reach</b> ({@link TableReach}; {@code Reductions.tableReach}, {@code --no-table-reach} turns it
 * off). When every store of the program writes a constant in whole descriptors and no table is behind a stage 2,
 * an operation through a page table is not of unknown reach: it may touch the lines its cpu's TLB entries map its
 * address to now, and those any walk of it could ever give over every descriptor value the program can produce.
 * It counts as a reader of each of them (never a remover) while it remains. A walk (speculative, or a thread's
 * translation) reads a descriptor from whichever copy it meets first or from RAM; when no cache holds a byte of a
 * page-table line dirty and every copy of it equals RAM, every such read gives RAM's bytes whether or not a given
 * clean copy is there. While no remaining operation may reach that line (rules 1 and 2) nothing can write it or make
 * a copy dirty, so that stays true, and walks (and the TLB entries and speculative fills they lead to) are the same
 * in two states that differ only in such a copy: rule 4 then lets it be dead like any other line.
 *
 * <p>The search uses this to treat states that differ only in dead copies as one state ({@code StateIdentity}),
 * and to skip speculative fills that would only add dead copies to sets with room for them. Final outcomes and
 * hazards are the same. A counterexample may in principle be one step longer where a set full of lines including a
 * dead one was merged with the same set with a free way (a fill into it then forces a victim in one state but not
 * in the other), which no comparison has shown ({@code DeadLinesTest}, {@code TableReachTest}). A fill of a dead
 * line into a full set is tried: its forced victims, at every level it allocates in, are evicted in one step, which
 * separate evictions would take several steps to do (random scenarios with page tables showed a counterexample one
 * step longer when such fills were skipped).
 */
public final class LineLiveness {
    /** Operation classes, per operation: may read a data cache's or an instruction cache's copy. */
    private static final int READ_DATA = 1;
    private static final int READ_INSTRUCTION = 2;
    /** Surely drops the copy of the data levels before the PoC, of {@code outer} levels, of instruction caches. */
    private static final int REMOVE_INNER = 4;
    private static final int REMOVE_OUTER = 8;
    private static final int REMOVE_INSTRUCTION = 16;
    /** A clean or clean+invalidate to the PoC of a known physical address ({@code dc cvac}, {@code civac}). */
    private static final int PUSH = 32;
    /** Set on every recorded operation, so that the first one of any class can be found. */
    private static final int TOUCH = 64;

    private final CacheTopology topology;
    private final boolean usable;
    /** Whether each thread's operations perform in program order; else any remaining one may come next. */
    private final boolean inOrder;
    private final int threads;
    /** The smallest line size of any cache: the granularity of the tables below. */
    private final int grain;
    /**
     * Per thread: the last operation index whose reach in data caches is unknown (a data access through a page
     * table, set/way, whole level), and the same for instruction caches (a fetch or {@code ic ivau} through a table).
     */
    private final int[] lastWildcard;
    private final int[] lastInstructionWildcard;
    /** Per line (at {@link #grain}): per thread, the operations naming it, ascending, and their classes. */
    private final Long2ObjectOpenHashMap<Touches> touches = new Long2ObjectOpenHashMap<>();
    /** Lines (at {@link #grain}) that are never dead: descriptors, and lines with several colours. */
    private final LongOpenHashSet neverDead = new LongOpenHashSet();
    /** Granules of page-table memory: never dead in a data cache (walks read data caches), free in instruction caches. */
    private final LongOpenHashSet tableGranules = new LongOpenHashSet();
    /** Per cache instance: the bits of its readers and removers, and the caches that can take a copy from it. */
    private final int[] readBit;
    private final int[] removeBit;
    private final int[][] readersOf;
    /**
     * Whether a clean copy under a dirty one can be dead (one cpu, one data line size); per cache, whether a push to
     * the PoC passes through it (a data level before the PoC, not {@code outer}); per pair, whether thread u runs
     * {@code after} thread t, directly or not.
     */
    private final boolean shadows;
    private final boolean[] pushedThrough;
    private final boolean[][] runsAfter;
    /** Whether a device {@code at memory} sees a cache: it starts at the PoC, which may be a cache level. */
    private final boolean memoryDevicesSeeCaches;
    /**
     * Where operations through page tables can reach ({@link TableReach}), or null: then each such operation counts
     * as one of unknown reach, and page-table lines are never dead in a data cache.
     */
    private final TableReach reach;

    /** The operations of every thread that name one line. */
    private static final class Touches {
        final int[][] pcs;
        final byte[][] classes;
        final int[] counts;

        Touches(int threads) {
            pcs = new int[threads][];
            classes = new byte[threads][];
            counts = new int[threads];
        }

        void add(int thread, int pc, int cls) {
            int n = counts[thread];
            if (pcs[thread] == null) {
                pcs[thread] = new int[2];
                classes[thread] = new byte[2];
            } else if (n == pcs[thread].length) {
                pcs[thread] = Arrays.copyOf(pcs[thread], 2 * n);
                classes[thread] = Arrays.copyOf(classes[thread], 2 * n);
            }
            if (n > 0 && pcs[thread][n - 1] == pc) {
                classes[thread][n - 1] |= (byte) cls;
                return;
            }
            pcs[thread][n] = pc;
            classes[thread][n] = (byte) cls;
            counts[thread] = n + 1;
        }

        /**
         * Thread {@code t}'s first operation at or after {@code pc} naming the line: its index in the high half and its
         * class in the low half, or -1 when there is none.
         */
        long first(int t, int pc) {
            int[] p = pcs[t];
            int n = counts[t];
            int i = p == null ? n : Arrays.binarySearch(p, 0, n, pc);
            i = i < 0 ? -i - 1 : i;
            return i < n ? ((long) p[i] << 32) | (classes[t][i] & 0xff) : -1;
        }

        /** The union of the classes of thread {@code t}'s operations at or after {@code pc}. */
        int any(int t, int pc) {
            int[] p = pcs[t];
            int n = counts[t];
            int i = p == null ? n : Arrays.binarySearch(p, 0, n, pc);
            int union = 0;
            for (i = i < 0 ? -i - 1 : i; i < n; i++) {
                union |= classes[t][i] & 0xff;
            }
            return union;
        }

        /** The class of thread {@code t}'s first operation at or after {@code pc} with any of {@code bits}, or 0. */
        int next(int t, int pc, int bits) {
            int[] p = pcs[t];
            int n = counts[t];
            int i = p == null ? n : Arrays.binarySearch(p, 0, n, pc);
            for (i = i < 0 ? -i - 1 : i; i < n; i++) {
                if ((classes[t][i] & bits) != 0) {
                    return classes[t][i] & bits;
                }
            }
            return 0;
        }
    }

    /** The analysis of {@code machine}'s program in program order, operations through tables of unknown reach. */
    public LineLiveness(Machine machine) {
        this(machine, true, false);
    }

    /**
     * The analysis of {@code machine}'s program (static: computed once). Without {@code inOrder} (operations in
     * flight, {@code ordering armv8}) a thread's remaining operations may perform in any order: see the class
     * comment. With {@code tableReach}, the reach of operations through page tables is computed per state when
     * {@link TableReach} can analyse the program.
     */
    public LineLiveness(Machine machine, boolean inOrder, boolean tableReach) {
        this.inOrder = inOrder;
        this.topology = machine.topology();
        MachineConfig config = topology.config();
        this.memoryDevicesSeeCaches = topology.pathFromDepth(0, config.poc().depth()).length > 0;
        Program program = machine.program();
        this.threads = program.threads().size();
        int smallest = Integer.MAX_VALUE;
        for (CacheInstance c : topology.instances()) {
            smallest = Math.min(smallest, c.lineBytes());
        }
        this.grain = smallest == Integer.MAX_VALUE ? 64 : smallest;
        this.lastWildcard = new int[threads];
        Arrays.fill(lastWildcard, -1);
        this.lastInstructionWildcard = new int[threads];
        Arrays.fill(lastInstructionWildcard, -1);
        boolean tableThreads = false;
        boolean throughStage2 = false;
        boolean analyse = tableReach && TableReach.analysable(program);
        int[][] tableClasses = new int[threads][];
        for (int t = 0; t < threads; t++) {
            ThreadProgram tp = program.threads().get(t);
            tableThreads |= tp.table() != null;
            throughStage2 |= tp.table() != null && tp.table().via() != null;
            tableClasses[t] = new int[tp.ops().size()];
            classify(t, tp, analyse ? tableClasses[t] : null);
            if (tp.table() != null) {
                markTable(tp.table());
                if (tp.table().stage2Table() != null) {
                    markTable(tp.table().stage2Table());
                }
            }
        }
        boolean aliasing = false;
        for (CacheInstance c : topology.instances()) {
            if (c.index().colours() > 1) {
                aliasing = true;
                markMultiColour(c, program);
            }
        }
        this.usable = !(aliasing && tableThreads) && !throughStage2;
        int n = topology.size();
        this.readBit = new int[n];
        this.removeBit = new int[n];
        this.readersOf = new int[n][];
        int pocDepth = config.poc().depth();
        for (CacheInstance c : topology.instances()) {
            int id = c.id();
            if (c.isInstruction()) {
                readBit[id] = READ_INSTRUCTION;
                removeBit[id] = c.index().colours() == 1 ? REMOVE_INSTRUCTION : 0;
            } else {
                readBit[id] = READ_DATA;
                removeBit[id] = c.level().outer() ? REMOVE_OUTER : c.depth() < pocDepth ? REMOVE_INNER : 0;
            }
            readersOf[id] = readersOf(c, config.cpus());
        }
        this.pushedThrough = new boolean[n];
        int dataLine = -1;
        boolean uniform = true;
        for (CacheInstance c : topology.instances()) {
            if (!c.isInstruction()) {
                uniform &= dataLine < 0 || dataLine == c.lineBytes();
                dataLine = c.lineBytes();
                pushedThrough[c.id()] = !c.level().outer() && c.depth() < pocDepth;
            }
        }
        this.shadows = config.cpus() == 1 && uniform;
        this.runsAfter = runsAfter(program);
        this.reach = analyse && usable ? TableReach.of(machine, grain, tableClasses) : null;
    }

    /** The transitive closure of {@code after}: {@code [u][t]} when thread u cannot start before thread t ends. */
    private static boolean[][] runsAfter(Program program) {
        int n = program.threads().size();
        boolean[][] after = new boolean[n][n];
        for (int u = 0; u < n; u++) {
            for (int t : program.threads().get(u).after()) {
                after[u][t] = true;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int u = 0; u < n; u++) {
                for (int t = 0; t < n; t++) {
                    after[u][t] |= after[u][k] && after[k][t];
                }
            }
        }
        return after;
    }

    /**
     * Records what each operation of thread {@code t} names, and how; with {@code tableClasses}, an operation through
     * a table is not of unknown reach: its reach class goes there ({@link TableReach}).
     */
    private void classify(int t, ThreadProgram tp, int[] tableClasses) {
        boolean physicalToo = tp.mayRunPhysical();
        for (int pc = 0; pc < tp.ops().size(); pc++) {
            Op op = tp.ops().get(pc);
            if (op instanceof Op.DataCacheBySetWay || op instanceof Op.DataCacheWholeLevel) {
                lastWildcard[t] = pc;
                lastInstructionWildcard[t] = pc;
                continue;
            }
            Long named = Op.addressOf(op);
            if (named == null) {
                continue;
            }
            long a = named;
            if (tp.table() != null && !(op instanceof Op.OuterCacheOp) && tableClasses != null) {
                int cls = classOf(tp, op, false);
                tableClasses[pc] = ((cls & READ_DATA) != 0 ? TableReach.DATA : 0)
                        | ((cls & READ_INSTRUCTION) != 0 ? TableReach.INSTRUCTION : 0);
                continue;
            }
            if (tp.table() != null && !(op instanceof Op.OuterCacheOp)) {
                if (op instanceof Op.Fetch || op instanceof Op.InstructionCacheOp) {
                    lastInstructionWildcard[t] = pc;
                }
                if (!(op instanceof Op.InstructionCacheOp)) {
                    lastWildcard[t] = pc;
                }
                continue;
            }
            List<Long> pas = physicalAddresses(tp, op, a, physicalToo);
            int cls = classOf(tp, op, pas.size() == 1) | TOUCH;
            for (long pa : pas) {
                touches.computeIfAbsent(pa & -grain, k -> new Touches(threads)).add(t, pc, cls);
            }
        }
    }

    /** The class of an operation naming an address ({@code exact}: its physical address is known statically). */
    private int classOf(ThreadProgram tp, Op op, boolean exact) {
        if (tp.agent() instanceof Agent.Device d) {
            return d.level().equals(Point.MEMORY) && !d.coherent() && !memoryDevicesSeeCaches ? 0 : READ_DATA;
        }
        if (op instanceof Op.Fetch) {
            return READ_DATA | READ_INSTRUCTION;
        }
        if (op instanceof Op.InstructionCacheOp) {
            return exact ? REMOVE_INSTRUCTION : READ_INSTRUCTION;
        }
        if (op instanceof Op.OuterCacheOp o) {
            return o.kind() == Op.OuterKind.CLEAN ? 0 : REMOVE_OUTER;
        }
        if (op instanceof Op.DataCacheByAddress d) {
            return switch (d.kind()) {
                case IVAC -> exact ? REMOVE_INNER : READ_DATA;
                case CIVAC -> exact ? REMOVE_INNER | PUSH : READ_DATA;
                case CVAC, CVAP -> exact ? PUSH : 0;
                case ZVA -> READ_DATA;
                default -> 0;
            };
        }
        return READ_DATA;
    }

    /**
     * The caches that can take a copy of a line from cache {@code c}: none for an instruction cache (nothing reads
     * one but fetches); with several cpus every cache (coherent transfers), else the levels inside it on its cpu's
     * data path and the instruction caches whose path crosses it.
     */
    private int[] readersOf(CacheInstance c, int cpus) {
        List<Integer> out = new ArrayList<>();
        if (c.isInstruction()) {
            return new int[0];
        }
        for (CacheInstance other : topology.instances()) {
            if (other.id() != c.id() && (cpus > 1 || inside(other.id(), c.id()))) {
                out.add(other.id());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Whether cache {@code inner} comes before cache {@code outer} on some path of cpu 0 (the only cpu). */
    private boolean inside(int inner, int outer) {
        for (int[] path : new int[][] {topology.dataPath(0), topology.instructionPath(0)}) {
            int i = indexOf(path, inner);
            int o = indexOf(path, outer);
            if (i >= 0 && o > i) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(int[] path, int id) {
        for (int i = 0; i < path.length; i++) {
            if (path[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether the analysis can declare any line dead: not with aliasing caches and page tables together, nor with a
     * stage-1 table behind a stage 2 (its descriptors' physical lines are known only through the stage-2 walk).
     */
    public boolean usable() {
        return usable;
    }

    /** Every physical address operation {@code op} of a space or device thread may access. */
    private static List<Long> physicalAddresses(ThreadProgram tp, Op op, long a, boolean physicalToo) {
        List<Long> out = new ArrayList<>(2);
        if (op instanceof Op.OuterCacheOp || !tp.onCpu()) {
            out.add(a);
            return out;
        }
        if (tp.space() != null && tp.space().translate(a) instanceof Translation.Translated tr) {
            out.add(tr.physicalAddress());
        }
        if (physicalToo && !out.contains(a)) {
            out.add(a);
        }
        return out;
    }

    /**
     * Marks every line of {@code table}'s memory as never dead in a data cache: walks may read a descriptor at any
     * time, through the data caches the walker starts at. An instruction cache's copy of a table line is read only
     * by fetches, like any other line's.
     */
    private void markTable(PageTable table) {
        for (long[] r : table.regions()) {
            for (long pa = r[0] & -grain; Long.compareUnsigned(pa, r[0] + r[1]) < 0; pa += grain) {
                tableGranules.add(pa);
            }
        }
    }

    /** Marks the lines that may sit in aliasing cache {@code c} in more than one colour as never dead. */
    private void markMultiColour(CacheInstance c, Program program) {
        List<Long> candidates = new ArrayList<>(program.relevantAddresses());
        for (InitialLine l : program.cachedLines()) {
            candidates.add(l.physicalAddress());
        }
        for (long pa : candidates) {
            long line = c.lineOf(pa);
            long colours = 0;
            for (ThreadProgram tp : program.threads()) {
                if (!c.isShared() && tp.cpu() != c.cpu()) {
                    continue;
                }
                if (tp.space() != null && tp.onCpu()) {
                    for (Space.Alias alias : tp.space().aliasesOf(line)) {
                        colours |= 1L << c.index().colourOf(alias.virtualAddress());
                    }
                }
                if (tp.mayRunPhysical()) {
                    colours |= 1L << c.index().colourOf(line);
                }
            }
            for (InitialLine l : program.cachedLines()) {
                if (c.lineOf(l.physicalAddress()) == line) {
                    colours |= 1L << (l.colour() >= 0 ? l.colour() : c.index().colourOf(line));
                }
            }
            if (Long.bitCount(colours) > 1) {
                for (long g = line; g < line + c.lineBytes(); g += grain) {
                    neverDead.add(g);
                }
            }
        }
    }

    /** What is dead in one state: build it once per state, then ask about its lines. */
    public View view(MachineState s) {
        return new View(s);
    }

    /** The dead-line question for one state. */
    public final class View {
        private final MachineState state;
        private final boolean anyDead;
        /** Whether an operation of unknown reach is left, for data caches and for instruction caches. */
        private final boolean dataWildcard;
        private final boolean instructionWildcard;
        /** The reach of the remaining table operations, made on first need. */
        private TableReach.Reach reachNow;
        /** Dirty lines of every cache as {start, end, depth of the cache} triples, gathered on first need. */
        private long[] dirty;
        private int dirtyCount;

        private View(MachineState s) {
            this.state = s;
            boolean data = !usable;
            boolean instruction = !usable;
            for (int t = 0; t < threads; t++) {
                data |= s.thread(t).pc() <= lastWildcard[t];
                instruction |= s.thread(t).pc() <= lastInstructionWildcard[t];
            }
            this.dataWildcard = data;
            this.instructionWildcard = instruction;
            this.anyDead = !(data && instruction);
        }

        /** Gathers the dirty lines of every cache (once). */
        private void gatherDirty() {
            if (dirty != null) {
                return;
            }
            long[] d = new long[9];
            int n = 0;
            for (int c = 0; c < state.cacheCount(); c++) {
                CacheState cs = state.cache(c);
                for (int i = 0; i < cs.validLines(); i++) {
                    CacheLine l = cs.lineAt(i);
                    if (l.isDirty()) {
                        if (n + 3 > d.length) {
                            d = Arrays.copyOf(d, d.length * 2);
                        }
                        d[n++] = l.physicalAddress();
                        d[n++] = l.physicalAddress() + l.sizeBytes();
                        d[n++] = topology.instance(c).depth();
                    }
                }
            }
            dirty = d;
            dirtyCount = n;
        }

        /** Whether any line may be dead in this state (false while operations of unknown reach remain for both sides). */
        public boolean anyDead() {
            return anyDead;
        }

        /** Whether the copy of {@code line} in cache instance {@code cache} is dead. */
        public boolean dead(int cache, CacheLine line) {
            return anyDead && line.isClean() && deadRange(cache, line.physicalAddress(), line.sizeBytes());
        }

        /** Whether a clean copy of the {@code bytes}-byte line at {@code pa} in {@code cache} would be dead. */
        public boolean deadRange(int cache, long pa, int bytes) {
            if (!anyDead || wildcard(cache)) {
                return false;
            }
            for (int other : readersOf[cache]) {
                if (wildcard(other)) {
                    return false;
                }
            }
            long end = pa + bytes;
            boolean instruction = topology.instance(cache).isInstruction();
            boolean shadowed = false;
            if (!instruction) {
                gatherDirty();
            }
            for (int i = 0; !instruction && i < dirtyCount; i += 3) {
                if (dirty[i] < end && pa < dirty[i + 1]) {
                    if (!shadows || !pushedThrough[cache] || dirty[i + 2] >= topology.instance(cache).depth()) {
                        return false;
                    }
                    shadowed = true;
                }
            }
            if (shadowed && (!inOrder || !pushComesFirst(pa, end))) {
                return false;
            }
            boolean descriptors = false;
            for (long g = pa; g < end; g += grain) {
                if (neverDead.contains(g) || !instruction && tableGranules.contains(g) && reach == null) {
                    return false;
                }
                descriptors |= !instruction && (tableGranules.contains(g) || reach != null && reach.descriptor(g));
                if (reach != null) {
                    if (reachNow == null) {
                        reachNow = reach.at(state);
                    }
                    if (reachNow.touches(g, instruction)) {
                        return false;
                    }
                }
                Touches ts = touches.get(g);
                if (ts != null && (readBefore(ts, cache) || readByReaders(ts, cache))) {
                    return false;
                }
            }
            return !descriptors || TableReach.consistent(state, pa, end);
        }

        /**
         * Whether every dirty copy of the line {@code [pa, end)} will be pushed to the PoC before anything else names
         * it: some thread's first remaining operation on it is a clean to the PoC, and every other thread that names
         * it cannot start before one such thread ends.
         */
        private boolean pushComesFirst(long pa, long end) {
            long[] first = new long[threads];
            Arrays.fill(first, -1);
            for (long g = pa; g < end; g += grain) {
                Touches ts = touches.get(g);
                for (int t = 0; ts != null && t < threads; t++) {
                    long f = ts.first(t, state.thread(t).pc());
                    if (f >= 0 && (first[t] < 0 || (f >>> 32) < (first[t] >>> 32))) {
                        first[t] = f;
                    } else if (f >= 0 && (f >>> 32) == (first[t] >>> 32)) {
                        first[t] |= f & 0xff;
                    }
                }
            }
            boolean anyPusher = false;
            for (int t = 0; t < threads; t++) {
                anyPusher |= first[t] >= 0 && (first[t] & (PUSH | READ_DATA | READ_INSTRUCTION)) == PUSH;
            }
            for (int u = 0; anyPusher && u < threads; u++) {
                if (first[u] >= 0 && (first[u] & (PUSH | READ_DATA | READ_INSTRUCTION)) != PUSH && !afterAPusher(u, first)) {
                    return false;
                }
            }
            return anyPusher;
        }

        private boolean afterAPusher(int u, long[] first) {
            for (int t = 0; t < threads; t++) {
                if (runsAfter[u][t] && first[t] >= 0 && (first[t] & (PUSH | READ_DATA | READ_INSTRUCTION)) == PUSH) {
                    return true;
                }
            }
            return false;
        }

        private boolean wildcard(int cache) {
            return topology.instance(cache).isInstruction() ? instructionWildcard : dataWildcard;
        }

        private boolean readByReaders(Touches ts, int cache) {
            for (int other : readersOf[cache]) {
                if (readBefore(ts, other)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether some thread's next operation on the line that is not neutral for {@code cache} is a reader. */
        private boolean readBefore(Touches ts, int cache) {
            int bits = readBit[cache] | removeBit[cache];
            for (int t = 0; t < threads; t++) {
                if (!inOrder) {
                    if ((ts.any(t, state.thread(t).pc()) & readBit[cache]) != 0) {
                        return true;
                    }
                    continue;
                }
                if ((ts.next(t, state.thread(t).pc(), bits) & readBit[cache]) != 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
