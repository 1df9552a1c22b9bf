package dev.stalecheck.program;

import java.util.List;

/**
 * A translation table in simulated RAM, as a thread's context: its format, root (TTBR0) and ASID. The descriptors
 * themselves are initial RAM contents; the model walks them.
 *
 * @param name    the table's name
 * @param format  its descriptor format
 * @param root    physical address of the first-level table (TTBR0)
 * @param asid    its ASID
 * @param regions the physical ranges its tables occupy, as {@code {start, size}} pairs (descriptor lines are relevant)
 * @param high    the TTBR1 root for the upper half of a {@code v8-4k} address space, or -1
 * @param stage2  whether this is a stage-2 table (IPA to PA; 40-bit IPA, start level 1, 8 KB root)
 * @param fwb     with {@code stage2}: FEAT_S2FWB, stage 2 alone decides the memory type
 * @param vmid    with {@code stage2}: its VMID
 * @param via     for a stage-1 table: the stage-2 table its IPAs go through, or null
 * @param walk    the attributes its walks read descriptors with ({@code walk}; write-back when not given)
 */
public record PageTable(String name, TableFormat format, long root, long asid, List<long[]> regions, long high,
                        boolean stage2, boolean fwb, long vmid, PageTable via, WalkAttributes walk) {
    /** Copies the regions. */
    public PageTable {
        regions = List.copyOf(regions);
    }

    /** A stage-1 table not behind a stage 2. */
    public PageTable(String name, TableFormat format, long root, long asid, List<long[]> regions, long high) {
        this(name, format, root, asid, regions, high, false, false, 0, null, WalkAttributes.WRITE_BACK);
    }

    /** A stage-1 table with no upper-half root. */
    public PageTable(String name, TableFormat format, long root, long asid, List<long[]> regions) {
        this(name, format, root, asid, regions, -1);
    }

    /** Whether threads in this table are guests: it is a stage-2 table, or a stage-1 table via one. */
    public boolean guest() {
        return stage2 || via != null;
    }

    /** The stage-2 table of a guest context, or null. */
    public PageTable stage2Table() {
        return stage2 ? this : via;
    }
}
