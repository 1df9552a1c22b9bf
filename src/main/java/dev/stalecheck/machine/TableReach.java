package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.ValueExpr;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.Arrays;

/**
 * Which lines the operations of a thread in a page table can still touch, for the dead-line analysis
 * ({@link LineLiveness}); without it every such operation counts as able to touch any line, so that no line is ever
 * dead while a table thread runs.
 *
 * <p>An operation through a table reaches the physical address its translation gives: through an entry its cpu's
 * TLB holds now, or through a walk at the moment it runs (and through the virtual address itself when its thread
 * may turn the MMU off). A TLB entry is either in the TLB now or made later by a walk (TLBs start empty), so it
 * suffices to know every entry a walk could ever give. A walk reads descriptors from memory, each from some cache's
 * copy or from RAM; every byte any copy or RAM ever holds was put there by the program's initial RAM, its
 * {@code cached} lines or a store (write-backs, fills and discards only move bytes the machine already holds;
 * {@code dc zva} writes zeros). So when every store of every thread writes a constant, in whole, aligned
 * descriptor-sized pieces (a {@code v8-4k} or {@code v7-lpae} descriptor is 8 bytes, a {@code v7-short} one 4; an
 * 8-byte store gives two 4-byte pieces), every descriptor a walk ever reads is one of: the initial RAM word at its
 * address, the word of an initial {@code cached} line there, a stored piece, or zero. Walking every combination of
 * those candidates ({@link Machine#possibleWalks}) therefore gives every entry a walk could ever give, whatever the
 * machine does in between. The reach of the remaining operations of a thread is the union of these walked
 * addresses (computed once per operation) and of the addresses its cpu's TLB entries give now (per state); it only
 * shrinks as the thread advances and as entries leave the TLB. Tables behind a stage 2, whose walks also consult
 * the TLB, and programs with a store of a register or of another size, are not analysed ({@link #of} gives null).
 *
 * <p>{@link #consistent} answers the other question a page-table line raises: walks read descriptors at any moment,
 * from whichever copy the walker meets first. When no cache holds any byte of a line dirty and every cached copy of
 * it equals RAM, every read of it returns RAM's bytes, with or without any one clean copy; and while no remaining
 * operation can touch the line, nothing can change those bytes or make a copy dirty (only operations write, and a
 * write-back needs a dirty copy), so that stays true. Such a clean copy of a page-table line is then as dead as any
 * other clean copy nothing reads.
 */
final class TableReach {
    /** A bit of an operation's reach class: it may read or write data caches, instruction caches. */
    static final int DATA = 1;
    static final int INSTRUCTION = 2;

    private final int grain;
    /** The smallest data line: what {@code dc zva} zeroes. */
    private final int zvaLine;
    /** Per thread (null without a table), per pc: the sorted granules operations pc.. reach through any walk. */
    private final long[][][] walkedData;
    private final long[][][] walkedInstruction;
    /** Per thread, per pc: the addresses, reach classes and {@code dc zva} flags of its operations pc.. naming one. */
    private final long[][][] namedFrom;
    private final int[][][] classFrom;
    private final boolean[][][] zvaFrom;
    /** Granules any of those walks may read a descriptor from, sorted. */
    private final long[] descriptorGranules;
    private final Program program;

