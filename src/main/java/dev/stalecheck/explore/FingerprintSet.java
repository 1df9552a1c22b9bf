package dev.stalecheck.explore;

/**
 * The visited set: 64-bit state fingerprints in one open-addressing table with linear probing.
 *
 * <p>Why not a general-purpose set: a large search inserts millions of fingerprints at random places in a table far
 * larger than the processor's caches, so each insert waits for memory. {@link #touch} reads the slot a fingerprint
 * will probe without changing anything; touching a whole batch before inserting it lets the processor wait for all
 * of those misses at once. Fingerprints are already fully mixed, so their low bits pick the slot.
 */
final class FingerprintSet {
    /** The insert's result. */
    enum Added { NEW, PRESENT, FULL }

    private long[] table = new long[1 << 12];
    private int mask = table.length - 1;
    private boolean hasZero;
    private long size;

    /** Number of fingerprints stored. */
    long size() {
        return size;
    }

    /** Reads the first slot {@code fp} probes (see the class comment); returns what it read. */
    long touch(long fp) {
        return table[(int) fp & mask];
    }

    /**
     * Stores {@code fp} unless present; when it is new and {@code limit} are already stored, stores nothing and
     * says so.
     */
    Added add(long fp, long limit) {
        if (fp == 0) {
            if (hasZero) {
                return Added.PRESENT;
            }
            if (size >= limit) {
                return Added.FULL;
            }
            hasZero = true;
            size++;
            return Added.NEW;
        }
        int i = (int) fp & mask;
        while (true) {
            long k = table[i];
            if (k == fp) {
                return Added.PRESENT;
            }
            if (k == 0) {
                break;
            }
            i = (i + 1) & mask;
        }
        if (size >= limit) {
            return Added.FULL;
        }
        table[i] = fp;
        size++;
        if (size * 4 > table.length * 3L) {
            grow();
        }
        return Added.NEW;
    }

    private void grow() {
        long[] old = table;
        if (old.length >= 1 << 30) {
            throw new IllegalStateException("the visited set cannot grow beyond 2^30 slots");
        }
        table = new long[old.length * 2];
        mask = table.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = (int) k & mask;
                while (table[i] != 0) {
                    i = (i + 1) & mask;
                }
                table[i] = k;
            }
        }
    }
}
