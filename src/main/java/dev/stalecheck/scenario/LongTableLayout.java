package dev.stalecheck.scenario;

import dev.stalecheck.mmu.LongDescriptor;
import dev.stalecheck.mmu.ShortDescriptorEncoder;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.WalkAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A long-descriptor page table (4 KB granule) in simulated RAM: {@code v8-4k} (levels 0 to 3, 48-bit addresses, a
 * 4 KB root for TTBR0 and an optional {@code high} root for TTBR1) or {@code v7-lpae} (levels 1 to 3, 32-bit
 * addresses, a 32-byte first-level table). Next-level tables not given with {@code table} go to the next free 4 KB
 * frame after the highest table, in order of first need. {@code block} maps 1 GB at level 1 when address and size
 * allow it, else 2 MB at level 2; {@code page} maps 4 KB at level 3.
 */
final class LongTableLayout implements Layout {
    private final String name;
    private final TableFormat format;
    private final boolean v8;
    private final long root;
    private final long high;
    private final long asid;
    private final boolean stage2;
    private final boolean fwb;
    private final long vmid;
    private PageTable via;
    private WalkAttributes walk = WalkAttributes.WRITE_BACK;
    private final Map<Long, Long> words = new TreeMap<>(Long::compareUnsigned);
    private final Map<String, Long> tables = new HashMap<>();
    private final List<long[]> regions = new ArrayList<>();
    private long highest;

    LongTableLayout(String name, TableFormat format, long root, long high, long asid, SourcePosition at) {
        this(name, format, root, high, asid, false, false, 0, at);
    }

    /** A table; with {@code stage2}, a v8-4k stage-2 table: 40-bit IPAs, start level 1, an 8 KB root. */
    LongTableLayout(String name, TableFormat format, long root, long high, long asid, boolean stage2, boolean fwb,
                    long vmid, SourcePosition at) {
        this.name = name;
        this.format = format;
        this.v8 = format == TableFormat.V8_4K;
        this.stage2 = stage2;
        this.fwb = fwb;
        this.vmid = vmid;
        if (stage2 && !v8) {
            throw new ScenarioException(at, "stage-2 tables use the v8-4k format");
        }
        long rootSize = stage2 ? 8192 : v8 ? 4096 : 32;
        if ((root & (rootSize - 1)) != 0 || (high >= 0 && (high & 4095) != 0)) {
            throw new ScenarioException(at, "a " + format.word() + " root must be aligned to " + rootSize + " bytes");
        }
        if (high >= 0 && !v8) {
            throw new ScenarioException(at, "'high' (TTBR1) is for the v8-4k format");
        }
        this.root = root;
        this.high = high;
        this.asid = asid;
        regions.add(new long[] {root, rootSize});
        highest = root + rootSize;
        if (high >= 0) {
            regions.add(new long[] {high, 4096});
            highest = Math.max(highest, high + 4096);
        }
    }

    private int startLevel() {
        return v8 && !stage2 ? 0 : 1;
    }

    /** Makes this stage-1 table go through a stage-2 table (its addresses are IPAs). */
    void via(PageTable s2) {
        this.via = s2;
    }

    private long rootFor(long va, SourcePosition at) {
        if (stage2) {
            if ((va >>> 40) != 0) {
                throw new ScenarioException(at, "a stage-2 table maps 40-bit intermediate physical addresses");
            }
            return root;
        }
        if (!v8) {
            if ((va >>> 32) != 0) {
                throw new ScenarioException(at, "v7-lpae maps 32-bit virtual addresses");
            }
            return root;
        }
        long top = va >>> 48;
        if (top == 0) {
            return root;
        }
        if (top == 0xFFFF && high >= 0) {
            return high;
        }
        throw new ScenarioException(at, "0x" + Long.toHexString(va) + " is in neither half of the 48-bit address"
                + " space" + (top == 0xFFFF ? " (the upper half needs 'high PA')" : ""));
    }

    private static int shift(int level) {
        return 12 + 9 * (3 - level);
    }

    private long index(long va, int level) {
        if (stage2 && level == 1) {
            return (va >>> 30) & 1023;
        }
        return (va >>> shift(level)) & (!v8 && level == 1 ? 3 : 511);
    }

