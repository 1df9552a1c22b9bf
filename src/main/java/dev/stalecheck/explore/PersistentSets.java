package dev.stalecheck.explore;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.StepFootprint;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.List;

/**
 * A state-reducing partial-order reduction (Godefroid's persistent sets): from a state where exactly one thread may
 * run and its next operation touches one known block of physical memory, only that operation and the hardware
 * events that interfere with it are tried; the hardware events elsewhere wait. In a program with page tables a
 * TLB drop or the eviction of a descriptor's line, far from the operation, can enable a walk or a fill through a
 * new translation that does interfere with it, which the proof below does not allow: there the second form below
 * applies ({@link Reductions#tablePartialOrder()}), or none.
 *
 * <p>The operation's <i>zone</i> ({@link #closedZone}): the smallest set B of blocks (of the largest line size)
 * holding the operation's block such that every line now in, and every relevant line (the only lines speculative
 * fills bring) that can sit in, a cache set where a line of B can sit (every cache, every colour) is of a block of
 * B; the zone sets are those sets. A hardware event interferes when it touches a zone block or a zone set: an
 * eviction or hardware clean of a line in a zone block or zone set; a speculative fill of a zone-block line, or one
 * that allocates in a zone set (at its target or any level beyond on its path) or whose sets hold a zone-block
 * line; every speculative walk. A TLB drop never interferes with an operation whose footprint is known (it does not
 * translate through a table). (The zone was first the operation's block, its sets and the blocks of the lines now
 * in them, without closing: then a fill of another block's line into a zone set was in P while the eviction of that
 * line's copy further out, which the fill reads, was not, and the two do not commute.) With an {@code inclusive}
 * level, a line leaving it also leaves the L1 data caches (back-invalidation), and an L1D allocation allocates there
 * too: both touch only copies of the leaving or allocated line (or of a victim in the event's own sets), which the
 * closure below already covers, since a set holding a line outside B is never a zone set.
 *
 * <p>Why nothing is lost. The set P = {the operation} ∪ {interfering events} is persistent: an event outside P
 * changes only lines outside B in sets outside the zone (its write-backs land in copies of its own line, its
 * victims lie in its own sets, whose lines are outside B by closure), and no sequence of such events can bring a
 * line into a zone set or touch a zone block, while the events of P touch only lines of B (a fill of a line in a
 * zone set is of a block of B by closure) and zone sets; so every event outside P, on any path that avoids P,
 * commutes with every event of P (same states and effects in either order, neither enables nor disables the other);
 * and no other thread can run before the operation. Take any execution from the
 * state to a final state (every thread finished): it contains the operation, so it contains a first event of P,
 * and every event before that one commutes with it; moving it to the front gives an execution of the same length
 * to the same final state that starts inside P. By induction on the length, every final state, at its depth, is
 * reached by the reduced search: final outcomes, verdicts and the length of shortest counterexamples are kept.
 * A hazard is an effect of an event that commutes past the events it is moved across unchanged, so every hazard
 * is still found, possibly on a longer execution. States where every thread has finished are always expanded in
 * full. {@code PartialOrderTest} compares the results with and without.
 *
 * <p><b>With page tables</b> ({@link #selectWithTables}), from a state where some thread may run: every thread step,
 * speculative walk and TLB drop is tried, and of the cache events (evictions, speculative fills, hardware cleans)
 * only those that touch the <i>closed zone</i> of the marked blocks; the others wait. A state is expanded in full
 * when an enabled operation's footprint is unknown ({@link Machine#footprintNow}: set/way, whole-level and control
 * operations, a {@code walker any} choice between two blocks) or a table is behind a stage 2. The marked blocks:
 * <ol>
 *   <li>the block each enabled operation touches, translating as it would now (its cpu's TLB entry, else a walk of
 *       memory as it is);</li>
 *   <li>every block holding a cached line that is not <i>settled</i> ({@code SettledLines}: no sequence of
 *       evictions, hardware cleans and shareable fills can change what a walk reads from it; true when every copy
 *       equals RAM and none is dirty, and, with {@code walker l1} and caches on, when the copies are coherent:
 *       one dirty first-level copy at most, every other first-level copy equal to it or to the level beyond, every
 *       clean copy beyond L1 equal to the next holder);</li>
 *   <li>every block of a line with an <i>unsteady</i> speculative fill ({@link Machine#unsteadyFillLines}): a
 *       non-shareable fill into a first-level data cache while one holds the line dirty (it would copy older bytes
 *       beside the dirty ones, unsettling the line); or a fill offered, now or once the line is gone, through an
 *       alias that only TLB entries give, or only walks that read a block of 1., 2. or the first kind give.</li>
 * </ol>
 * The closed zone ({@link #closedZone}) is the smallest set B of blocks containing them such that every line now in
 * a set where a line of B can sit, and every relevant line (the only ones fills bring) that can sit in such a set,
 * is in B. A cache event outside P touches no line of B and no such set.
 *
 * <p>Why nothing is lost: P is persistent. Take a path from the state s of events outside P (cache events outside
 * the closed zone: they are the only events outside P, since thread steps, walks and TLB drops are all in P). (a)
 * Each changes only copies of lines outside B, in sets outside the zone (a write-back lands in a copy of its own
 * line, a victim lies in the event's own set, whose lines are outside B by closure); so TLBs, threads, the {@code
 * any} resolutions and every copy and RAM byte of B stay as in s, and no line enters a zone set. (b) What a walk
 * reads does not change: unsettled blocks are in B, settled ones stay settled under such events (a non-shareable
 * first-level fill beside a dirty copy, which could unsettle one, is unsteady, so in B; lines without a copy in s
 * are consistent and fills copy RAM's bytes). Hence every translation, every walk's entry and every alias stays as
 * in s: each event of P stays enabled with the same outcomes (its choices are victims in zone sets, TLB victims,
 * walker starts, a snoop of its own line, or resolutions, all unchanged), and each event outside P reads and
 * writes nothing an event of P reads or writes, so the two commute with the same effects. (c) No event of P
 * disables an event outside P: an eviction or clean needs its line, which P leaves alone; a fill needs its line
 * absent (likewise) and an alias of the same colour and shareability, and every such alias of a stable fill is
 * also given by a walk that reads only settled blocks that no enabled operation writes, which P events (TLB
 * changes, the enabled operations' writes, cache events that leave settled bytes as walks see them) cannot
 * remove; the fill has the same effect whichever alias offers it. (A fill is identified by cpu, cache, line,
 * colour and shareability here: its virtual address matters only through its colour.) So, as above: any execution
 * from s to a final state contains a thread step, hence a first event of P, which moves to the front with the
 * same outcome; by induction on the length every final state is reached at its depth, and every hazard is found,
 * possibly on a longer execution. Post-end states are expanded in full. The argument needs no restriction on the
 * machine or the program: where a premise fails (an unknown footprint, a table behind a stage 2), the state is
 * expanded in full, and everything else is checked per state.
 *
 * <p><b>Operations in flight</b> ({@code ordering armv8}): a state offers, per cpu thread, the perform of every
 * operation its barriers and dependencies allow and early translations ({@code Event.Perform},
 * {@code Event.Translate}), besides device thread steps. Then every thread event is in P — the first form above,
 * which keeps only the one thread step, does not apply — and the blocks each perform or step touches are marked
 * ({@link Machine#footprintNow(MachineState, int, int)}: through the translation the operation took early, if it
 * did, else as it would translate now); without page tables only those, with page tables also the blocks of the
 * second form. The proof is the second form's, word for word: the events outside P are cache events outside the
 * closed zone; they change no thread, TLB or early translation, and no byte a walk or an operation of P reads, so
 * every event of P stays enabled with the same outcomes (a perform's enabling depends only on which operations of
 * its thread have performed), and commutes with them; an early translation reads descriptors as a walk does, whose
 * blocks are settled or marked. Every execution to a final state performs an operation while some thread has not
 * finished, hence contains a first event of P. Programs with a {@code wait} never use persistent sets (a failed
 * poll is a thread event that leaves the state as it was).
 */
