package dev.stalecheck.explore;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.StepFootprint;
import java.util.List;

/**
 * A state-reducing partial-order reduction (Godefroid's persistent sets): from a state where exactly one thread may
 * run and its next operation touches one known block of physical memory, only that operation and the hardware
 * events that interfere with it are tried; the hardware events elsewhere wait. Not in a program with page tables:
 * there a TLB drop or the eviction of a descriptor's line, far from the operation, can enable a walk or a fill
 * through a new translation that does interfere with it, which the proof below does not allow.
 *
 * <p>The operation's <i>zone</i>: its block (the largest line size), every cache set a line of that block can sit in
 * (every cache, every colour), and the blocks of the lines now in those sets (the victims it may write back). A
 * hardware event interferes when it touches a zone block or a zone set: an eviction or hardware clean of a line in
 * a zone block or zone set; a speculative fill of a zone-block line, or one that allocates in a zone set (at its
 * target or any level beyond on its path) or whose sets hold a zone-block line; every speculative walk. A TLB drop
 * never interferes with an operation whose footprint is known (it does not translate through a table).
 *
 * <p>Why nothing is lost. The set P = {the operation} ∪ {interfering events} is persistent: an event outside P
 * changes only lines of other blocks in other sets (and its write-backs land in lines of its own block), and no
 * sequence of such events can bring a line into a zone set or touch a zone block, so every event outside P, on
 * any path that avoids P, commutes with every event of P (same states and effects in either order, neither
 * enables nor disables the other); and no other thread can run before the operation. Take any execution from the
 * state to a final state (every thread finished): it contains the operation, so it contains a first event of P,
 * and every event before that one commutes with it; moving it to the front gives an execution of the same length
 * to the same final state that starts inside P. By induction on the length, every final state, at its depth, is
 * reached by the reduced search: final outcomes, verdicts and the length of shortest counterexamples are kept.
 * A hazard is an effect of an event that commutes past the events it is moved across unchanged, so every hazard
 * is still found, possibly on a longer execution. States where every thread has finished are always expanded in
 * full. {@code PartialOrderTest} compares the results with and without.
 */
final class PersistentSets {
    private final Machine machine;
    private final long block;
    /** Whether some thread translates through a page table (then every state is expanded in full). */
    private final boolean tables;

    /** Persistent sets for {@code machine}, where {@code block} is the largest line size. */
    PersistentSets(Machine machine, long block) {
        this.machine = machine;
        this.block = block;
        this.tables = machine.program().threads().stream().anyMatch(t -> t.table() != null);
    }

    /**
     * Marks in {@code skip} the events of {@code s} (in {@code events}, its successor order) outside a persistent
     * set; returns false, marking nothing, when the state is expanded in full.
     */
    boolean select(MachineState s, List<Event> events, boolean[] skip) {
        if (tables) {
            return false;
        }
        int thread = -1;
        for (Event e : events) {
            if (e instanceof Event.ThreadStep t) {
                if (thread >= 0) {
                    return false;
                }
                thread = t.thread();
            }
        }
        if (thread < 0) {
            return false;
        }
        StepFootprint f = machine.footprint(s, thread);
        if (f == null) {
            return false;
        }
        Zone zone = f.touchesMemory() ? zone(s, f.physicalAddress() & -block) : null;
        boolean any = false;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            skip[i] = !(e instanceof Event.ThreadStep) && !(e instanceof Event.SpeculativeWalk)
                    && (zone == null || !zone.interferes(s, e));
            any |= skip[i];
        }
        return any;
    }

    /** The zone of an operation on {@code base}'s block in state {@code s}. */
    private Zone zone(MachineState s, long base) {
        Zone z = new Zone();
        z.blocks.add(base);
        for (CacheInstance c : machine.topology().instances()) {
            for (long line = base; line < base + block; line += c.lineBytes()) {
                for (int colour = 0; colour < c.index().colours(); colour++) {
                    int set = c.index().setOf(line, colour);
                    if (z.sets.add(key(c.id(), set))) {
                        CacheState cs = s.cache(c.id());
                        for (int way = 0; way < c.ways(); way++) {
                            CacheLine l = cs.line(set, way);
                            if (l != null) {
                                z.blocks.add(l.physicalAddress() & -block);
                            }
                        }
                    }
                }
            }
        }
        return z;
    }

    private static long key(int cache, int set) {
        return ((long) cache << 32) | (set & 0xffffffffL);
    }

    /** A small set of longs, searched linearly: a zone holds a few dozen entries at most. */
    private static final class SmallSet {
        private long[] items = new long[8];
        private int size;

        /** Adds {@code v}; false if it was there. */
        boolean add(long v) {
            if (contains(v)) {
                return false;
            }
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, 2 * size);
            }
            items[size++] = v;
            return true;
        }

        boolean contains(long v) {
            for (int i = 0; i < size; i++) {
                if (items[i] == v) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The sets and blocks an operation may touch. */
    private final class Zone {
        private final SmallSet sets = new SmallSet();
        private final SmallSet blocks = new SmallSet();

        boolean interferes(MachineState s, Event e) {
            if (e instanceof Event.Evict x) {
                return touches(s, x.cache(), x.set(), x.way());
            }
            if (e instanceof Event.HardwareClean x) {
                return touches(s, x.cache(), x.set(), x.way());
            }
            if (e instanceof Event.SpeculativeFill x) {
                return fillInterferes(s, x);
            }
            return !(e instanceof Event.TlbDrop);
        }

        private boolean touches(MachineState s, int cache, int set, int way) {
            CacheLine l = s.cache(cache).line(set, way);
            return sets.contains(key(cache, set)) || l == null || blocks.contains(l.physicalAddress() & -block);
        }

        private boolean fillInterferes(MachineState s, Event.SpeculativeFill f) {
            if (blocks.contains(f.physicalAddress() & -block)) {
                return true;
            }
            int[] path = machine.topology().fillPath(f.cpu(), f.cache());
            for (int id : path) {
                CacheInstance c = machine.topology().instance(id);
                int set = c.index().setOf(c.lineOf(f.physicalAddress()), c.index().colourOf(f.virtualAddress()));
                if (sets.contains(key(id, set))) {
                    return true;
                }
                CacheState cs = s.cache(id);
                for (int way = 0; way < c.ways(); way++) {
                    CacheLine l = cs.line(set, way);
                    if (l != null && blocks.contains(l.physicalAddress() & -block)) {
                        return true;
                    }
                }
            }
            return path.length == 0;
        }
    }
}
