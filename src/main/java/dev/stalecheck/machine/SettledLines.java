package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ThreadProgram;
import java.util.List;

/**
 * Whether hardware can change what a table walk reads from some bytes by moving copies around: for the
 * partial-order reduction with page tables ({@code PersistentSets}), whose speculative fills, evictions and
 * hardware cleans of a <i>settled</i> line may be delayed past walks.
 *
 * <p>Bytes are settled when no sequence of evictions, hardware cleans and shareable speculative fills (fills that
 * take a dirty copy from another cpu, as shareable ones do) can change the value any walk reads for them. Two cases
 * are recognised:
 * <ul>
 *   <li><b>Consistent</b> (any walker): no cache holds the bytes dirty and every copy equals RAM. Fills copy RAM's
 *       bytes, evictions and cleans of clean copies change nothing, so every walk reads RAM's bytes before and
 *       after.</li>
 *   <li><b>Coherent</b> ({@code walker l1}, and every thread with a page table has its caches on, so walks start at
 *       L1): per byte, (a) at most one copy at depth 1 (any data cache, any colour) is dirty; (b) every clean copy
 *       at depth 1 holds the value W: the dirty depth-1 copy's if there is one, else the first holder beyond L1 on
 *       the data path's, else RAM's; (c) every cache beyond L1 holds at most one copy, and a clean one holds the
 *       value of the next holder beyond it (or RAM). A walker on any cpu reads its own L1's copy or a dirty one
 *       in any L1 (both W by (a), (b)), else the first holder beyond L1, else RAM (W by definition): always W.
 *       An eviction or clean of the dirty depth-1 copy writes all its bytes into the first holder beyond (or
 *       RAM), which then holds W, and the clean depth-1 copies equal it: (a)-(c) hold and W is unchanged. An
 *       eviction of a clean copy beyond L1 exposes the next holder, equal by (c); of a dirty one writes into the
 *       next holder; a clean depth-1 copy's eviction changes nothing. A fill beyond L1 copies the next holder (or
 *       RAM), keeping (c); a shareable fill into an L1 takes the dirty copy's bytes (keeping or migrating it), a
 *       clean copy's from another L1 (semantics item 8: W by (b)) or, without one, W from beyond; a
 *       non-shareable fill does the latter, which is W only when no L1 holds the bytes dirty (so those fills are
 *       the caller's concern). Instruction caches are never read by walks and fill from beyond L1, keeping (c). So W never changes.</li>
 * </ul>
 * With any other walker (one starting beyond L1 reads RAM or an outer level while an inner copy is dirty), when
 * some table's {@code walk} attributes skip a data level (a non-cacheable or outer-only walk reads beyond a dirty L1
 * copy, an inner-only one past an outer level's dirty copy), or when the cpus' data paths beyond L1 differ (a
 * private L2 would hold a copy other cpus' walks do not see), only the first case applies.
 */
final class SettledLines {
    private final CacheTopology topology;
    /**
     * Whether the coherent case may apply: {@code walker l1} (every descriptor read starts at depth 1), every table's
     * walks look in every data level, and every cpu's data path beyond L1 goes through the same caches, which are all
     * the caches beyond L1.
     */
    private final boolean walkerAtL1;

    SettledLines(CacheTopology topology, Program program) {
        this.topology = topology;
        this.walkerAtL1 = topology.walkerStarts().equals(List.of(1)) && sharedBeyondL1(topology)
                && walksSeeEveryLevel(topology, program);
    }

