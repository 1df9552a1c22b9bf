package dev.stalecheck.program;

import java.util.List;
import java.util.TreeSet;

/**
 * What a scenario lowers to: threads with static addresses, initial RAM and cache lines, and the physical
 * addresses the conditions observe. The model enumerates hardware events from it without knowing the
 * front end.
 *
 * @param threads             threads in file order
 * @param ram                 initial memory, applied in order
 * @param cachedLines         lines present at the start
 * @param observedAddresses   physical addresses named by conditions and {@code show} (relevant lines too)
 * @param smmus               the system MMUs, by index
 */
public record Program(List<ThreadProgram> threads, List<RamInit> ram, List<InitialLine> cachedLines,
                      List<Long> observedAddresses, List<Smmu> smmus) {
    /** Copies the lists. */
    public Program {
        threads = List.copyOf(threads);
        ram = List.copyOf(ram);
        cachedLines = List.copyOf(cachedLines);
        observedAddresses = List.copyOf(observedAddresses);
        smmus = List.copyOf(smmus);
    }

    /** A program without an SMMU. */
    public Program(List<ThreadProgram> threads, List<RamInit> ram, List<InitialLine> cachedLines,
                   List<Long> observedAddresses) {
        this(threads, ram, cachedLines, observedAddresses, List.of());
    }

    /**
     * Physical addresses some operation, {@code cached} line or condition names, ascending: the relevant
     * lines are the lines holding them. A cpu thread's address counts through its space and, if the
     * thread may run with its MMU off, as a physical address too. A device's IOVAs behind an SMMU do not count: the
     * front end lists what they translate to, and the descriptors their walks read, among the observed addresses.
     */
    public TreeSet<Long> relevantAddresses() {
        TreeSet<Long> out = new TreeSet<>(Long::compareUnsigned);
        for (ThreadProgram t : threads) {
            boolean mayRunPhysical = t.mayRunPhysical() && !(t.agent() instanceof Agent.Device d && d.smmu() != null);
            for (Op op : t.ops()) {
                Long a = Op.addressOf(op);
                if (a == null) {
                    continue;
                }
                if (op instanceof Op.OuterCacheOp) {
                    out.add(a);
                    continue;
                }
                if (t.space() != null && t.onCpu()) {
                    if (t.space().translate(a) instanceof Translation.Translated tr) {
                        out.add(tr.physicalAddress());
                    }
                }
                if (mayRunPhysical) {
                    out.add(a);
                }
            }
        }
        for (InitialLine l : cachedLines) {
            out.add(l.physicalAddress());
        }
        out.addAll(observedAddresses);
        return out;
    }
}
