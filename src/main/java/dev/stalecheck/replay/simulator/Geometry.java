package dev.stalecheck.replay.simulator;

/**
 * One trace-replay cache's size, associativity and line size in bytes ({@code --I1 SIZE,ASSOC,LINE}). It is checked
 * when a simulator builds the cache ({@link #sets()}), as cachegrind checks its caches, so that the first cache a
 * rule set builds is the one an error names.
 *
 * @param sizeBytes total capacity
 * @param ways      associativity
 * @param lineBytes line size
 */
public record Geometry(int sizeBytes, int ways, int lineBytes) {
    /** The number of sets; sets and line size must both be powers of two. */
    public int sets() {
        int sets = ways > 0 && lineBytes > 0 ? sizeBytes / (ways * lineBytes) : 0;
        if (Integer.bitCount(lineBytes) != 1 || Integer.bitCount(sets) != 1 || sets * ways * lineBytes != sizeBytes) {
            throw new IllegalArgumentException("cache " + describe() + ": sets and line size must be powers of two");
        }
        return sets;
    }

    /** The cache as reports write it: {@code 32768B 4-way 64B}. */
    public String describe() {
        return sizeBytes + "B " + ways + "-way " + lineBytes + "B";
    }
}