final class PersistentSets {
    private final Machine machine;
    private final long block;
    /** Whether some thread translates through a page table (then {@link #selectWithTables} decides). */
    private final boolean tables;
    /** Whether the reduction applies to programs with page tables at all. */
    private final boolean withTables;
    /** Whether operations are in flight ({@code ordering armv8}): every thread event then stays in P. */
    private final boolean inFlight;
    /** Per cache set (cache id and set, {@link #key}): the blocks of relevant lines (those fills bring) that can sit in it. */
    private final Long2ObjectOpenHashMap<long[]> relevantBySet;

    /** Persistent sets for {@code machine}, where {@code block} is the largest line size; none with page tables. */
    PersistentSets(Machine machine, long block) {
        this(machine, block, false, false);
    }

    /**
     * Persistent sets for {@code machine}, where {@code block} is the largest line size; with {@code withTables} also
     * in programs with page tables ({@link #selectWithTables}); with {@code inFlight} ({@code ordering armv8}) every
     * thread event stays in the set (class comment, "Operations in flight").
     */
    PersistentSets(Machine machine, long block, boolean withTables, boolean inFlight) {
        this.machine = machine;
        this.block = block;
        this.tables = machine.program().threads().stream().anyMatch(t -> t.table() != null);
        this.withTables = withTables;
        this.inFlight = inFlight;
        this.relevantBySet = new Long2ObjectOpenHashMap<>();
        for (long pa : machine.program().relevantAddresses()) {
            long base = pa & -block;
            for (CacheInstance c : machine.topology().instances()) {
                for (long line = base; line < base + block; line += c.lineBytes()) {
                    for (int colour = 0; colour < c.index().colours(); colour++) {
                        long k = key(c.id(), c.index().setOf(line, colour));
                        long[] known = relevantBySet.get(k);
                        if (known == null) {
                            relevantBySet.put(k, new long[] {base});
                        } else if (java.util.Arrays.stream(known).noneMatch(b -> b == base)) {
                            long[] more = java.util.Arrays.copyOf(known, known.length + 1);
                            more[known.length] = base;
                            relevantBySet.put(k, more);
                        }
                    }
                }
            }
        }
    }

