package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.mmu.ShortDescriptor;
import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.program.FaultKind;
import dev.stalecheck.program.Mapping;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Smmu;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.program.WalkAttributes;
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
 * for each descriptor read. The table's {@code walk} attributes narrow this to the levels they cache in (and those at
 * or beyond the PoC). A descriptor read that differs from a dirty copy in a level the walk did not look in is the
 * {@code stale-walk} hazard.
 */
final class TranslationUnit {
    private TranslationUnit() {
    }

    /**
     * Translates {@code va} for a thread as an access of {@code kind} would, filling the TLB on a walk; an access its
     * mapping does not permit is a permission fault.
     */
    static Translation translate(StepExecution x, ThreadProgram tp, ThreadState ts, long va, AccessKind kind) {
        boolean write = kind == AccessKind.WRITE;
        if (tp.table() != null && tp.table().guest()) {
            return translateGuest(x, tp, ts, va, kind);
        }
        if (!ts.mmuOn()) {
            return new Translation.Translated(va, MemoryType.NORMAL_NC, true);
        }
        if (tp.table() == null) {
            Mapping m = tp.space().mappingOf(va);
            if (m != null && (write && m.readOnly() || kind == AccessKind.EXECUTE && m.executeNever())) {
                return new Translation.Faulted(FaultKind.PERMISSION, 0);
            }
            return tp.space().translate(va);
        }
        int cpu = tp.cpu();
        PageTable table = tp.table();
        TlbEntry e = pick(x, cpu, va, held(x.tlb(cpu), tp, ts, va));
        if (e == null) {
            Walk w = walk(x, cpu, table, va, ts.cachesOn());
            if (w.fault != null) {
                return w.fault;
            }
            e = w.entry;
            fill(x, cpu, e);
        }
        if (write && e.readOnly() || kind == AccessKind.EXECUTE && e.executeNever()) {
            return new Translation.Faulted(FaultKind.PERMISSION, e.size() >= (1L << 20) ? 1 : 2);
        }
        return new Translation.Translated(e.paBase() + (va - e.vaBase()), e.type(), e.shareable());
    }

    /**
     * The entries of {@code tlb} that may translate {@code va} for table thread {@code tp} in state {@code ts}: a
     * guest's entries of its VMID (with stage 1 off only global ones: they carry no stage-1 ASID), else the table's
     * ASID and global ones.
     */
    static List<TlbEntry> held(TlbState tlb, ThreadProgram tp, ThreadState ts, long va) {
        PageTable table = tp.table();
        if (!table.guest()) {
            return tlb.matching(va, table.asid(), 0);
        }
        boolean stage1On = !table.stage2() && ts.mmuOn();
        List<TlbEntry> held = tlb.matching(va, stage1On ? table.asid() : 0, table.stage2Table().vmid());
        if (!stage1On) {
            held.removeIf(h -> !h.global());
        }
        return held;
    }

    /**
     * Translates IOVA {@code iova} of a device behind {@code smmu}: its TLB (which follows the cpus' TLBs; with
     * several entries for it, any, as {@link #pick} says), else a walk of its table whose descriptor reads are the
     * SMMU's own memory accesses ({@link #readDescriptor}); a store through an {@code ro} mapping is a permission
     * fault. The memory type of the entry does not change the device's access, which its attachment decides.
     */
    static Translation translateSmmu(StepExecution x, Smmu smmu, long iova, boolean write) {
        int tlb = x.config().cpus() + smmu.index();
        TlbEntry e = pick(x, tlb, iova, x.tlb(tlb).matching(iova, smmu.table().asid(), 0));
        if (e == null) {
            Walk w = smmuWalk(x, smmu, iova);
            if (w.fault != null) {
                return w.fault;
            }
            e = w.entry;
        }
        if (write && e.readOnly()) {
            return new Translation.Faulted(FaultKind.PERMISSION, e.size() >= (1L << 20) ? 1 : 2);
        }
        return new Translation.Translated(e.paBase() + (iova - e.vaBase()), e.type(), e.shareable());
    }

