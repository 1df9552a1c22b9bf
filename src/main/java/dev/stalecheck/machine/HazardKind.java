package dev.stalecheck.machine;

/** The hazards a step can reveal, with the names reports use. */
public enum HazardKind {
    /** A non-cacheable access to a line some cache holds dirty. */
    NC_DIRTY_ALIAS("nc-dirty-alias"),
    /** A by-VA maintenance operation whose translation faulted (it did nothing). */
    MAINTENANCE_FAULT("maintenance-fault"),
    /** A table walk read a descriptor older than a dirty copy in a level it did not look in. */
    STALE_WALK("stale-walk"),
    /** Two lines of one cache hold one physical line with different bytes. */
    ALIAS_DIVERGENCE("alias-divergence"),
    /**
     * A non-coherent device wrote bytes of a line that a cache the device did not write holds dirty with other bytes:
     * writing that line back will overwrite (lose) the device's data.
     */
    LOST_DEVICE_WRITE("lost-device-write"),
    /** A TLB filled with an entry that conflicts with one it holds (a remap without break-before-make). */
    TLB_CONFLICT("tlb-conflict");

    private final String word;

    HazardKind(String word) {
        this.word = word;
    }

    /** The hazard's name in reports. */
    public String word() {
        return word;
    }
}