    /**
     * Marks in {@code skip} the events of {@code s} (in {@code events}, its successor order) outside a persistent
     * set; returns false, marking nothing, when the state is expanded in full.
     */
    boolean select(MachineState s, List<Event> events, boolean[] skip) {
        if (tables) {
            return withTables && selectWithTables(s, events, skip);
        }
        if (inFlight) {
            return selectInFlight(s, events, skip);
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
        SmallSet seed = new SmallSet();
        seed.add(f.physicalAddress() & -block);
        Zone zone = f.touchesMemory() ? closedZone(s, seed) : null;
        boolean any = false;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            skip[i] = !(e instanceof Event.ThreadStep) && !(e instanceof Event.SpeculativeWalk)
                    && (zone == null || !zone.interferes(s, e));
            any |= skip[i];
        }
        return any;
    }

    /**
     * The persistent set of a state of a program without page tables whose operations are in flight (class comment):
     * every thread event, and the cache events that touch the closed zone of the blocks they touch. False, marking
     * nothing, when the state is expanded in full.
     */
    private boolean selectInFlight(MachineState s, List<Event> events, boolean[] skip) {
        SmallSet marked = new SmallSet();
        if (!markThreadEvents(s, events, marked)) {
            return false;
        }
        Zone zone = closedZone(s, marked);
        boolean any = false;
        for (int i = 0; i < events.size(); i++) {
            skip[i] = isCacheEvent(events.get(i)) && !zone.interferes(s, events.get(i));
            any |= skip[i];
        }
        return any;
    }

