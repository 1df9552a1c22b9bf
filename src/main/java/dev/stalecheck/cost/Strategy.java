package dev.stalecheck.cost;

import dev.stalecheck.config.Architecture;

/** The ways to clean and/or invalidate a buffer that {@code stalecheck cost} compares. */
public enum Strategy {
    /** A {@code dc ivac} loop over the buffer's lines, then a barrier. */
    IVAC_LOOP("dc ivac loop", true),
    /** A {@code dc civac} loop, then a barrier. */
    CIVAC_LOOP("dc civac loop", true),
    /** A {@code dc cvac} loop, a barrier, a {@code dc ivac} loop, a barrier. */
    CVAC_THEN_IVAC("dc cvac then dc ivac", true),
    /** {@code dc cisw} over every set and way of every data level, innermost first, then a barrier. */
    SET_WAY("set/way over every level", false),
    /** One whole-level clean+invalidate per data level, innermost first, then a barrier. */
    WHOLE_LEVEL("whole-level operations", false);

    private final String title;
    private final boolean byAddress;

    Strategy(String title, boolean byAddress) {
        this.title = title;
        this.byAddress = byAddress;
    }

    /** The strategy in words. */
    public String title() {
        return title;
    }

    /**
     * Whether a core of {@code architecture} has the instructions: the whole-level operations (clean and/or
     * invalidate entire data cache, CP15 c7) are ARMv6's; ARMv7-A and ARMv8-A have only set/way and by-VA ones.
     */
    public boolean existsOn(Architecture architecture) {
        return this != WHOLE_LEVEL || architecture == Architecture.ARMV6;
    }

    /** Whether it works line by line on the buffer's addresses. */
    public boolean byAddress() {
        return byAddress;
    }
}