    /** {@code smmu} walks its table for {@code iova} and, when the walk succeeds, fills its TLB with the entry. */
    static Walk smmuWalk(StepExecution x, Smmu smmu, long iova) {
        int tlb = x.config().cpus() + smmu.index();
        PageTable table = smmu.table();
        if (x.detailed()) {
            x.note(smmu.name() + " walks " + table.name() + " for IOVA " + Hex.of(iova) + (smmu.coherent()
                    ? " (a coherent walk: it reads the newest copy of each descriptor)"
                    : " (a non-coherent walk: it reads each descriptor at the PoC)"));
        }
        x.smmuWalk = smmu;
        Walk w;
        try {
            w = walk(x, tlb, table, iova, true);
        } finally {
            x.smmuWalk = null;
        }
        if (w.entry != null) {
            fill(x, tlb, w.entry, smmu.tlbEntries());
        }
        return w;
    }

    private static Translation translateGuest(StepExecution x, ThreadProgram tp, ThreadState ts, long va,
                                              AccessKind kind) {
        int cpu = tp.cpu();
        PageTable table = tp.table();
        boolean stage1On = !table.stage2() && ts.mmuOn();
        TlbEntry e = pick(x, cpu, va, held(x.tlb(cpu), tp, ts, va));
        if (e == null) {
            Walk w = guestWalk(x, cpu, table, stage1On, ts.cachesOn(), va);
            if (w.fault() != null) {
                return w.fault();
            }
            e = w.entry();
            fill(x, cpu, e);
        }
        if (kind == AccessKind.WRITE && e.readOnly() || kind == AccessKind.EXECUTE && e.executeNever()) {
            return new Translation.Faulted(FaultKind.PERMISSION, 0);
        }
        MemoryType type = kind == AccessKind.EXECUTE && !stage1On && ts.icacheOn()
                ? stageOneOffFetchType(x, cpu, table.stage2Table(), va, ts.cachesOn(), e.type()) : e.type();
        return new Translation.Translated(e.paBase() + (va - e.vaBase()), type, e.shareable());
    }

    /**
     * The attributes of a fetch by a guest with stage 1 off and SCTLR.I = 1: stage 1 gives Normal write-through
     * (SCTLR_EL1.I), combined with stage 2's (with FEAT_S2FWB stage 2's alone); {@code fallback} if stage 2 faults.
     * Data accesses keep the entry's attributes (stage 1 off counts as normal-nc for them).
     */
    private static MemoryType stageOneOffFetchType(StepExecution x, int cpu, PageTable s2, long ipa, boolean cachesOn,
                                                   MemoryType fallback) {
        Walk w = stage2(x, cpu, s2, ipa, cachesOn);
        if (w.entry() == null) {
            return fallback;
        }
        return stageOneOffFetchType(s2, w.entry().type());
    }

    /**
     * The attributes of a fetch with stage 1 off through a stage-2 mapping of {@code stage2Type}: Normal
     * write-through combined with it, or with FEAT_S2FWB ({@code fwb}) stage 2's alone.
     */
    static MemoryType stageOneOffFetchType(PageTable s2, MemoryType stage2Type) {
        return s2.fwb() ? stage2Type : lessCacheable(MemoryType.NORMAL_WT, stage2Type);
    }

    /** A walk of the stage-2 table {@code s2} alone for {@code ipa}, without the TLB: its stage-2 entry or a fault. */
    static Walk stage2Walk(StepExecution x, int cpu, PageTable s2, long ipa, boolean cachesOn) {
        return longWalk(x, cpu, s2, ipa, cachesOn);
    }

    /** The result of a walk: an entry, or a fault. */
    record Walk(TlbEntry entry, Translation.Faulted fault) {
    }