    /**
     * Adds to {@code marked} the block each thread event of {@code events} touches if it runs now; false when there
     * is none or one's footprint is unknown (the state is then expanded in full). An early translation touches no
     * block itself: it reads descriptors, as a walk does.
     */
    private boolean markThreadEvents(MachineState s, List<Event> events, SmallSet marked) {
        boolean stepping = false;
        for (Event e : events) {
            StepFootprint f;
            if (e instanceof Event.ThreadStep t) {
                f = machine.footprintNow(s, t.thread());
            } else if (e instanceof Event.Perform p) {
                f = machine.footprintNow(s, p.thread(), p.op());
            } else if (e instanceof Event.Translate) {
                f = StepFootprint.NOTHING;
            } else {
                continue;
            }
            stepping = true;
            if (f == null) {
                return false;
            }
            if (f.touchesMemory()) {
                marked.add(f.physicalAddress() & -block);
            }
        }
        return stepping;
    }

    private static boolean isCacheEvent(Event e) {
        return e instanceof Event.Evict || e instanceof Event.SpeculativeFill || e instanceof Event.HardwareClean;
    }

    /**
     * The persistent set of a state of a program with page tables (class comment): every thread step, walk and TLB
     * drop, and the cache events that touch the closed zone of the marked blocks (those of the enabled operations,
     * of lines that are not settled and of lines with an unsteady speculative fill). False, marking nothing, when
     * the state is expanded in full.
     */
    private boolean selectWithTables(MachineState s, List<Event> events, boolean[] skip) {
        SmallSet marked = new SmallSet();
        if (!markThreadEvents(s, events, marked)) {
            return false;
        }
        SmallSet checked = new SmallSet();
        for (int c = 0; c < s.cacheCount(); c++) {
            CacheState cs = s.cache(c);
            for (int i = 0; i < cs.validLines(); i++) {
                long b = cs.lineAt(i).physicalAddress() & -block;
                if (checked.add(b) && !machine.settled(s, b, b + block)) {
                    marked.add(b);
                }
            }
        }
        long[] unsteady = machine.unsteadyFillLines(s, pa -> marked.contains(pa & -block), block);
        if (unsteady == null) {
            return false;
        }
        for (long line : unsteady) {
            marked.add(line & -block);
        }
        Zone zone = closedZone(s, marked);
        boolean any = false;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            skip[i] = isCacheEvent(e) && !zone.interferes(s, e);
            any |= skip[i];
        }
        return any;
    }

    /**
     * The closed zone of the blocks {@code seeds} in {@code s}: the smallest set of blocks B containing them, and the
     * sets every line of a block of B can sit in (every cache, every colour), such that every line now in one of
     * those sets, and every line some cpu may fill speculatively into one of them, is of a block of B. An event
     * that touches neither a block of B nor one of its sets then touches lines and sets that no event touching B
     * touches.
     */
    private Zone closedZone(MachineState s, SmallSet seeds) {
        Zone z = new Zone();
        for (int i = 0; i < seeds.size; i++) {
            z.blocks.add(seeds.items[i]);
        }
        for (int next = 0; next < z.blocks.size; next++) {
            long base = z.blocks.items[next];
            for (CacheInstance c : machine.topology().instances()) {
                for (long line = base; line < base + block; line += c.lineBytes()) {
                    for (int colour = 0; colour < c.index().colours(); colour++) {
                        int set = c.index().setOf(line, colour);
                        if (!z.sets.add(key(c.id(), set))) {
                            continue;
                        }
                        CacheState cs = s.cache(c.id());
                        for (int way = 0; way < c.ways(); way++) {
                            CacheLine l = cs.line(set, way);
                            if (l != null) {
                                z.blocks.add(l.physicalAddress() & -block);
                            }
                        }
                        long[] fillable = relevantBySet.get(key(c.id(), set));
                        for (int i = 0; fillable != null && i < fillable.length; i++) {
                            z.blocks.add(fillable[i]);
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
