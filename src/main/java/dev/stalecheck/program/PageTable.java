package dev.stalecheck.program;

import java.util.List;

/**
 * A translation table in simulated RAM, as a thread's context: its format, root (TTBR0) and ASID. The descriptors
 * themselves are initial RAM contents; the model walks them.
 *
 * @param name    the table's name
 * @param format  {@code v7-short}
 * @param root    physical address of the first-level table (TTBR0)
 * @param asid    its ASID
 * @param regions the physical ranges its tables occupy, as {@code {start, size}} pairs (descriptor lines are relevant)
 * @param high    the TTBR1 root for the upper half of a {@code v8-4k} address space, or -1
 */
public record PageTable(String name, String format, long root, long asid, List<long[]> regions, long high) {
    /** Copies the regions. */
    public PageTable {
        regions = List.copyOf(regions);
    }

    /** A table with no upper-half root. */
    public PageTable(String name, String format, long root, long asid, List<long[]> regions) {
        this(name, format, root, asid, regions, -1);
    }
}