    /** Walks {@code table} for {@code va} (descriptor reads may choose their start level with {@code walker any}). */
    static Walk walk(StepExecution x, int cpu, PageTable table, long va, boolean cachesOn) {
        if (table.guest()) {
            return guestWalk(x, cpu, table, !table.stage2(), cachesOn, va);
        }
        if (table.format() != TableFormat.V7_SHORT) {
            return longWalk(x, cpu, table, va, cachesOn);
        }
        long l1Address = (table.root() & ~0x3FFFL) | ((va >>> 20) & 0xFFF) << 2;
        ShortDescriptor d1 = new ShortDescriptor((int) readDescriptor(x, cpu, l1Address, cachesOn, 4, table.walk()), 1);
        switch (d1.type()) {
            case FAULT:
                return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, 1));
            case SECTION:
            case SUPERSECTION:
                return leaf(d1, va, table, 1);
            default:
                break;
        }
        long l2Address = d1.pageTableBase() | ((va >>> 12) & 0xFF) << 2;
        ShortDescriptor d2 = new ShortDescriptor((int) readDescriptor(x, cpu, l2Address, cachesOn, 4, table.walk()), 2);
        if (d2.type() == ShortDescriptor.Type.FAULT) {
            return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, 2));
        }
        return leaf(d2, va, table, 2);
    }

    /**
     * A long-descriptor walk, 4 KB granule: {@code v8-4k} from level 0 over 48-bit addresses (TTBR0 for the lower
     * half, TTBR1 {@code high} for the upper: Arm ARM v8-A D5.2), {@code v7-lpae} from level 1 over 32-bit addresses
     * (TTBCR.T0SZ = 0: VA[31:30] indexes a 4-entry first-level table, v7-A B3.6.6), a stage-2 table from level 1
     * over 40-bit IPAs (an 8 KB concatenated root, IPA[39:30]: D5.2.6). For a table {@code via} a stage 2, every
     * descriptor address is an IPA translated through that stage 2 first.
     */
    private static Walk longWalk(StepExecution x, int cpu, PageTable table, long va, boolean cachesOn) {
        boolean v8 = table.format() == TableFormat.V8_4K;
        boolean s2 = table.stage2();
        long tableAddress;
        if (s2) {
            if ((va >>> 40) != 0) {
                return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, 1, true, false));
            }
            tableAddress = table.root();
        } else if (v8) {
            long top = va >>> 48;
            if (top == 0) {
                tableAddress = table.root();
            } else if (top == 0xFFFF && table.high() >= 0) {
                tableAddress = table.high();
            } else {
                return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, 0));
            }
        } else {
            if ((va >>> 32) != 0) {
                return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, 1));
            }
            tableAddress = table.root();
        }
        for (int level = v8 && !s2 ? 0 : 1; level <= 3; level++) {
            int shift = 12 + 9 * (3 - level);
            long index = s2 && level == 1 ? (va >>> 30) & 1023 : (va >>> shift) & (!v8 && level == 1 ? 3 : 511);
            long address = tableAddress + index * 8;
            WalkAttributes attributes = table.walk();
            if (table.via() != null) {
                Walk fetch = stage2(x, cpu, table.via(), address, cachesOn);
                if (fetch.fault() != null) {
                    return new Walk(null, fetch.fault().onDescriptorFetch());
                }
                address = fetch.entry().paBase() + (address - fetch.entry().vaBase());
                attributes = table.via().fwb() ? WalkAttributes.of(fetch.entry().type())
                        : attributes.limitedBy(fetch.entry().type());
            }
            dev.stalecheck.mmu.LongDescriptor d = new dev.stalecheck.mmu.LongDescriptor(
                    readDescriptor(x, cpu, address, cachesOn, 8, attributes), level);
            switch (d.type()) {
                case INVALID:
                    return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, level, s2, false));
                case TABLE:
                    tableAddress = d.outputAddress();
                    break;
                default:
                    if (d.af() == 0) {
                        return new Walk(null, new Translation.Faulted(FaultKind.ACCESS_FLAG, level, s2, false));
                    }
                    long size = d.size();
                    if (s2) {
                        return new Walk(new TlbEntry(0, true, va & -size, size, d.outputAddress(),
                                d.stage2MemoryType(), d.shareable(), d.stage2ReadOnly(), table.vmid(),
                                d.stage2ExecuteNever()), null);
                    }
                    return new Walk(new TlbEntry(table.asid(), d.nG() == 0, va & -size, size, d.outputAddress(),
                            d.memoryType(), d.shareable(), d.readOnly(), d.executeNever()), null);
            }
        }
        return new Walk(null, new Translation.Faulted(FaultKind.TRANSLATION, 3, s2, false));
    }

    /**
     * Translates an IPA through stage 2 for a walk or a guest access: a cached stage-2 entry if the cpu's TLB holds
     * one, else a stage-2 walk, whose result is cached as a stage-2 entry.
     */
    private static Walk stage2(StepExecution x, int cpu, PageTable s2, long ipa, boolean cachesOn) {
        TlbEntry cached = pick(x, cpu, ipa, x.tlb(cpu).matchingStage2(ipa, s2.vmid()));
        if (cached != null) {
            return new Walk(cached, null);
        }
        Walk w = longWalk(x, cpu, s2, ipa, cachesOn);
        if (w.entry() != null) {
            TlbEntry e = w.entry();
            fill(x, cpu, new TlbEntry(0, true, e.vaBase(), e.size(), e.paBase(), e.type(), e.shareable(), e.readOnly(),
                    s2.vmid(), true, e.executeNever()));
        }
        return w;
    }

    /**
     * A guest's translation: stage 1 (its table, or none with its MMU off or when it runs directly in a stage-2
     * table), then stage 2; the attributes combine with the less cacheable stage winning (device < normal-nc <
     * normal-wt < normal), a guest with caches off counting as normal-nc at stage 1, unless FEAT_S2FWB lets stage 2
     * decide alone. The resulting entry may combine both stages and is tagged with the VMID.
     */
    static Walk guestWalk(StepExecution x, int cpu, PageTable table, boolean stage1On, boolean cachesOn, long va) {
        PageTable s2 = table.stage2Table();
        TlbEntry first = null;
        long ipa = va;
        if (stage1On) {
            Walk w1 = longWalk(x, cpu, table, va, cachesOn);
            if (w1.fault() != null) {
                return w1;
            }
            first = w1.entry();
            ipa = first.paBase() + (va - first.vaBase());
        }
        Walk w2 = stage2(x, cpu, s2, ipa, cachesOn);
        if (w2.fault() != null) {
            return w2;
        }
        TlbEntry second = w2.entry();
        MemoryType s1 = first == null || !cachesOn ? MemoryType.NORMAL_NC : first.type();
        MemoryType type = s2.fwb() ? second.type() : lessCacheable(s1, second.type());
        long size = first == null ? second.size() : Math.min(first.size(), second.size());
        long vaBase = va & -size;
        long pa = second.paBase() + (ipa - second.vaBase());
        long paBase = pa - (va - vaBase);
        boolean readOnly = second.readOnly() || (first != null && first.readOnly());
        boolean executeNever = second.executeNever() || (first != null && first.executeNever());
        boolean shareable = second.shareable() || (first != null && first.shareable());
        long asid = first == null ? 0 : first.asid();
        boolean global = first == null || first.global();
        return new Walk(new TlbEntry(asid, global, vaBase, size, paBase, type, shareable, readOnly, s2.vmid(),
                executeNever), null);
    }

    private static MemoryType lessCacheable(MemoryType a, MemoryType b) {
        return rank(a) <= rank(b) ? a : b;
    }

    private static int rank(MemoryType t) {
        return switch (t) {
            case DEVICE -> 0;
            case NORMAL_NC -> 1;
            case NORMAL_WT -> 2;
            case NORMAL -> 3;
        };
    }

    private static Walk leaf(ShortDescriptor d, long va, PageTable table, int level) {
        if (d.noAccess()) {
            return new Walk(null, new Translation.Faulted(FaultKind.PERMISSION, level));
        }
        long size = d.size();
        long vaBase = va & -size;
        return new Walk(new TlbEntry(table.asid(), d.nG() == 0, vaBase, size, d.outputBase(), d.memoryType(),
                d.shareable(), d.readOnly(), d.executeNever()), null);
    }

    /**
     * The entry a translation of {@code va} uses among those TLB {@code cpu} (a cpu's, or an SMMU's after them) holds
     * for it ({@code held}): none, the one, or — after a remap without break-before-make left several — any of them
     * (Arm ARM: either translation may be used), every choice explored.
     */
    private static TlbEntry pick(StepExecution x, int cpu, long va, List<TlbEntry> held) {
        if (held.size() <= 1) {
            return held.isEmpty() ? null : held.get(0);
        }
        String owner = x.topology().tlbOwner(cpu);
        return held.get(x.choose(ChoiceKind.TLB_ENTRY, held.size(), 0,
                i -> owner + "'s TLB translates " + Hex.of(va) + " with " + held.get(i).describe()));
    }

    /** Adds an entry to cpu {@code cpu}'s TLB ({@link #fill(StepExecution, int, TlbEntry, int)}). */
    static void fill(StepExecution x, int cpu, TlbEntry e) {
        fill(x, cpu, e, x.config().tlbEntries());
    }

    /**
     * Adds an entry to TLB {@code cpu} (a cpu's, or an SMMU's after them), which holds {@code capacity} entries; a full
     * one first drops one; a conflicting entry is the {@code tlb-conflict} hazard.
     */
    private static void fill(StepExecution x, int cpu, TlbEntry e, int capacity) {
        TlbState t = x.tlb(cpu);
        if (t.size() >= capacity) {
            TlbState full = t;
            int victim = x.choose(ChoiceKind.VICTIM, t.size(), 0, i -> "TLB victim " + full.entries().get(i).describe());
            x.tlbEffect("dropped", cpu, t.entries().get(victim));
            t = t.without(victim);
        }
        String owner = x.topology().tlbOwner(cpu);
        for (TlbEntry held : t.entries()) {
            if (e.conflictsWith(held)) {
                x.hazard(HazardKind.TLB_CONFLICT, owner, e.vaBase(), owner + "'s TLB holds "
                        + held.describe() + " and now also " + e.describe() + ": a valid descriptor was replaced"
                        + " without break-before-make (Arm ARM: either may translate, or a TLB conflict abort)");
            }
        }
        x.setTlb(cpu, t.with(e));
        x.tlbEffect("filled", cpu, e);
    }

    /** The levels a descriptor read may start at, innermost first: each cache level the walker may use, then memory. */
    private static List<Integer> startDepths(StepExecution x) {
        return x.topology().walkerStarts();
    }

    /** {@link #startDepths} of a machine, computed once ({@link CacheTopology#walkerStarts}). */
    static List<Integer> startDepths(MachineConfig c) {
        List<Integer> out = new ArrayList<>();
        WalkerStart w = c.walker();
        if (w instanceof WalkerStart.From from) {
            out.add(from.point().depth());
        } else if (w instanceof WalkerStart.Any) {
            c.dataPathLevels().stream().filter(l -> !l.outer()).map(l -> l.depth()).distinct().forEach(out::add);
            out.add(Integer.MAX_VALUE);
        } else {
            throw new AssertionError("unknown walker start " + w);
        }
        return out;
    }

    /**
     * Whether a descriptor read with attributes {@code walk} that starts at depth {@code start} looks in cache {@code c}:
     * a data cache at or beyond the start that the attributes cache in, or that lies at or beyond the PoC (memory as
     * every observer sees it, which a non-cacheable read sees too).
     */
    private static boolean looksIn(StepExecution x, CacheInstance c, int start, WalkAttributes walk) {
        return !c.isInstruction() && c.depth() >= start && (walk.caches(c.level().outer(), c.level().wtBypass())
                || c.depth() >= x.config().poc().depth());
    }

    /** The caches a read starting at {@code start} looks in, as a bit set of instance ids (for telling starts apart). */
    private static long lookedIn(StepExecution x, int start, WalkAttributes walk) {
        long mask = 0;
        for (CacheInstance c : x.topology().instances()) {
            if (looksIn(x, c, start, walk)) {
                mask |= 1L << (c.id() & 63);
            }
        }
        return mask;
    }

    /**
     * The starts a read with attributes {@code walk} chooses from: the walker's, keeping the first of those that look
     * in the same caches (with write-back attributes every start differs).
     */
    private static List<Integer> starts(StepExecution x, WalkAttributes walk) {
        List<Integer> all = startDepths(x);
        if (all.size() == 1 || walk.equals(WalkAttributes.WRITE_BACK)) {
            return all;
        }
        List<Integer> out = new ArrayList<>();
        List<Long> seen = new ArrayList<>();
        for (int start : all) {
            long mask = lookedIn(x, start, walk);
            if (!seen.contains(mask)) {
                seen.add(mask);
                out.add(start);
            }
        }
        return out;
    }

    /**
     * Reads the {@code width}-byte descriptor at {@code pa} as the walker does with attributes {@code walk}: from the
     * first cache holding it that the read looks in ({@link #looksIn}), else RAM; during an SMMU's walk
     * ({@code x.smmuWalk}), as that SMMU does.
     */
    static long readDescriptor(StepExecution x, int cpu, long pa, boolean cachesOn, int width, WalkAttributes walk) {
        if (x.descriptorReads != null) {
            x.descriptorReads.add(pa);
        }
        if (x.smmuWalk != null) {
            return readSmmuDescriptor(x, x.smmuWalk, pa, width);
        }
        if (x.descriptorCandidates != null) {
            long[] options = x.descriptorCandidates.at(pa, width);
            return options[x.choose(ChoiceKind.WALKER, options.length, 0, i -> "descriptor " + Hex.of(options[i]))];
        }
        int start = Integer.MAX_VALUE;
        if (cachesOn) {
            List<Integer> starts = starts(x, walk);
            int pick = starts.size() == 1 ? 0 : x.choose(ChoiceKind.WALKER, starts.size(), 0,
                    i -> "walker reads " + Hex.of(pa) + " from " + (starts.get(i) == Integer.MAX_VALUE ? "memory"
                            : starts.get(i) == 1 ? "l1" : "l" + starts.get(i)) + " outward");
            start = starts.get(pick);
        }
        int[] path = x.topology().dataPath(cpu);
        StepExecution.Located from = null;
        for (CacheInstance c : x.topology().instances()) {
            if (c.depth() == 1 && from == null && looksIn(x, c, start, walk)) {
                StepExecution.Located l = x.findAnyColour(c.id(), pa);
                if (l != null && (c.cpu() == cpu || x.line(l.cache(), l.set(), l.way()).isDirty())) {
                    from = l;
                }
            }
        }
        for (int i = 0; from == null && i < path.length; i++) {
            CacheInstance c = x.instance(path[i]);
            if (c.depth() >= 2 && looksIn(x, c, start, walk)) {
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
            word = x.ram().read(pa, width);
            source = "RAM";
        }
        x.read(pa, width, word, "walker: " + source);
        checkStaleWalk(x, pa, word, start, width, walk);
        return word;
    }

    /**
     * An SMMU's descriptor read: a coherent SMMU (COHACC) reads the newest copy, as a coherent device does; any other
     * reads the point of coherency (the PoC cache level, if it is one, else RAM), as a device {@code at memory} does,
     * and a dirty copy elsewhere that differs is the {@code stale-walk} hazard.
     */
    private static long readSmmuDescriptor(StepExecution x, Smmu smmu, long pa, int width) {
        long word = AccessExecutor.deviceLoad(x, Point.MEMORY, smmu.coherent(), pa, width);
        if (smmu.coherent()) {
            return word;
        }
        int[] poc = AccessExecutor.devicePath(x, Point.MEMORY);
        for (CacheInstance c : x.topology().instances()) {
            if (c.isInstruction() || java.util.Arrays.stream(poc).anyMatch(id -> id == c.id())) {
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                CacheLine line = x.line(l.cache(), l.set(), l.way());
                long held = line.read((int) (pa - line.physicalAddress()), width);
                if (line.isDirty() && held != word) {
                    x.hazard(HazardKind.STALE_WALK, c.name(), c.lineOf(pa), smmu.name() + "'s table walk read descriptor "
                            + Hex.of(pa) + " = " + Hex.of(word) + " from the PoC while " + c.name() + " holds it dirty as "
                            + Hex.of(held));
                }
            }
        }
        return word;
    }

    /** The stale-walk hazard: a dirty copy in a data cache the walk did not look in ({@link #looksIn}) differs. */
    private static void checkStaleWalk(StepExecution x, long pa, long word, int start, int width,
                                       WalkAttributes walk) {
        for (CacheInstance c : x.topology().instances()) {
            if (c.isInstruction() || looksIn(x, c, start, walk)) {
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
