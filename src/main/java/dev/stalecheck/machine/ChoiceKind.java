package dev.stalecheck.machine;

/** The places where the hardware may go more than one way within a step. */
public enum ChoiceKind {
    /** {@code invalidate any}: discard or clean, fixed once per level per execution. */
    INVALIDATE,
    /** {@code disabled-hits any}: no or yes, fixed once per execution. */
    DISABLED_HITS,
    /** A non-cacheable read of a line held dirty: RAM or one of the dirty copies. */
    NON_CACHEABLE_SOURCE,
    /** A coherent read of a line dirty in another cpu: the owner keeps it dirty, or the dirty line migrates. */
    OWNERSHIP,
    /**
     * A coherent read where a non-coherent write left clean copies differing from the usual source: that source, or
     * one of those copies.
     */
    CLEAN_SUPPLIER,
    /** The way a fill into a full set evicts (or the entry a fill into a full TLB drops). */
    VICTIM,
    /** A TLB holding several entries that translate one address: which one a translation uses. */
    TLB_ENTRY,
    /** {@code walker any}: the level a descriptor read starts at, chosen per read. */
    WALKER
}
