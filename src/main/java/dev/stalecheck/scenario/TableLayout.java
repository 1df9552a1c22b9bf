package dev.stalecheck.scenario;

import dev.stalecheck.mmu.ShortDescriptor;
import dev.stalecheck.mmu.ShortDescriptorEncoder;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.WalkAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The descriptors of one {@code v7-short} page table, laid out in simulated RAM: a 16 KB first-level table at the
 * root (TTBR0 with TTBCR.N = 0, so it must be 16 KB aligned) and 1 KB second-level tables, given with {@code table}
 * or placed in the next free 1 KB frame after the highest table so far, in order of first need (Arm ARM v7-A
 * B3.5.1; a supersection fills 16 identical first-level entries, a large page 16 identical second-level ones).
 */
final class TableLayout implements Layout {
    static final long L1_SIZE = 16 * 1024;
    static final long L2_SIZE = 1024;

    private final String name;
    private final long root;
    private final long asid;
    private final Map<Long, Integer> words = new TreeMap<>(Long::compareUnsigned);
    /** Second-level table per megabyte index (VA[31:20]). */
    private final Map<Long, Long> l2Tables = new TreeMap<>();
    private final List<long[]> regions = new ArrayList<>();
    private WalkAttributes walk = WalkAttributes.WRITE_BACK;
    private long highest;

    TableLayout(String name, long root, long asid, SourcePosition at) {
        if ((root & (L1_SIZE - 1)) != 0 || Long.compareUnsigned(root, 0xFFFF_FFFFL) > 0) {
            throw new ScenarioException(at, "a v7-short table's root must be a 32-bit address aligned to 16K, not 0x"
                    + Long.toHexString(root));
        }
        this.name = name;
        this.root = root;
        this.asid = asid;
        this.highest = root + L1_SIZE;
        regions.add(new long[] {root, L1_SIZE});
    }

    @Override
    public void map(long va, long oa, long size, DescriptorKind kind, List<String> attributes, Iterator<Long> tables,
                    SourcePosition at) {
        ShortDescriptorEncoder.Attributes a = attributes(attributes, at);
        long unit = switch (kind) {
            case SECTION -> 1L << 20;
            case SUPERSECTION -> 1L << 24;
            case PAGE -> 1L << 12;
            case LARGE_PAGE -> 1L << 16;
            case BLOCK -> throw new ScenarioException(at, "'block' is an LPAE/AArch64 kind; v7-short maps section,"
                    + " supersection, page or large-page");
            case TABLE, FAULT -> throw new AssertionError("a map line of kind " + kind.word());
        };
        if (size == 0 || size % unit != 0 || va % unit != 0 || oa % unit != 0) {
            throw new ScenarioException(at, "a " + kind.word() + " map needs its address, output address and size"
                    + " aligned to 0x" + Long.toHexString(unit));
        }
        if (Long.compareUnsigned(va + size - 1, 0xFFFF_FFFFL) > 0) {
            throw new ScenarioException(at, "v7-short maps 32-bit virtual addresses");
        }
        long outMax = kind == DescriptorKind.SUPERSECTION ? (1L << 40) : (1L << 32);
        if (Long.compareUnsigned(oa + size - 1, outMax - 1) > 0) {
            throw new ScenarioException(at, "output address beyond what a " + kind.word() + " can map");
        }
        for (long off = 0; off < size; off += unit) {
            long v = va + off;
            long o = oa + off;
            switch (kind) {
                case SECTION -> putL1(v, ShortDescriptorEncoder.section(o, a), at);
                case SUPERSECTION -> {
                    for (int i = 0; i < 16; i++) {
                        putL1(v + ((long) i << 20), ShortDescriptorEncoder.supersection(o, a), at);
                    }
                }
                case PAGE -> putL2(v, ShortDescriptorEncoder.smallPage(o, a), tables, at);
                case LARGE_PAGE -> {
                    for (int i = 0; i < 16; i++) {
                        putL2(v + ((long) i << 12), ShortDescriptorEncoder.largePage(o, a), tables, at);
                    }
                }
                case BLOCK, TABLE, FAULT -> throw new AssertionError("refused above: " + kind.word());
            }
        }
    }