    private TableReach(Machine machine, int grain, int[][] classes) {
        this.program = machine.program();
        this.grain = grain;
        this.zvaLine = machine.config().smallestDataLine();
        int n = program.threads().size();
        this.walkedData = new long[n][][];
        this.walkedInstruction = new long[n][][];
        this.namedFrom = new long[n][][];
        this.classFrom = new int[n][][];
        this.zvaFrom = new boolean[n][][];
        StepExecution.DescriptorCandidates values = candidates(machine);
        LongOpenHashSet read = new LongOpenHashSet();
        StepExecution.DescriptorCandidates candidates = (pa, width) -> {
            read.add(pa & -grain);
            return values.at(pa, width);
        };
        for (int t = 0; t < n; t++) {
            ThreadProgram tp = program.threads().get(t);
            if (tp.table() == null) {
                continue;
            }
            int ops = tp.ops().size();
            walkedData[t] = new long[ops + 1][];
            walkedInstruction[t] = new long[ops + 1][];
            namedFrom[t] = new long[ops + 1][];
            classFrom[t] = new int[ops + 1][];
            zvaFrom[t] = new boolean[ops + 1][];
            LongOpenHashSet data = new LongOpenHashSet();
            LongOpenHashSet instruction = new LongOpenHashSet();
            LongArrayList named = new LongArrayList();
            it.unimi.dsi.fastutil.ints.IntArrayList cls = new it.unimi.dsi.fastutil.ints.IntArrayList();
            it.unimi.dsi.fastutil.booleans.BooleanArrayList zva = new it.unimi.dsi.fastutil.booleans.BooleanArrayList();
            for (int pc = ops; pc >= 0; pc--) {
                if (pc < ops && classes[t][pc] != 0) {
                    Op op = tp.ops().get(pc);
                    long va = Op.addressOf(op);
                    boolean zeroes = op instanceof Op.DataCacheByAddress d && d.kind() == Op.DcKind.ZVA;
                    named.add(va);
                    cls.add(classes[t][pc]);
                    zva.add(zeroes);
                    LongArrayList pas = new LongArrayList();
                    for (TlbEntry e : machine.possibleWalks(tp.cpu(), tp.table(), va, candidates)) {
                        pas.add(e.paBase() + (va - e.vaBase()));
                    }
                    if (tp.mayRunPhysical()) {
                        pas.add(va);
                    }
                    for (long pa : pas) {
                        for (long g : granules(pa, zeroes)) {
                            if ((classes[t][pc] & DATA) != 0) {
                                data.add(g);
                            }
                            if ((classes[t][pc] & INSTRUCTION) != 0) {
                                instruction.add(g);
                            }
                        }
                    }
                }
                walkedData[t][pc] = sorted(data);
                walkedInstruction[t][pc] = sorted(instruction);
                namedFrom[t][pc] = named.toLongArray();
                classFrom[t][pc] = cls.toIntArray();
                zvaFrom[t][pc] = zva.toBooleanArray();
            }
        }
        this.descriptorGranules = sorted(read);
    }

    /**
     * Whether a walk may ever read a descriptor in {@code granule} (a walk of an address some table operation
     * names, over every candidate descriptor: the places speculative walks and translations read).
     */
    boolean descriptor(long granule) {
        return Arrays.binarySearch(descriptorGranules, granule) >= 0;
    }

    /**
     * The analysis of {@code machine}'s program, where {@code classes[t][pc]} is the reach class of table thread
     * t's operation pc (0 when it names no address or touches no cache); null when the program is outside what it
     * can analyse (see the class comment).
     */
    static TableReach of(Machine machine, int grain, int[][] classes) {
        return analysable(machine.program()) ? new TableReach(machine, grain, classes) : null;
    }

