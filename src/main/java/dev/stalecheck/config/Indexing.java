package dev.stalecheck.config;

/** How a cache chooses the set of an address: by physical address, or by virtual address with physical tags. */
public enum Indexing {
    /** Physically indexed, physically tagged: one set per physical line. */
    PIPT("pipt"),
    /** Virtually indexed, physically tagged: a way larger than a page has colours (ARMv6-style aliasing). */
    VIPT("vipt");

    private final String word;

    Indexing(String word) {
        this.word = word;
    }

    /** The word the scenario language uses. */
    public String word() {
        return word;
    }
}
