package dev.stalecheck.check;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.memory.PhysicalMemory;
import dev.stalecheck.program.RegisterFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The identity of a final outcome (language page, Results): two final states are one outcome when they agree on
 * every thread's registers, on RAM, and on which dirty lines (cache instance, colour, physical line, bytes — not the
 * way) are still cached. Counts over outcomes therefore do not change when the search gets smarter. Keys compare
 * by their full contents, so two distinct outcomes never merge, whatever their hashes.
 *
 * @param ram       the RAM
 * @param registers each thread's registers, in thread order
 * @param dirty     the dirty lines still cached, in {@link DirtyCopy#ORDER}
 */
record OutcomeKey(PhysicalMemory ram, List<RegisterFile> registers, List<DirtyCopy> dirty) {
    /** Copies the lists. */
    OutcomeKey {
        registers = List.copyOf(registers);
        dirty = List.copyOf(dirty);
    }

    /**
     * A dirty line in a cache instance, at the colour of the set that holds it (the way left out).
     *
     * @param cache  the cache instance's id
     * @param colour the colour of its set
     * @param line   the line: physical address, dirty bit and bytes
     */
    record DirtyCopy(int cache, int colour, CacheLine line) {
        /** A canonical order, so that the same copies in other ways give an equal list. */
        static final Comparator<DirtyCopy> ORDER = Comparator.comparingInt(DirtyCopy::cache)
                .thenComparingInt(DirtyCopy::colour)
                .thenComparing(d -> d.line().physicalAddress(), Long::compareUnsigned)
                .thenComparing(d -> d.line().words(), Arrays::compare);
    }

    /** The outcome of final state {@code s} of {@code machine}. */
    static OutcomeKey of(Machine machine, MachineState s) {
        List<RegisterFile> registers = new ArrayList<>(s.threadCount());
        for (int t = 0; t < s.threadCount(); t++) {
            registers.add(s.thread(t).registers());
        }
        List<DirtyCopy> dirty = new ArrayList<>();
        for (CacheInstance c : machine.topology().instances()) {
            CacheState cs = s.cache(c.id());
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                if (l.isDirty()) {
                    dirty.add(new DirtyCopy(c.id(), c.index().colourOfSet(cs.setAt(i)), l));
                }
            }
        }
        dirty.sort(DirtyCopy.ORDER);
        return new OutcomeKey(s.ram(), registers, dirty);
    }
}
