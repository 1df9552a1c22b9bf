package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.mmu.ShortDescriptor;
import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.util.Hex;
import java.util.ArrayList;
import java.util.List;

/**
 * Address translation of a thread's context: a fixed space, the identity with the MMU off, or a page table through
 * the cpu's TLB and a table walk (ARMv7 short descriptors, TTBCR.N = 0: Arm ARM v7-A B3.6.4 / B3.5.1).
 *
 * <p>The walker reads each descriptor from the first level holding its line, starting at the machine's
 * {@code walker} level and going outward, else RAM (with the thread's caches off: RAM); it never allocates. At
 * {@code l1} it sees the issuing cpu's L1D and a dirty line in any cpu's L1D. {@code walker any} chooses the start
 * for each descriptor read. A descriptor read that differs from a dirty copy in a level the walk did not look in is
 * the {@code stale-walk} hazard.
 */
final class TranslationUnit {
    private TranslationUnit() {
    }

    /** Translates {@code va} for a thread as an access (a store when {@code write}) would, filling the TLB on a walk. */
    static Translation translate(StepExecution x, ThreadProgram tp, ThreadState ts, long va, boolean write) {
        if (!ts.mmuOn()) {
            return new Translation.Translated(va, MemoryType.NORMAL_NC, true);
        }
        if (tp.table() == null) {
            return tp.space().translate(va);
        }
        int cpu = tp.cpu();
        PageTable table = tp.table();
        TlbEntry e = x.tlbs[cpu].lookup(va, table.asid());
        if (e == null) {
            Walk w = walk(x, cpu, table, va, ts.cachesOn());
            if (w.fault != null) {
                return w.fault;
            }
            e = w.entry;
            fill(x, cpu, e);
        }
        if (write && e.readOnly()) {
            return new Translation.Faulted("permission", e.size() >= (1L << 20) ? 1 : 2);
        }
        return new Translation.Translated(e.paBase() + (va - e.vaBase()), e.type(), e.shareable());
    }

    /** The result of a walk: an entry, or a fault. */
    record Walk(TlbEntry entry, Translation.Faulted fault) {
    }

    /** Walks {@code table} for {@code va} (descriptor reads may choose their start level with {@code walker any}). */
    static Walk walk(StepExecution x, int cpu, PageTable table, long va, boolean cachesOn) {
        if (!table.format().equals("v7-short")) {
            return longWalk(x, cpu, table, va, cachesOn);
        }
        long l1Address = (table.root() & ~0x3FFFL) | ((va >>> 20) & 0xFFF) << 2;
        ShortDescriptor d1 = new ShortDescriptor((int) readDescriptor(x, cpu, l1Address, cachesOn, 4), 1);
        switch (d1.type()) {
            case FAULT:
                return new Walk(null, new Translation.Faulted("translation", 1));
            case SECTION:
            case SUPERSECTION:
                return leaf(d1, va, table, 1);
            default:
                break;
        }
        long l2Address = d1.pageTableBase() | ((va >>> 12) & 0xFF) << 2;
        ShortDescriptor d2 = new ShortDescriptor((int) readDescriptor(x, cpu, l2Address, cachesOn, 4), 2);
        if (d2.type() == ShortDescriptor.Type.FAULT) {
            return new Walk(null, new Translation.Faulted("translation", 2));
        }
        return leaf(d2, va, table, 2);
    }

    /**
     * A long-descriptor walk, 4 KB granule: {@code v8-4k} from level 0 over 48-bit addresses (TTBR0 for the lower
     * half, TTBR1 {@code high} for the upper: Arm ARM v8-A D5.2), {@code v7-lpae} from level 1 over 32-bit addresses
     * (TTBCR.T0SZ = 0: VA[31:30] indexes a 4-entry first-level table, v7-A B3.6.6).
     */
    private static Walk longWalk(StepExecution x, int cpu, PageTable table, long va, boolean cachesOn) {
        boolean v8 = table.format().equals("v8-4k");
        long tableAddress;
        if (v8) {
            long top = va >>> 48;
            if (top == 0) {
                tableAddress = table.root();
            } else if (top == 0xFFFF && table.high() >= 0) {
                tableAddress = table.high();
            } else {
                return new Walk(null, new Translation.Faulted("translation", 0));
            }
        } else {
            if ((va >>> 32) != 0) {
                return new Walk(null, new Translation.Faulted("translation", 1));
            }
            tableAddress = table.root();
        }
        for (int level = v8 ? 0 : 1; level <= 3; level++) {
            int shift = 12 + 9 * (3 - level);
            long index = (va >>> shift) & (!v8 && level == 1 ? 3 : 511);
            dev.stalecheck.mmu.LongDescriptor d = new dev.stalecheck.mmu.LongDescriptor(
                    readDescriptor(x, cpu, tableAddress + index * 8, cachesOn, 8), level);
            switch (d.type()) {
                case INVALID:
                    return new Walk(null, new Translation.Faulted("translation", level));
                case TABLE:
                    tableAddress = d.outputAddress();
                    break;
                default:
                    if (d.af() == 0) {
                        return new Walk(null, new Translation.Faulted("access flag", level));
                    }
                    long size = d.size();
                    return new Walk(new TlbEntry(table.asid(), d.nG() == 0, va & -size, size, d.outputAddress(),
                            d.memoryType(), d.shareable(), d.readOnly()), null);
            }
        }
        return new Walk(null, new Translation.Faulted("translation", 3));
    }

