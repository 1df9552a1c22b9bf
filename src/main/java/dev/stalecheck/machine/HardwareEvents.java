package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheState;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ThreadProgram;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

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

    HardwareEvents(CacheTopology topology, Program program) {
        this.topology = topology;
        this.program = program;
        TreeSet<Long> r = program.relevantAddresses();
        this.relevant = r.stream().mapToLong(Long::longValue).toArray();
    }

    List<Event> enumerate(MachineState s, ExploreOptions options) {
        List<Event> out = new ArrayList<>();
        if (options.evictions()) {
            for (CacheInstance c : topology.instances()) {
                for (int[] slot : linesByAddress(s.cache(c.id()), c)) {
                    out.add(new Event.Evict(c.id(), slot[0], slot[1]));
                }
            }
        }
        if (options.prefetch()) {
            addFills(s, out);
        }
        if (options.cleans()) {
            for (CacheInstance c : topology.instances()) {
                for (int[] slot : linesByAddress(s.cache(c.id()), c)) {
                    if (s.cache(c.id()).line(slot[0], slot[1]).isDirty()) {
                        out.add(new Event.HardwareClean(c.id(), slot[0], slot[1]));
                    }
                }
            }
        }
        return out;
    }

    /** The valid (set, way) pairs of a cache ordered by physical address, colour, way. */
    private static List<int[]> linesByAddress(CacheState cache, CacheInstance c) {
        List<int[]> slots = new ArrayList<>();
        for (int i = 0; i < cache.validLines(); i++) {
            slots.add(new int[] {cache.setAt(i), cache.wayAt(i)});
        }
        slots.sort(Comparator.<int[]>comparingLong(sw -> cache.line(sw[0], sw[1]).physicalAddress())
                .thenComparingInt(sw -> c.index().colourOfSet(sw[0])).thenComparingInt(sw -> sw[1]));
        return slots;
    }

    private void addFills(MachineState s, List<Event> out) {
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
                    addFillsOfLine(s, cpu, c, line, out);
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
    private void addFillsOfLine(MachineState s, int cpu, CacheInstance c, long line, List<Event> out) {
        int colours = c.index().colours();
        boolean[][] seen = new boolean[colours][2];
        List<Event.SpeculativeFill> fills = new ArrayList<>();
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
                if (!ts.mmuOn()) {
                    addFill(s, cpu, c, line, line, false, seen, fills);
                    continue;
                }
            } else if (!ts.mmuOn() || !ts.cachesOn()) {
                continue;
            }
            for (Space.Alias alias : tp.space().aliasesOf(line)) {
                if (alias.mapping().type().isCacheable()) {
                    addFill(s, cpu, c, line, alias.virtualAddress(), alias.mapping().shareable(), seen, fills);
                }
            }
        }
        fills.sort(Comparator.comparingInt((Event.SpeculativeFill f) -> c.index().colourOf(f.virtualAddress()))
                .thenComparing(f -> f.shareable() ? 0 : 1));
        out.addAll(fills);
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

    /** Carries out a hardware event on a step in progress. */
    static void execute(StepExecution x, Event e) {
        if (e instanceof Event.Evict ev) {
            x.evict(ev.cache(), ev.set(), ev.way());
        } else if (e instanceof Event.HardwareClean hc) {
            x.clean(hc.cache(), hc.set(), hc.way());
        } else if (e instanceof Event.SpeculativeFill f) {
            CacheInstance c = x.instance(f.cache());
            if (c.isInstruction()) {
                x.fill(x.topology.instructionPath(f.cpu()), 0, f.virtualAddress(), f.physicalAddress(), null);
                return;
            }
            int[] path = x.topology.dataPath(f.cpu());
            int target = 0;
            while (path[target] != f.cache()) {
                target++;
            }
            StepExecution.Supplied supplied =
                    AccessExecutor.snoopForRead(x, f.cpu(), f.physicalAddress(), f.shareable(), f.cache());
            x.fill(path, target, f.virtualAddress(), f.physicalAddress(), supplied);
        }
    }
}
