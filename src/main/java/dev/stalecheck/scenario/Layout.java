package dev.stalecheck.scenario;

import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.WalkAttributes;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/** One page table laid out in simulated RAM, whatever its format. */
interface Layout {
    /** Adds one {@code map} line. */
    void map(long va, long oa, long size, DescriptorKind kind, List<String> attributes, Iterator<Long> tables,
             SourcePosition at);

    /** Every descriptor word by physical address, ascending. */
    void forEachWord(BiConsumer<Long, Long> action);

    /** Bytes per descriptor (4 or 8). */
    int wordBytes();

    /** The ranges the tables occupy. */
    List<long[]> regions();

    /** The program's view of the table. */
    PageTable pageTable();

    /** Sets the attributes its walks read descriptors with ({@code walk}). */
    void walk(WalkAttributes attributes);

    /** {@code entry(PT, VA [, LEVEL])}: the descriptor a walk reads at {@code level} (-1: the leaf). */
    long entry(long va, int level, SourcePosition at);

    /** The first descriptor a walk of {@code va} reads, or null if no walk of it reads any. */
    Long rootEntry(long va);

    /** The physical address {@code va} maps to in the initial tables, or null. */
    Long translate(long va);

    /** {@code desc(PT, KIND, OA, ATTR...)}. */
    long descriptor(DescriptorKind kind, long oa, List<String> attributes, SourcePosition at);

    /** A descriptor in words, for {@code explain}. */
    String describe(long pa, long word);
}