    private static Walk leaf(ShortDescriptor d, long va, PageTable table, int level) {
        if (d.noAccess()) {
            return new Walk(null, new Translation.Faulted("permission", level));
        }
        long size = d.size();
        long vaBase = va & -size;
        return new Walk(new TlbEntry(table.asid(), d.nG() == 0, vaBase, size, d.outputBase(), d.memoryType(),
                d.shareable(), d.readOnly()), null);
    }

    /** Adds an entry to cpu {@code cpu}'s TLB; a full TLB first drops one entry (every choice explored). */
    static void fill(StepExecution x, int cpu, TlbEntry e) {
        TlbState t = x.tlbs[cpu];
        if (t.size() >= x.config.tlbEntries()) {
            TlbState full = t;
            int victim = x.choose(ChoiceKind.VICTIM, t.size(), 0, i -> "TLB victim " + full.entries().get(i).describe());
            x.tlbEffect("dropped", cpu, t.entries().get(victim));
            t = t.without(victim);
        }
        x.tlbs[cpu] = t.with(e);
        x.tlbEffect("filled", cpu, e);
    }

    /** The levels a descriptor read may start at, innermost first: each cache level the walker may use, then memory. */
    private static List<Integer> startDepths(StepExecution x) {
        MachineConfig c = x.config;
        List<Integer> out = new ArrayList<>();
        String w = c.walker();
        if (w.equals(MachineConfig.ANY)) {
            c.dataPathLevels().stream().filter(l -> !l.outer()).map(l -> l.depth()).distinct().forEach(out::add);
            out.add(Integer.MAX_VALUE);
        } else {
            out.add(w.equals("l1") ? 1 : c.pointDepth(w));
        }
        return out;
    }

    /** Reads the {@code width}-byte descriptor at {@code pa} as the walker does. */
    static long readDescriptor(StepExecution x, int cpu, long pa, boolean cachesOn, int width) {
        int start = Integer.MAX_VALUE;
        if (cachesOn) {
            List<Integer> starts = startDepths(x);
            int pick = starts.size() == 1 ? 0 : x.choose(ChoiceKind.WALKER, starts.size(), 0,
                    i -> "walker reads " + Hex.of(pa) + " from " + (starts.get(i) == Integer.MAX_VALUE ? "memory"
                            : starts.get(i) == 1 ? "l1" : "l" + starts.get(i)) + " outward");
            start = starts.get(pick);
        }
        int[] path = x.topology.dataPath(cpu);
        StepExecution.Located from = null;
        if (start <= 1) {
            for (CacheInstance c : x.topology.instances()) {
                if (c.depth() == 1 && !c.isInstruction() && from == null) {
                    StepExecution.Located l = x.findAnyColour(c.id(), pa);
                    if (l != null && (c.cpu() == cpu || x.line(l.cache(), l.set(), l.way()).isDirty())) {
                        from = l;
                    }
                }
            }
        }
        for (int i = 0; from == null && i < path.length; i++) {
            CacheInstance c = x.instance(path[i]);
            if (c.depth() >= Math.max(start, 2)) {
                from = x.findAnyColour(c.id(), pa);
            }
        }
        long word;
        String source;
        if (from != null) {
            CacheLine l = x.line(from.cache(), from.set(), from.way());
            word = l.read((int) (pa - l.physicalAddress()), width);
            source = x.instance(from.cache()).name();
        } else {
            word = x.ram.read(pa, width);
            source = "RAM";
        }
        x.read(pa, width, word, "walker: " + source);
        checkStaleWalk(x, pa, word, start, width);
        return word;
    }

    /** The stale-walk hazard: a dirty copy in a level the walk did not look in (inside its start) differs. */
    private static void checkStaleWalk(StepExecution x, long pa, long word, int start, int width) {
        for (CacheInstance c : x.topology.instances()) {
            if (c.isInstruction() || c.depth() >= start) {
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                CacheLine line = x.line(l.cache(), l.set(), l.way());
                long held = line.read((int) (pa - line.physicalAddress()), width);
                if (line.isDirty() && held != word) {
                    x.hazard(HazardKind.STALE_WALK, c.name(), c.lineOf(pa), "a table walk read descriptor " + Hex.of(pa)
                            + " = " + Hex.of(word) + " while " + c.name() + " holds it dirty as " + Hex.of(held));
                }
            }
        }
    }
}
