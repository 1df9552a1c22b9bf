package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
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
 * Which clean cache lines nothing can read any more: a <i>dead</i> line is a clean copy that no remaining operation
 * of any thread, no walk, fetch, device access, write-back or final condition can observe.
 *
 * <p>A clean copy of physical line L in cache instance C is dead in a state when all of these hold:
 * <ol>
 *   <li>no thread has an operation left that may read C's copy of L: for an instruction cache, a {@code fetch} or
 *       {@code ic ivau} naming L; for a data cache, any operation naming L (loads, stores, fetches, maintenance by
 *       address, {@code translate}, outer maintenance, device accesses);</li>
 *   <li>no thread has an operation left whose address is not known statically (an access through a page table) or
 *       that acts on a whole level or a set/way;</li>
 *   <li>no cache holds a dirty copy of any part of L (a write-back would land in C's copy, or a coherent read
 *       would need it);</li>
 *   <li>L holds no page-table descriptor (walks may read it at any time), and L can never sit in more than one
 *       colour of an aliasing cache (so no {@code alias-divergence} can involve it).</li>
 * </ol>
 * Final conditions read registers and RAM only, and final outcomes count dirty lines only, so a dead line changes
 * no outcome. Each condition only ever becomes true for good as the search goes on: operations are consumed in
 * program order, a dirty copy of L can only appear through an operation naming L, and the static facts do not
 * change. Deadness is also closed outward-to-inward along every path: a data cache and every data level beyond it
 * answer the same question for L, and an instruction fetch names L for every level, so a fill that reads a dead
 * outer copy allocates only dead inner copies.
 *
 * <p>The search uses this to treat two states that differ only in dead lines as one state (see
 * {@code StateIdentity}), and to skip speculative fills that would only add dead lines.
 */
public final class LineLiveness {
    private final Machine machine;
    private final boolean usable;
    /** Per thread: the last operation index that may touch any line (an unknown address or a whole-cache op). */
    private final int[] lastWildcard;
    /** Per thread, per line (at the smallest line size): the last operation naming it for a data cache. */
    private final Long2ObjectOpenHashMap<int[]> lastDataTouch = new Long2ObjectOpenHashMap<>();
    /** The same for instruction caches: fetches and {@code ic ivau}. */
    private final Long2ObjectOpenHashMap<int[]> lastInstructionTouch = new Long2ObjectOpenHashMap<>();
    /** Lines (at the smallest line size) that are never dead: descriptors, and lines with several colours. */
    private final LongOpenHashSet neverDead = new LongOpenHashSet();
    /** The smallest line size of any cache: the granularity of the tables above. */
    private final int grain;
    private final int threads;

    /** The analysis of {@code machine}'s program (static: computed once). */
    public LineLiveness(Machine machine) {
        this.machine = machine;
        Program program = machine.program();
        this.threads = program.threads().size();
        int smallest = Integer.MAX_VALUE;
        for (CacheInstance c : machine.topology().instances()) {
            smallest = Math.min(smallest, c.lineBytes());
        }
        this.grain = smallest == Integer.MAX_VALUE ? 64 : smallest;
        this.lastWildcard = new int[threads];
        Arrays.fill(lastWildcard, -1);
        boolean tableThreads = false;
        boolean throughStage2 = false;
        for (int t = 0; t < threads; t++) {
            ThreadProgram tp = program.threads().get(t);
            tableThreads |= tp.table() != null;
            throughStage2 |= tp.table() != null && tp.table().via() != null;
            boolean physicalToo = mayRunPhysical(tp);
            for (int pc = 0; pc < tp.ops().size(); pc++) {
                Op op = tp.ops().get(pc);
                if (op instanceof Op.DataCacheBySetWay || op instanceof Op.DataCacheWholeLevel) {
                    lastWildcard[t] = pc;
                    continue;
                }
                long a = address(op);
                if (a == -1) {
                    continue;
                }
                if (tp.table() != null && !(op instanceof Op.OuterCacheOp)) {
                    lastWildcard[t] = pc;
                    continue;
                }
                boolean instructionSide = op instanceof Op.Fetch || op instanceof Op.InstructionCacheOp;
                for (long pa : physicalAddresses(tp, op, a, physicalToo)) {
                    touch(lastDataTouch, pa, t, pc);
                    if (instructionSide) {
                        touch(lastInstructionTouch, pa, t, pc);
                    }
                }
            }
        }
        for (ThreadProgram tp : program.threads()) {
            if (tp.table() != null) {
                markTable(tp.table());
                if (tp.table().stage2Table() != null) {
                    markTable(tp.table().stage2Table());
                }
            }
        }
        boolean aliasing = false;
        for (CacheInstance c : machine.topology().instances()) {
            if (c.index().colours() > 1) {
                aliasing = true;
                markMultiColour(c, program);
            }
        }
        this.usable = !(aliasing && tableThreads) && !throughStage2;
    }