    /** The table at {@code level} covering {@code va}, creating it (and its parents' entries) when {@code create}. */
    private Long tableAt(long va, int level, Iterator<Long> explicit, boolean create, SourcePosition at) {
        long base = rootFor(va, at);
        for (int l = startLevel(); l < level; l++) {
            long entry = base + index(va, l) * 8;
            Long w = words.get(entry);
            if (w == null) {
                if (!create) {
                    return null;
                }
                long table;
                if (explicit.hasNext()) {
                    table = explicit.next();
                    if ((table & 4095) != 0) {
                        throw new ScenarioException(at, "a next-level table must be aligned to 4K");
                    }
                } else {
                    table = (highest + 4095) & -4096L;
                }
                for (long[] r : regions) {
                    if (TableLayout.overlaps(r[0], r[1], table, 4096)) {
                        throw new ScenarioException(at, "table 0x" + Long.toHexString(table)
                                + " overlaps another table of " + name);
                    }
                }
                regions.add(new long[] {table, 4096});
                highest = Math.max(highest, table + 4096);
                words.put(entry, LongDescriptor.table(table));
                base = table;
            } else {
                LongDescriptor d = new LongDescriptor(w, l);
                if (d.type() != LongDescriptor.Type.TABLE) {
                    throw new ScenarioException(at, "virtual address 0x" + Long.toHexString(va)
                            + " is already mapped by a block in " + name);
                }
                base = d.outputAddress();
            }
        }
        return base;
    }

    @Override
    public void map(long va, long oa, long size, DescriptorKind kind, List<String> attributes, Iterator<Long> explicit,
                    SourcePosition at) {
        int level = switch (kind) {
            case PAGE -> 3;
            case BLOCK -> (va & ((1L << 30) - 1)) == 0 && (oa & ((1L << 30) - 1)) == 0 && size % (1L << 30) == 0
                    ? 1 : 2;
            case SECTION, SUPERSECTION, LARGE_PAGE -> throw new ScenarioException(at, "'" + kind.word()
                    + "' is a v7-short kind; " + format.word() + " maps block or page");
            case TABLE, FAULT -> throw new AssertionError("a map line of kind " + kind.word());
        };
        long unit = 1L << shift(level);
        if (size == 0 || size % unit != 0 || va % unit != 0 || oa % unit != 0) {
            throw new ScenarioException(at, "a " + kind.word() + " map needs its address, output address and size"
                    + " aligned to 0x" + Long.toHexString(unit));
        }
        if (Long.compareUnsigned(oa + size - 1, (1L << (v8 && !stage2 ? 48 : 40)) - 1) > 0) {
            throw new ScenarioException(at, "output address beyond " + (v8 ? 48 : 40) + " bits");
        }
        ShortDescriptorEncoder.Attributes a = TableLayout.attributes(attributes, at);
        for (long off = 0; off < size; off += unit) {
            long v = va + off;
            long table = tableAt(v, level, explicit, true, at);
            long entry = table + index(v, level) * 8;
            if (words.containsKey(entry)) {
                throw new ScenarioException(at, "virtual address 0x" + Long.toHexString(v) + " is already mapped in "
                        + name);
            }
            words.put(entry, (stage2 ? LongDescriptor.stage2Leaf(level, oa + off, a.type(), a.shareable(), a.readOnly())
                    : LongDescriptor.leaf(level, oa + off, a.type(), a.shareable(), a.global(), a.readOnly()))
                    | LongDescriptor.executeNeverBits(a.executeNever(), stage2));
        }
    }

    @Override
    public void forEachWord(BiConsumer<Long, Long> action) {
        words.forEach(action);
    }

    @Override
    public int wordBytes() {
        return 8;
    }

    @Override
    public List<long[]> regions() {
        return regions;
    }

    @Override
    public PageTable pageTable() {
        return new PageTable(name, format, root, asid, regions, high, stage2, fwb, vmid, via, walk);
    }

    @Override
    public void walk(WalkAttributes attributes) {
        this.walk = attributes;
    }

    @Override
    public long entry(long va, int level, SourcePosition at) {
        int first = startLevel();
        if (level >= 0 && (level < first || level > 3)) {
            throw new ScenarioException(at, format.word() + " walks have levels " + first + " to 3");
        }
        long base = rootFor(va, at);
        for (int l = first; l <= 3; l++) {
            long entry = base + index(va, l) * 8;
            if (l == level) {
                return entry;
            }
            Long w = words.get(entry);
            if (w == null) {
                if (level < 0) {
                    throw new ScenarioException(at, "0x" + Long.toHexString(va) + " is not mapped in " + name);
                }
                throw new ScenarioException(at, "no level-" + (l + 1) + " table covers 0x" + Long.toHexString(va)
                        + " in " + name);
            }
            LongDescriptor d = new LongDescriptor(w, l);
            if (d.type() != LongDescriptor.Type.TABLE) {
                if (level < 0) {
                    return entry;
                }
                throw new ScenarioException(at, "0x" + Long.toHexString(va) + " is mapped by a block at level " + l);
            }
            base = d.outputAddress();
        }
        throw new ScenarioException(at, "0x" + Long.toHexString(va) + " is not mapped in " + name);
    }

    @Override
    public Long rootEntry(long va) {
        try {
            return rootFor(va, null) + index(va, startLevel()) * 8;
        } catch (ScenarioException e) {
            return null;
        }
    }

