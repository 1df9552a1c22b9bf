package dev.stalecheck.replay.simulator;

/**
 * One cache as Valgrind's cachegrind simulates it (cg_sim.c): LRU sets of block numbers, most recent first, tags
 * starting at 0; an access that straddles two lines looks both up and is one miss if either misses.
 */
final class CachegrindCache {
    private final int assoc;
    private final int lineBits;
    private final int setsMask;
    private final long[] tags;
    /**
     * Way 0 of each set (a copy of the set's first tag): an access whose lines are each in way 0 of their set is a hit
     * that changes nothing, found with no branch but one.
     */
    private final long[] mru;

    CachegrindCache(Geometry g) {
        int sets = g.sets();
        this.assoc = g.ways();
        this.lineBits = Integer.numberOfTrailingZeros(g.lineBytes());
        this.setsMask = sets - 1;
        this.tags = new long[sets * assoc];
        this.mru = new long[sets];
    }

    /** Whether the access of {@code size} bytes at {@code a} misses (updating LRU state either way). */
    boolean isMiss(long a, int size) {
        long block1 = a >>> lineBits;
        long block2 = (a + size - 1) >>> lineBits;
        long[] m = mru;
        if (((m[(int) block1 & setsMask] ^ block1) | (m[(int) block2 & setsMask] ^ block2)) == 0) {
            return false;
        }
        if (block1 == block2) {
            return setIsMiss((int) (block1 & setsMask), block1);
        }
        boolean miss1 = setIsMiss((int) (block1 & setsMask), block1);
        boolean miss2 = setIsMiss((int) (block2 & setsMask), block2);
        return miss1 || miss2;
    }

    private boolean setIsMiss(int set, long tag) {
        int base = set * assoc;
        long[] t = tags;
        if (t[base] == tag) {
            return false;
        }
        mru[set] = tag;
        for (int i = 1; i < assoc; i++) {
            if (t[base + i] == tag) {
                System.arraycopy(t, base, t, base + 1, i);
                t[base] = tag;
                return false;
            }
        }
        System.arraycopy(t, base, t, base + 1, assoc - 1);
        t[base] = tag;
        return true;
    }
}