    /**
     * Whether the analysis can declare any line dead: not with aliasing caches and page tables together, nor with a
     * stage-1 table behind a stage 2 (its descriptors' physical lines are known only through the stage-2 walk).
     */
    public boolean usable() {
        return usable;
    }

    private static boolean mayRunPhysical(ThreadProgram tp) {
        return !tp.onCpu() || !tp.translated() || tp.ops().stream()
                .anyMatch(o -> o instanceof Op.ControlChange c && c.bit() == Op.ControlBit.MMU && !c.on());
    }

    /** The address an operation names, or -1. */
    private static long address(Op op) {
        if (op instanceof Op.Load l) {
            return l.address();
        } else if (op instanceof Op.Store s) {
            return s.address();
        } else if (op instanceof Op.Fetch f) {
            return f.address();
        } else if (op instanceof Op.DataCacheByAddress d) {
            return d.address();
        } else if (op instanceof Op.InstructionCacheOp i && i.kind() == Op.IcKind.IVAU) {
            return i.address();
        } else if (op instanceof Op.OuterCacheOp o && o.kind() != Op.OuterKind.FLUSH_ALL) {
            return o.physicalAddress();
        } else if (op instanceof Op.Translate t) {
            return t.address();
        }
        return -1;
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
        if (physicalToo) {
            out.add(a);
        }
        return out;
    }

    private void touch(Long2ObjectOpenHashMap<int[]> map, long pa, int thread, int pc) {
        int[] last = map.computeIfAbsent(pa & -grain, k -> {
            int[] fresh = new int[threads];
            Arrays.fill(fresh, -1);
            return fresh;
        });
        last[thread] = Math.max(last[thread], pc);
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
                if (mayRunPhysical(tp)) {
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
        /** Dirty lines of every cache as {start, end} pairs. */
        private final long[] dirty;
        private final int dirtyCount;

        private View(MachineState s) {
            this.state = s;
            boolean wildcard = !usable;
            for (int t = 0; t < threads && !wildcard; t++) {
                wildcard = s.thread(t).pc() <= lastWildcard[t];
            }
            this.anyDead = !wildcard;
            long[] d = new long[8];
            int n = 0;
            if (anyDead) {
                for (int c = 0; c < s.cacheCount(); c++) {
                    CacheState cs = s.cache(c);
                    for (int i = 0; i < cs.validLines(); i++) {
                        CacheLine l = cs.lineAt(i);
                        if (l.isDirty()) {
                            if (n + 2 > d.length) {
                                d = Arrays.copyOf(d, d.length * 2);
                            }
                            d[n++] = l.physicalAddress();
                            d[n++] = l.physicalAddress() + l.sizeBytes();
                        }
                    }
                }
            }
            this.dirty = d;
            this.dirtyCount = n;
        }

        /** Whether any line may be dead in this state (false while an operation with unknown reach remains). */
        public boolean anyDead() {
            return anyDead;
        }

        /** Whether the clean copy of {@code line} in cache instance {@code cache} is dead. */
        public boolean dead(int cache, CacheLine line) {
            return anyDead && line.isClean()
                    && deadRange(machine.topology().instance(cache).isInstruction(), line.physicalAddress(),
                    line.sizeBytes());
        }

        /**
         * Whether a copy of the {@code bytes}-byte line at {@code pa} would be dead in a data cache (or, with
         * {@code instruction}, an instruction cache) if it were there, clean.
         */
        public boolean deadRange(boolean instruction, long pa, int bytes) {
            if (!anyDead) {
                return false;
            }
            long end = pa + bytes;
            for (int i = 0; i < dirtyCount; i += 2) {
                if (dirty[i] < end && pa < dirty[i + 1]) {
                    return false;
                }
            }
            Long2ObjectOpenHashMap<int[]> touches = instruction ? lastInstructionTouch : lastDataTouch;
            for (long g = pa; g < end; g += grain) {
                if (neverDead.contains(g)) {
                    return false;
                }
                int[] last = touches.get(g);
                if (last != null) {
                    for (int t = 0; t < threads; t++) {
                        if (state.thread(t).pc() <= last[t]) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
    }

    /** Marks every line of {@code table}'s memory as never dead: walks may read a descriptor at any time. */
    private void markTable(PageTable table) {
        for (long[] r : table.regions()) {
            for (long pa = r[0] & -grain; Long.compareUnsigned(pa, r[0] + r[1]) < 0; pa += grain) {
                neverDead.add(pa);
            }
        }
    }
}