    /** Whether the walks of every table (and of the stage 2 behind it) look in every data level. */
    private static boolean walksSeeEveryLevel(CacheTopology topology, Program program) {
        for (ThreadProgram tp : program.threads()) {
            for (PageTable t = tp.table(); t != null; t = t.stage2() ? null : t.via()) {
                for (CacheInstance c : topology.instances()) {
                    if (!c.isInstruction() && !t.walk().caches(c.level().outer(), c.level().wtBypass())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether every cpu's data path beyond L1 is the same and holds every cache beyond L1. */
    private static boolean sharedBeyondL1(CacheTopology topology) {
        List<Integer> first = beyondL1(topology, 0);
        for (int cpu = 1; cpu < topology.config().cpus(); cpu++) {
            if (!beyondL1(topology, cpu).equals(first)) {
                return false;
            }
        }
        return topology.instances().stream().filter(c -> c.depth() >= 2).count() == first.size();
    }

    /** The caches beyond L1 on cpu {@code cpu}'s data path, in order. */
    private static List<Integer> beyondL1(CacheTopology topology, int cpu) {
        List<Integer> out = new java.util.ArrayList<>();
        for (int id : topology.dataPath(cpu)) {
            if (topology.instance(id).depth() >= 2) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * Whether the bytes {@code [from, to)} (8-byte aligned) are settled in {@code s}; {@code cachesOn} says whether
     * every thread with a page table has its caches on.
     */
    boolean settled(MachineState s, long from, long to, boolean cachesOn) {
        boolean coherent = walkerAtL1 && cachesOn;
        List<CacheInstance> instances = topology.instances();
        CacheLine[][] copies = new CacheLine[instances.size()][];
        for (long a = from; a < to; a += 8) {
            for (CacheInstance c : instances) {
                if (a == from || (a & (c.lineBytes() - 1)) == 0) {
                    copies[c.id()] = copies(s, c, a);
                }
            }
            if (!(coherent ? coherentWord(s, a, copies) : consistentWord(s, a, copies))) {
                return false;
            }
        }
        return true;
    }

    /** The consistent case for the word at {@code a}: no dirty copy, every copy equal to RAM. */
    private boolean consistentWord(MachineState s, long a, CacheLine[][] copies) {
        long ram = s.ram().read(a, 8);
        for (CacheLine[] byColour : copies) {
            for (CacheLine l : byColour) {
                if (l != null && (l.isDirty() || word(l, a) != ram)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The coherent case for the word at {@code a}: conditions (a) to (c) of the class comment. */
    private boolean coherentWord(MachineState s, long a, CacheLine[][] copies) {
        boolean dirtyAtL1 = false;
        long dirtyValue = 0;
        for (CacheInstance c : topology.instances()) {
            if (c.depth() != 1 || c.isInstruction()) {
                continue;
            }
            for (CacheLine l : copies[c.id()]) {
                if (l != null && l.isDirty()) {
                    if (dirtyAtL1) {
                        return false;
                    }
                    dirtyAtL1 = true;
                    dirtyValue = word(l, a);
                }
            }
        }
        int[] path = topology.dataPath(0);
        long next = s.ram().read(a, 8);
        for (int i = path.length - 1; i >= 0; i--) {
            CacheInstance c = topology.instance(path[i]);
            if (c.depth() < 2) {
                continue;
            }
            CacheLine held = null;
            for (CacheLine l : copies[c.id()]) {
                if (l != null) {
                    if (held != null) {
                        return false;
                    }
                    held = l;
                }
            }
            if (held != null) {
                long v = word(held, a);
                if (!held.isDirty() && v != next) {
                    return false;
                }
                next = v;
            }
        }
        long w = dirtyAtL1 ? dirtyValue : next;
        for (CacheInstance c : topology.instances()) {
            if (c.depth() != 1 || c.isInstruction()) {
                continue;
            }
            for (CacheLine l : copies[c.id()]) {
                if (l != null && !l.isDirty() && word(l, a) != w) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The 8-byte word at {@code a} of line {@code l}. */
    private static long word(CacheLine l, long a) {
        return l.read((int) (a - l.physicalAddress()), 8);
    }

    /** Per colour, the copy of the line holding {@code a} in cache {@code c}, or null. */
    private static CacheLine[] copies(MachineState s, CacheInstance c, long a) {
        CacheState cs = s.cache(c.id());
        long line = c.lineOf(a);
        CacheLine[] out = new CacheLine[c.index().colours()];
        for (int colour = 0; colour < out.length; colour++) {
            int set = c.index().setOf(line, colour);
            int way = cs.wayOf(set, line);
            out[colour] = way < 0 ? null : cs.line(set, way);
        }
        return out;
    }
}
