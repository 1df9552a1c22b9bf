package dev.stalecheck.machine;

import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ThreadProgram;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TLB entries whose presence changes nothing: <i>static</i> entries, which the search may leave out of a state's
 * identity ({@code Reductions.staticTlb}, {@code --no-static-tlb} turns it off).
 *
 * <p>Where it applies: every thread with a page table uses the same one, not behind a stage 2; every store writes a
 * constant in whole descriptor pieces ({@link TableReach#analysable}); and the physical addresses every store and
 * {@code dc zva} may write are known (through every walk the program's descriptors allow, {@link TableReach}, or
 * statically). Then a descriptor a walk reads at an address no store or {@code dc zva} may write holds, in every
 * state, one of the initial values there (RAM and {@code cached} lines): the other values are the stored pieces and
 * zero, as in {@link TableReach}. Call V the relevant virtual addresses (those the table's operations name: every
 * address a thread translates or hardware walks speculatively), and P the entries a walk of an address of V may ever
 * give over those values (every TLB entry of every state is in P, since TLBs start empty and only walks of V fill
 * them). An entry e of P is static when (1) for every address v of V that e translates, every walk of v reads only
 * descriptors with one possible value and gives e (never a fault); (2) no other entry of P overlaps e's virtual
 * range; and (3) every TLB can hold all of P at once (no TLB fill ever needs a victim).
 *
 * <p>Why leaving e out loses nothing: let A and B be states equal but for which TLBs hold static entries. They are
 * bisimilar, step for step, with the same hazards and effects on registers, RAM and caches:
 * <ul>
 *   <li>a thread's access at v: when e translates v, no other entry of any state can (2), so A and B both translate
 *       through e: one from its TLB, the other by a walk that gives e (1), reads values that no copy can contradict
 *       (one possible value: no {@code stale-walk} hazard), and adds e without a victim (3); the states after the
 *       step again differ only in static entries. An address no static entry covers is translated alike;</li>
 *   <li>a TLB invalidate removes static entries or not: the results differ only in static entries;</li>
 *   <li>a speculative walk of an address a static entry covers gives that entry (1): it only adds a static entry;
 *       the drop of a static entry only removes one; both lead to a state differing only in static entries, so
 *       the search does not try them ({@link #staticWalk});</li>
 *   <li>a speculative fill through a static entry's alias: the fills of a table thread's cpu come from its TLB's
 *       entries and from walks of every address of V, among them one that e translates (e came from such a walk),
 *       which gives e (1); so the fill is offered in both states, with the same virtual address; every other
 *       hardware event ignores TLBs;</li>
 *   <li>the dead-line analysis reads TLBs through {@code TableReach}, where e adds nothing its walks do not give.</li>
 * </ul>
 * Final outcomes ignore TLBs. So the same final outcomes and hazards are reachable from A and from B, at the same
 * depths (every step is matched by one step or, for a walk or drop of a static entry, by none), and shortest
 * counterexamples keep their length; a counterexample is still an execution of the full model (it replays the
 * stored states). {@code StaticTlbTest} compares the results with and without.
 */
public final class StaticTlbEntries {
    private static final StaticTlbEntries NONE = new StaticTlbEntries(Set.of(), new LongOpenHashSet());

    private final Set<TlbEntry> entries;
    /** The relevant virtual addresses a static entry translates. */
    private final LongOpenHashSet covered;

    private StaticTlbEntries(Set<TlbEntry> entries, LongOpenHashSet covered) {
        this.entries = entries;
        this.covered = covered;
    }

    /** Whether there is any static entry. */
    public boolean any() {
        return !entries.isEmpty();
    }

    /** Whether {@code e} is static. */
    public boolean contains(TlbEntry e) {
        return entries.contains(e);
    }

    /** Whether {@code e} is a walk or a TLB drop that only adds or removes a static entry in {@code s}. */
    public boolean staticWalk(MachineState s, Event e) {
        if (e instanceof Event.SpeculativeWalk w) {
            return covered.contains(w.va());
        }
        return e instanceof Event.TlbDrop d && entries.contains(s.tlb(d.cpu()).entries().get(d.entry()));
    }

    /** The static entries of {@code machine}'s program (none where the class comment's premises fail). */
    public static StaticTlbEntries of(Machine machine) {
        Program program = machine.program();
        PageTable table = null;
        int walker = -1;
        for (int t = 0; t < program.threads().size(); t++) {
            PageTable pt = program.threads().get(t).table();
            if (pt == null) {
                continue;
            }
            if (pt.guest() || table != null && !table.equals(pt)) {
                return NONE;
            }
            table = pt;
            walker = t;
        }
        if (table == null || !TableReach.analysable(program)) {
            return NONE;
        }
        StepExecution.DescriptorCandidates coarse = TableReach.candidates(machine);
        List<long[]> written = written(machine, coarse);
        if (written == null) {
            return NONE;
        }
        MachineState initial = machine.initialState();
        StepExecution.DescriptorCandidates refined = (pa, width) -> {
            for (long[] range : written) {
                if (pa < range[1] && range[0] < pa + width) {
                    return coarse.at(pa, width);
                }
            }
            LongOpenHashSet out = new LongOpenHashSet();
            TableReach.addInitial(initial, pa, width, out);
            return TableReach.sorted(out);
        };
        int cpu = program.threads().get(walker).cpu();
        long[] vas = machine.relevantVirtual(walker);
        TlbEntry[] only = new TlbEntry[vas.length];
        Set<TlbEntry> possible = new HashSet<>();
        for (int i = 0; i < vas.length; i++) {
            only[i] = onlyWalk(machine, cpu, table, vas[i], refined, possible);
        }
        if (possible.size() > machine.config().tlbEntries()) {
            return NONE;
        }
        Set<TlbEntry> out = new HashSet<>();
        LongOpenHashSet covered = new LongOpenHashSet();
        for (TlbEntry e : new ArrayList<>(possible)) {
            if (isStatic(e, vas, only, possible, table.asid())) {
                out.add(e);
                for (long va : vas) {
                    if (e.matches(va, table.asid())) {
                        covered.add(va);
                    }
                }
            }
        }
        return out.isEmpty() ? NONE : new StaticTlbEntries(Set.copyOf(out), covered);
    }

    /** Conditions (1) and (2) of the class comment for {@code e}. */
    private static boolean isStatic(TlbEntry e, long[] vas, TlbEntry[] only, Set<TlbEntry> possible, long asid) {
        boolean translatesOne = false;
        for (int i = 0; i < vas.length; i++) {
            if (e.matches(vas[i], asid)) {
                if (!e.equals(only[i])) {
                    return false;
                }
                translatesOne = true;
            }
        }
        for (TlbEntry other : possible) {
            if (!other.equals(e) && other.vaBase() < e.vaBase() + e.size() && e.vaBase() < other.vaBase() + other.size()) {
                return false;
            }
        }
        return translatesOne;
    }

    /**
     * The entry every walk of {@code va} gives, when every walk reads only descriptors with one possible value and
     * none faults; else null. Adds every entry a walk gives to {@code possible}.
     */
    private static TlbEntry onlyWalk(Machine machine, int cpu, PageTable table, long va,
                                     StepExecution.DescriptorCandidates candidates, Set<TlbEntry> possible) {
        boolean[] varies = new boolean[1];
        StepExecution.DescriptorCandidates watched = (pa, width) -> {
            long[] values = candidates.at(pa, width);
            varies[0] |= values.length != 1;
            return values;
        };
        List<TlbEntry> entries = new ArrayList<>();
        boolean[] faults = new boolean[1];
        machine.forEachPossibleWalk(cpu, table, va, watched, w -> {
            if (w.entry() == null) {
                faults[0] = true;
            } else {
                possible.add(w.entry());
                if (!entries.contains(w.entry())) {
                    entries.add(w.entry());
                }
            }
        });
        return !varies[0] && !faults[0] && entries.size() == 1 ? entries.get(0) : null;
    }

    /**
     * The byte ranges {@code [from, to)} any store or {@code dc zva} of the program may write, through every walk
     * {@code candidates} allows; null when an operation's physical address is not known.
     */
    private static List<long[]> written(Machine machine, StepExecution.DescriptorCandidates candidates) {
        Program program = machine.program();
        int zvaLine = machine.config().smallestDataLine();
        List<long[]> out = new ArrayList<>();
        for (int t = 0; t < program.threads().size(); t++) {
            ThreadProgram tp = program.threads().get(t);
            for (int pc = 0; pc < tp.ops().size(); pc++) {
                Op op = tp.ops().get(pc);
                int width;
                if (op instanceof Op.Store st) {
                    width = st.width();
                } else if (op instanceof Op.DataCacheByAddress d && d.kind() == Op.DcKind.ZVA) {
                    width = zvaLine;
                } else {
                    continue;
                }
                LongArrayList pas = physical(machine, t, pc, candidates);
                if (pas == null) {
                    return null;
                }
                for (long pa : pas) {
                    long from = pa & -(long) width;
                    out.add(new long[] {op instanceof Op.Store ? pa : from, (op instanceof Op.Store ? pa : from) + width});
                }
            }
        }
        return out;
    }

    /** Every physical address thread {@code t}'s operation {@code pc} may name; null when not known. */
    private static LongArrayList physical(Machine machine, int t, int pc, StepExecution.DescriptorCandidates candidates) {
        ThreadProgram tp = machine.program().threads().get(t);
        LongArrayList out = new LongArrayList();
        if (tp.table() != null) {
            long va = Op.addressOf(tp.ops().get(pc));
            for (TlbEntry e : machine.possibleWalks(tp.cpu(), tp.table(), va, candidates)) {
                out.add(e.paBase() + (va - e.vaBase()));
            }
            if (tp.mayRunPhysical()) {
                out.add(va);
            }
            return out;
        }
        for (boolean mmuOn : new boolean[] {false, true}) {
            StepFootprint f = machine.staticFootprint(t, pc, mmuOn);
            if (f == null) {
                return null;
            }
            if (f.touchesMemory()) {
                out.add(f.physicalAddress());
            }
        }
        return out;
    }
}
