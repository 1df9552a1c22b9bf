package dev.stalecheck.result;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import java.util.ArrayList;
import java.util.List;

/**
 * What a viewer needs to redraw every cache from a trace's effects: each cache's shape, and the lines and RAM words
 * present at the start.
 *
 * @param caches     every cache instance in report order
 * @param startLines lines valid at the start ({@code cached} lines)
 * @param startRam   non-zero 8-byte RAM words at the start (at most {@link #MAX_RAM_WORDS})
 */
public record MachineLayout(List<Cache> caches, List<StartLine> startLines, List<long[]> startRam) {
    /** Most RAM words listed. */
    public static final int MAX_RAM_WORDS = 4096;

    /**
     * One cache instance's shape.
     *
     * @param name      {@code cpu0.l1d}, {@code l2}
     * @param cpu       owning cpu or -1
     * @param sets      sets
     * @param ways      ways
     * @param lineBytes line size
     * @param colours   colours (1 unless aliasing VIPT)
     */
    public record Cache(String name, int cpu, int sets, int ways, int lineBytes, int colours) {
    }

    /**
     * A line present at the start.
     *
     * @param cache cache name
     * @param set   set
     * @param way   way
     * @param line  physical line address
     * @param dirty dirty bit
     * @param words bytes as little-endian words
     */
    public record StartLine(String cache, int set, int way, long line, boolean dirty, long[] words) {
    }

    /** The layout of {@code machine} at its initial state. */
    public static MachineLayout of(Machine machine) {
        MachineState s = machine.initialState();
        List<Cache> caches = new ArrayList<>();
        List<StartLine> lines = new ArrayList<>();
        for (CacheInstance c : machine.topology().instances()) {
            caches.add(new Cache(c.name(), c.cpu(), c.level().geometry().sets(), c.ways(), c.lineBytes(),
                    c.index().colours()));
            CacheState cs = s.cache(c.id());
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                lines.add(new StartLine(c.name(), cs.setAt(i), cs.wayAt(i), l.physicalAddress(), l.isDirty(), l.words()));
            }
        }
        return new MachineLayout(caches, lines, s.ram().storedWords(MAX_RAM_WORDS));
    }
}