    private long l1Address(long va) {
        return root + ((va >>> 20) << 2);
    }

    private void putL1(long va, int word, SourcePosition at) {
        long pa = l1Address(va);
        if (words.containsKey(pa)) {
            throw new ScenarioException(at, "virtual address 0x" + Long.toHexString(va) + " is already mapped in " + name);
        }
        words.put(pa, word);
    }

    private void putL2(long va, int word, Iterator<Long> tables, SourcePosition at) {
        long mb = va >>> 20;
        Long table = l2Tables.get(mb);
        if (table == null) {
            if (words.containsKey(l1Address(va))) {
                throw new ScenarioException(at, "virtual address 0x" + Long.toHexString(va) + " is already mapped by a"
                        + " section in " + name);
            }
            if (tables.hasNext()) {
                table = tables.next();
                if ((table & (L2_SIZE - 1)) != 0) {
                    throw new ScenarioException(at, "a second-level table must be aligned to 1K");
                }
            } else {
                table = (highest + L2_SIZE - 1) & -L2_SIZE;
            }
            for (long[] r : regions) {
                if (overlaps(r[0], r[1], table, L2_SIZE)) {
                    throw new ScenarioException(at, "table 0x" + Long.toHexString(table) + " overlaps another table of "
                            + name);
                }
            }
            regions.add(new long[] {table, L2_SIZE});
            highest = Math.max(highest, table + L2_SIZE);
            l2Tables.put(mb, table);
            words.put(l1Address(va), ShortDescriptorEncoder.pageTable(table));
        }
        long pa = table + (((va >>> 12) & 0xFF) << 2);
        if (words.containsKey(pa)) {
            throw new ScenarioException(at, "virtual address 0x" + Long.toHexString(va) + " is already mapped in " + name);
        }
        words.put(pa, word);
    }

    static boolean overlaps(long a, long aSize, long b, long bSize) {
        return Long.compareUnsigned(a, b + bSize) < 0 && Long.compareUnsigned(b, a + aSize) < 0;
    }

    /** Descriptor words by physical address, ascending. */
    Map<Long, Integer> words() {
        return words;
    }

    @Override
    public void forEachWord(java.util.function.BiConsumer<Long, Long> action) {
        words.forEach((pa, w) -> action.accept(pa, Integer.toUnsignedLong(w)));
    }

    @Override
    public int wordBytes() {
        return 4;
    }

    @Override
    public List<long[]> regions() {
        return regions;
    }

    @Override
    public PageTable pageTable() {
        return new PageTable(name, TableFormat.V7_SHORT, root, asid, regions, -1, false, false, 0, null, walk);
    }

    @Override
    public void walk(WalkAttributes attributes) {
        this.walk = attributes;
    }

    @Override
    public long descriptor(DescriptorKind kind, long oa, List<String> attributes, SourcePosition at) {
        return descriptor(kind, oa, attributes(attributes, at), at);
    }

    @Override
    public String describe(long pa, long word) {
        boolean first = Long.compareUnsigned(pa - root, L1_SIZE) < 0;
        ShortDescriptor d = new ShortDescriptor((int) word, first ? 1 : 2);
        String va = "VA " + (first ? VaRange.of((pa - root) / 4 << 20, 1L << 20) : secondLevelRange(pa));
        return switch (d.type()) {
            case PAGE_TABLE -> va + " -> second-level table 0x" + Long.toHexString(d.pageTableBase());
            case FAULT -> va + " fault";
            default -> va + " " + d.type().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-') + " -> 0x" + Long.toHexString(d.outputBase()) + " " + d.memoryType().word()
                    + (d.shareable() ? "" : " nsh") + (d.nG() == 0 ? " global" : "") + (d.readOnly() ? " ro" : "")
                    + (d.executeNever() ? " xn" : "");
        };
    }

