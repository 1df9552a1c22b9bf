package dev.stalecheck.explore;

/**
 * The visited set: each stored 64-bit state fingerprint with its state number, in one open-addressing table with
 * linear probing.
 *
 * <p>Why not a general-purpose map: a large search inserts millions of fingerprints at random places in a table far
 * larger than the processor's caches, so each insert waits for memory. {@link #touch} reads the slot a fingerprint
 * will probe without changing anything; touching a whole batch before inserting it lets the processor wait for all
 * of those misses at once. Fingerprints are already fully mixed, so their low bits pick the slot.
 */
final class FingerprintSet {
    /** {@link #add}'s answer when the fingerprint was new and is now stored. */
    static final int ADDED = -1;
    /** {@link #add}'s answer when the fingerprint was new but the limit was reached (nothing stored). */
    static final int FULL = -2;

    private long[] keys = new long[1 << 12];
    private int[] ids = new int[1 << 12];
    private int mask = keys.length - 1;
    private int zeroId = -1;
    private long size;

    /** Number of fingerprints stored. */
    long size() {
        return size;
    }

    /** Reads the first slot {@code fp} probes (see the class comment); returns what it read. */
    long touch(long fp) {
        int i = (int) fp & mask;
        return keys[i] + ids[i];
    }

    /**
     * Stores {@code fp} with state number {@code id} unless present: {@link #ADDED}, {@link #FULL} when it is new
     * and {@code limit} fingerprints are already stored (then nothing is stored), or the number stored with it.
     */
    int add(long fp, int id, long limit) {
        if (fp == 0) {
            if (zeroId >= 0) {
                return zeroId;
            }
            if (size >= limit) {
                return FULL;
            }
            zeroId = id;
            size++;
            return ADDED;
        }
        int i = (int) fp & mask;
        while (true) {
            long k = keys[i];
            if (k == fp) {
                return ids[i];
            }
            if (k == 0) {
                break;
            }
            i = (i + 1) & mask;
        }
        if (size >= limit) {
            return FULL;
        }
        keys[i] = fp;
        ids[i] = id;
        size++;
        if (size * 4 > keys.length * 3L) {
            grow();
        }
        return ADDED;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldIds = ids;
        if (oldKeys.length >= 1 << 30) {
            throw new IllegalStateException("the visited set cannot grow beyond 2^30 slots");
        }
        keys = new long[oldKeys.length * 2];
        ids = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != 0) {
                int i = (int) k & mask;
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                ids[i] = oldIds[j];
            }
        }
    }
}