    @Override
    public Long translate(long va) {
        long base;
        try {
            base = rootFor(va, null);
        } catch (ScenarioException e) {
            return null;
        }
        for (int l = startLevel(); l <= 3; l++) {
            Long w = words.get(base + index(va, l) * 8);
            if (w == null) {
                return null;
            }
            LongDescriptor d = new LongDescriptor(w, l);
            if (d.type() == LongDescriptor.Type.TABLE) {
                base = d.outputAddress();
                continue;
            }
            return d.type() == LongDescriptor.Type.INVALID ? null : d.outputAddress() + (va & (d.size() - 1));
        }
        return null;
    }

    @Override
    public long descriptor(DescriptorKind kind, long oa, List<String> attributes, SourcePosition at) {
        ShortDescriptorEncoder.Attributes a = TableLayout.attributes(attributes, at);
        long xn = LongDescriptor.executeNeverBits(a.executeNever(), stage2);
        if (stage2 && (kind == DescriptorKind.BLOCK || kind == DescriptorKind.PAGE)) {
            return LongDescriptor.stage2Leaf(kind == DescriptorKind.PAGE ? 3 : 2, oa, a.type(), a.shareable(),
                    a.readOnly()) | xn;
        }
        return switch (kind) {
            case BLOCK -> LongDescriptor.leaf(2, oa, a.type(), a.shareable(), a.global(), a.readOnly()) | xn;
            case PAGE -> LongDescriptor.leaf(3, oa, a.type(), a.shareable(), a.global(), a.readOnly()) | xn;
            case TABLE -> LongDescriptor.table(oa);
            case FAULT -> 0;
            case SECTION, SUPERSECTION, LARGE_PAGE -> throw new ScenarioException(at, "unknown descriptor kind '"
                    + kind.word() + "' for " + format.word() + " (expected block, page, table or fault)");
        };
    }

    @Override
    public String describe(long pa, long word) {
        long[] table = tableOf(pa);
        int level = (int) table[1];
        long span = stage2 && level == 1 || !v8 && level == 1 ? 1L << 30 : 1L << shift(level);
        long from = table[2] + (pa - table[0]) / 8 * span;
        LongDescriptor d = new LongDescriptor(word, level);
        return "level " + level + " " + (stage2 ? "IPA " : "VA ") + VaRange.of(from, span) + " " + switch (d.type()) {
            case TABLE -> "-> next-level table 0x" + Long.toHexString(d.outputAddress());
            case INVALID -> "invalid";
            default -> stage2
                    ? d.type().name().toLowerCase(Locale.ROOT) + " -> PA 0x" + Long.toHexString(d.outputAddress()) + " "
                        + d.stage2MemoryType().word() + (d.stage2ReadOnly() ? " ro" : "")
                        + (d.stage2ExecuteNever() ? " xn" : "")
                    : d.type().name().toLowerCase(Locale.ROOT) + " -> 0x" + Long.toHexString(d.outputAddress()) + " "
                        + d.memoryType().word() + (d.shareable() ? "" : " nsh") + (d.nG() == 0 ? " global" : "")
                        + (d.readOnly() ? " ro" : "") + (d.executeNever() ? " xn" : "");
        };
    }

    /**
     * The table a descriptor address lies in, found by walking the layout's tables from the roots: its base, its level
     * and the first address its first entry covers.
     */
    private long[] tableOf(long pa) {
        Map<Long, long[]> tables = new HashMap<>();
        tables.put(root, new long[] {root, startLevel(), 0});
        if (high >= 0) {
            tables.put(high, new long[] {high, startLevel(), 0xFFFF_0000_0000_0000L});
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, Long> e : words.entrySet()) {
                long[] t = containing(tables, e.getKey());
                if (t != null && t[1] < 3) {
                    LongDescriptor d = new LongDescriptor(e.getValue(), (int) t[1]);
                    if (d.type() == LongDescriptor.Type.TABLE && !tables.containsKey(d.outputAddress())) {
                        long span = stage2 && t[1] == 1 || !v8 && t[1] == 1 ? 1L << 30 : 1L << shift((int) t[1]);
                        tables.put(d.outputAddress(), new long[] {d.outputAddress(), t[1] + 1,
                            t[2] + (e.getKey() - t[0]) / 8 * span});
                        grew = true;
                    }
                }
            }
        }
        long[] t = containing(tables, pa);
        return t == null ? new long[] {pa & -4096L, 3, 0} : t;
    }

    /** The table holding {@code pa}: a 4 KB table, the 8 KB stage-2 root, or v7-lpae's 32-byte first level. */
    private long[] containing(Map<Long, long[]> tables, long pa) {
        if (stage2 && Long.compareUnsigned(pa - root, 8192) < 0) {
            return tables.get(root);
        }
        long[] t = tables.get(pa & -4096L);
        if (t == null && !v8) {
            t = tables.get(pa & -32L);
        }
        return t;
    }
}