    /** The 4 KB of VA a second-level descriptor at {@code pa} covers (a large page's 16 entries: 4 KB each). */
    private String secondLevelRange(long pa) {
        long table = pa & -L2_SIZE;
        for (Map.Entry<Long, Long> e : l2Tables.entrySet()) {
            if (e.getValue() == table) {
                return VaRange.of((e.getKey() << 20) + ((pa - table) / 4 << 12), 1L << 12);
            }
        }
        return "unknown";
    }

    @Override
    public long entry(long va, int level, SourcePosition at) {
        if (level == 0 || level > 2) {
            throw new ScenarioException(at, "a v7-short walk has levels 1 and 2");
        }
        long l1 = l1Address(va & 0xFFFF_FFFFL);
        if (level == 1) {
            return l1;
        }
        Long table = l2Tables.get((va & 0xFFFF_FFFFL) >>> 20);
        if (table == null) {
            if (level == 2) {
                throw new ScenarioException(at, "no second-level table covers 0x" + Long.toHexString(va) + " in " + name);
            }
            if (!words.containsKey(l1)) {
                throw new ScenarioException(at, "0x" + Long.toHexString(va) + " is not mapped in " + name);
            }
            return l1;
        }
        return table + (((va >>> 12) & 0xFF) << 2);
    }

    @Override
    public Long rootEntry(long va) {
        return Long.compareUnsigned(va, 0xFFFF_FFFFL) <= 0 ? l1Address(va) : null;
    }

    @Override
    public Long translate(long va) {
        Integer w1 = words.get(l1Address(va));
        if (w1 == null) {
            return null;
        }
        ShortDescriptor d1 = new ShortDescriptor(w1, 1);
        ShortDescriptor leaf = d1;
        if (d1.type() == ShortDescriptor.Type.PAGE_TABLE) {
            Integer w2 = words.get(d1.pageTableBase() + (((va >>> 12) & 0xFF) << 2));
            if (w2 == null) {
                return null;
            }
            leaf = new ShortDescriptor(w2, 2);
        }
        return leaf.outputBase() + (va & (leaf.size() - 1));
    }

    /** {@code desc(PT, KIND, OA, ATTR...)}: the word a map line of that kind would write. */
    static long descriptor(DescriptorKind kind, long oa, ShortDescriptorEncoder.Attributes a, SourcePosition at) {
        int w = switch (kind) {
            case SECTION -> ShortDescriptorEncoder.section(oa, a);
            case SUPERSECTION -> ShortDescriptorEncoder.supersection(oa, a);
            case PAGE -> ShortDescriptorEncoder.smallPage(oa, a);
            case LARGE_PAGE -> ShortDescriptorEncoder.largePage(oa, a);
            case TABLE -> ShortDescriptorEncoder.pageTable(oa);
            case FAULT -> 0;
            case BLOCK -> throw new ScenarioException(at, "unknown descriptor kind 'block' for v7-short"
                    + " (expected section, supersection, page, large-page, table or fault)");
        };
        return Integer.toUnsignedLong(w);
    }

    /** Attributes from a map line's words. */
    static ShortDescriptorEncoder.Attributes attributes(List<String> words, SourcePosition at) {
        MemoryType type = MemoryType.NORMAL;
        boolean shareable = true;
        boolean global = false;
        boolean readOnly = false;
        boolean executeNever = false;
        for (String w : words) {
            switch (w) {
                case "nsh" -> shareable = false;
                case "global" -> global = true;
                case "ro" -> readOnly = true;
                case "xn" -> executeNever = true;
                default -> {
                    MemoryType t = MemoryType.fromWord(w);
                    if (t == null) {
                        throw new ScenarioException(at, "unknown attribute '" + w
                                + "' (expected normal, normal-wt, normal-nc, device, nsh, global, ro or xn)");
                    }
                    type = t;
                }
            }
        }
        return new ShortDescriptorEncoder.Attributes(type, shareable, global, readOnly, executeNever);
    }
}
