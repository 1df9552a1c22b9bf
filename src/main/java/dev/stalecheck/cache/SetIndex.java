package dev.stalecheck.cache;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.Indexing;

/**
 * The index function of one cache: which set a (physical address, colour) selects, and the colour of an address.
 *
 * <p>The set index is address bits [lineShift, lineShift + setBits). For PIPT all of them come from the
 * physical address. For VIPT the bits at and above the page shift come from the virtual address: they
 * are the line's <em>colour</em>, so one physical line may sit in as many sets as there are colours.
 */
public final class SetIndex {
    private final int lineShift;
    private final int setBits;
    private final int pageShift;
    private final int colourBits;
    private final int sets;

    /** Builds the index function of {@code level} for pages of {@code pageBytes}. */
    public SetIndex(CacheLevelConfig level, int pageBytes) {
        this.lineShift = level.geometry().lineShift();
        this.setBits = level.geometry().setBits();
        this.sets = level.geometry().sets();
        this.pageShift = Integer.numberOfTrailingZeros(pageBytes);
        int aliasBits = lineShift + setBits - pageShift;
        this.colourBits = level.indexing() == Indexing.VIPT ? Math.max(0, aliasBits) : 0;
    }

    /** Number of colours (1 unless an aliasing VIPT cache). */
    public int colours() {
        return 1 << colourBits;
    }

    /** Number of sets. */
    public int sets() {
        return sets;
    }

    /** The colour a virtual address (or a physical one with the MMU off) selects. */
    public int colourOf(long virtualAddress) {
        return colourBits == 0 ? 0 : (int) ((virtualAddress >>> pageShift) & ((1 << colourBits) - 1));
    }

    /** The set holding physical address {@code pa} in {@code colour}. */
    public int setOf(long pa, int colour) {
        int set = (int) ((pa >>> lineShift) & (sets - 1));
        if (colourBits == 0) {
            return set;
        }
        int lowBits = pageShift - lineShift;
        return (set & ((1 << lowBits) - 1)) | (colour << lowBits);
    }

    /** The colour a set belongs to. */
    public int colourOfSet(int set) {
        return colourBits == 0 ? 0 : set >>> (pageShift - lineShift);
    }

    /** The line-aligned address of {@code pa}. */
    public long lineAddress(long pa) {
        return pa & -(1L << lineShift);
    }
}