    /** Whether every store writes a constant in whole, aligned descriptor pieces and no table is behind a stage 2. */
    static boolean analysable(Program program) {
        boolean longTables = false;
        for (ThreadProgram tp : program.threads()) {
            if (tp.table() != null) {
                if (tp.table().guest()) {
                    return false;
                }
                longTables |= tp.table().format() != TableFormat.V7_SHORT;
            }
        }
        int piece = longTables ? 8 : 4;
        for (ThreadProgram tp : program.threads()) {
            for (Op op : tp.ops()) {
                if (op instanceof Op.Store st && (!(st.value() instanceof ValueExpr.Constant)
                        || st.width() % piece != 0 || st.address() % piece != 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The granules an access at {@code pa} touches: its own, or the whole zeroed line for {@code dc zva}. */
    private long[] granules(long pa, boolean zeroes) {
        if (!zeroes) {
            return new long[] {pa & -grain};
        }
        long line = pa & -(long) zvaLine;
        long[] out = new long[Math.max(1, zvaLine / grain)];
        for (int i = 0; i < out.length; i++) {
            out[i] = line + (long) i * grain;
        }
        return out;
    }

    static long[] sorted(LongOpenHashSet set) {
        long[] a = set.toLongArray();
        Arrays.sort(a);
        return a;
    }

    /**
     * Every value a descriptor read could ever return (class comment): the initial RAM and {@code cached} bytes at
     * its address, every stored constant cut into pieces of the read's width, and zero.
     */
    static StepExecution.DescriptorCandidates candidates(Machine machine) {
        LongOpenHashSet pieces4 = new LongOpenHashSet();
        LongOpenHashSet pieces8 = new LongOpenHashSet();
        pieces4.add(0);
        pieces8.add(0);
        for (ThreadProgram tp : machine.program().threads()) {
            for (Op op : tp.ops()) {
                if (op instanceof Op.Store st && st.value() instanceof ValueExpr.Constant c && !c.value().fault()) {
                    long v = c.value().bits();
                    if (st.width() == 8) {
                        pieces8.add(v);
                        pieces4.add(v >>> 32);
                    }
                    pieces4.add(v & 0xffffffffL);
                }
            }
        }
        MachineState initial = machine.initialState();
        return (pa, width) -> {
            LongOpenHashSet out = new LongOpenHashSet(width == 8 ? pieces8 : pieces4);
            addInitial(initial, pa, width, out);
            return sorted(out);
        };
    }

    /** Adds to {@code out} the {@code width}-byte values at {@code pa} in the initial RAM and initial cached lines. */
    static void addInitial(MachineState initial, long pa, int width, LongOpenHashSet out) {
        out.add(initial.ram().read(pa, width));
        for (int c = 0; c < initial.cacheCount(); c++) {
            CacheState cs = initial.cache(c);
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                if (Long.compareUnsigned(pa - l.physicalAddress(), l.sizeBytes()) < 0) {
                    out.add(l.read((int) (pa - l.physicalAddress()), width));
                }
            }
        }
    }

    /** The reach of the operations left in {@code s}: ask it about granules. */
    Reach at(MachineState s) {
        return new Reach(s);
    }

    /** The reach of one state's remaining table operations. */
    final class Reach {
        private final MachineState state;
        /** Granules the current TLB entries give the remaining operations, data and instruction; null until needed. */
        private long[] tlbData;
        private long[] tlbInstruction;

        private Reach(MachineState s) {
            this.state = s;
        }

        /**
         * Whether a remaining operation of a table thread may touch {@code granule} in a way that concerns a data
         * cache ({@code instructionCache} false: any access, since instruction fills read the data levels too) or
         * an instruction cache (instruction fetches and maintenance only).
         */
        boolean touches(long granule, boolean instructionCache) {
            for (int t = 0; t < walkedData.length; t++) {
                if (walkedData[t] == null) {
                    continue;
                }
                int pc = Math.min(state.thread(t).pc(), walkedData[t].length - 1);
                if (Arrays.binarySearch(walkedInstruction[t][pc], granule) >= 0
                        || !instructionCache && Arrays.binarySearch(walkedData[t][pc], granule) >= 0) {
                    return true;
                }
            }
            if (tlbData == null) {
                gatherTlb();
            }
            for (long g : tlbInstruction) {
                if (g == granule) {
                    return true;
                }
            }
            for (int i = 0; !instructionCache && i < tlbData.length; i++) {
                if (tlbData[i] == granule) {
                    return true;
                }
            }
            return false;
        }

        /** The granules the remaining operations reach through the entries their cpus' TLBs hold now. */
        private void gatherTlb() {
            LongArrayList data = new LongArrayList();
            LongArrayList instruction = new LongArrayList();
            for (int t = 0; t < namedFrom.length; t++) {
                if (namedFrom[t] == null) {
                    continue;
                }
                ThreadProgram tp = program.threads().get(t);
                int pc = Math.min(state.thread(t).pc(), namedFrom[t].length - 1);
                long[] vas = namedFrom[t][pc];
                for (TlbEntry e : state.tlb(tp.cpu()).entries()) {
                    for (int i = 0; i < vas.length; i++) {
                        if (!e.stage2() && e.matches(vas[i], tp.table().asid())) {
                            for (long g : granules(e.paBase() + (vas[i] - e.vaBase()), zvaFrom[t][pc][i])) {
                                if ((classFrom[t][pc][i] & DATA) != 0) {
                                    data.add(g);
                                }
                                if ((classFrom[t][pc][i] & INSTRUCTION) != 0) {
                                    instruction.add(g);
                                }
                            }
                        }
                    }
                }
            }
            tlbData = data.toLongArray();
            tlbInstruction = instruction.toLongArray();
        }
    }

    /**
     * Whether no cache holds a byte of {@code [pa, end)} dirty and every cached copy of those bytes equals RAM in
     * {@code s} (class comment: then every read of them returns RAM's bytes).
     */
    static boolean consistent(MachineState s, long pa, long end) {
        for (int c = 0; c < s.cacheCount(); c++) {
            CacheState cs = s.cache(c);
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                long from = Math.max(pa, l.physicalAddress());
                long to = Math.min(end, l.physicalAddress() + l.sizeBytes());
                if (from >= to) {
                    continue;
                }
                if (l.isDirty()) {
                    return false;
                }
                for (long a = from; a < to; a += 8) {
                    if (l.read((int) (a - l.physicalAddress()), 8) != s.ram().read(a, 8)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
