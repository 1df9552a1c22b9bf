package dev.stalecheck.explore;

import java.nio.file.Path;

/**
 * The visited set: each stored 64-bit state fingerprint with its state number, in one open-addressing table with
 * linear probing.
 *
 * <p>Why not a general-purpose map: a large search inserts millions of fingerprints at random places in a table far
 * larger than the processor's caches, so each insert waits for memory. {@link #touch} reads the slot a fingerprint
 * will probe without changing anything; touching a whole batch before inserting it lets the processor wait for all
 * of those misses at once. Fingerprints are already fully mixed, so their low bits pick the slot.
 *
 * <p>Beyond {@code heapLimit} fingerprints the table leaves the heap: the next growth builds it in a
 * {@link MappedFile} instead (8 bytes of fingerprint, then 4 of state number, per slot), which the operating system
 * pages to disk when memory runs short, like TLC's disk-based fingerprint set. The probing and the answers are the
 * same.
 */
final class FingerprintSet implements AutoCloseable {
    /** {@link #add}'s answer when the fingerprint was new and is now stored. */
    static final int ADDED = -1;
    /** {@link #add}'s answer when the fingerprint was new but the limit was reached (nothing stored). */
    static final int FULL = -2;

    private final long heapLimit;
    private final Path spillDir;
    private final int segmentBits;
    private long[] keys;
    private int[] ids;
    private int mask;
    /** The table once it has left the heap (then {@code keys} and {@code ids} are null), its slot mask and ids. */
    private MappedFile table;
    private long tableMask;
    private long idsAt;
    private int zeroId = -1;
    private long size;

    /** A set that stays on the heap. */
    FingerprintSet() {
        this(Long.MAX_VALUE, null);
    }

    /** A set that moves off the heap, to a file in {@code spillDir}, once it holds more than {@code heapLimit}. */
    FingerprintSet(long heapLimit, Path spillDir) {
        this(heapLimit, spillDir, 12, MappedFile.SEGMENT_BITS);
    }

    /** The same, starting with {@code 2^slotBits} slots, spilling to a file mapped in {@code 2^segmentBits} bytes. */
    FingerprintSet(long heapLimit, Path spillDir, int slotBits, int segmentBits) {
        this.heapLimit = heapLimit;
        this.spillDir = spillDir;
        this.segmentBits = segmentBits;
        keys = new long[1 << slotBits];
        ids = new int[1 << slotBits];
        mask = keys.length - 1;
    }

    /** Number of fingerprints stored. */
    long size() {
        return size;
    }

    /** Reads the first slot {@code fp} probes (see the class comment); returns what it read. */
    long touch(long fp) {
        if (table != null) {
            return table.getLong((fp & tableMask) << 3);
        }
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
        if (table != null) {
            return addToTable(fp, id, limit);
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

    private int addToTable(long fp, int id, long limit) {
        long i = fp & tableMask;
        while (true) {
            long k = table.getLong(i << 3);
            if (k == fp) {
                return table.getInt(idsAt + (i << 2));
            }
            if (k == 0) {
                break;
            }
            i = (i + 1) & tableMask;
        }
        if (size >= limit) {
            return FULL;
        }
        table.putLong(i << 3, fp);
        table.putInt(idsAt + (i << 2), id);
        size++;
        if (size * 4 > (tableMask + 1) * 3) {
            moveToTable((tableMask + 1) * 2);
        }
        return ADDED;
    }

    /** Bytes of the table in its spill file (0 while it is on the heap). */
    long spilledBytes() {
        return table == null ? 0 : (tableMask + 1) * 12;
    }

    /** Frees the spill file; the set must not be used afterwards. */
    @Override
    public void close() {
        if (table != null) {
            table.close();
        }
    }

    private void grow() {
        if (size > heapLimit || keys.length >= 1 << 30) {
            if (spillDir == null) {
                throw new IllegalStateException("the visited set cannot grow beyond 2^30 slots on the heap");
            }
            moveToTable(keys.length * 2L);
            return;
        }
        long[] oldKeys = keys;
        int[] oldIds = ids;
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

    /**
     * Rebuilds the set in a new mapped table of {@code slots} slots, from the heap arrays or the previous table
     * (then closed). When the new file cannot be made, the set stays as it was and the {@link SpillException} is
     * thrown.
     */
    private void moveToTable(long slots) {
        if (slots > 1L << 33) {
            throw new SpillException("the visited set cannot grow beyond 2^33 slots");
        }
        MappedFile next = new MappedFile(spillDir, ".visited", segmentBits);
        long nextMask = slots - 1;
        long nextIdsAt = slots * 8;
        try {
            next.ensure(slots * 12);
        } catch (SpillException e) {
            next.close();
            throw e;
        }
        long oldSlots = table != null ? tableMask + 1 : keys.length;
        for (long j = 0; j < oldSlots; j++) {
            long k = table != null ? table.getLong(j << 3) : keys[(int) j];
            if (k != 0) {
                int id = table != null ? table.getInt(idsAt + (j << 2)) : ids[(int) j];
                long i = k & nextMask;
                while (next.getLong(i << 3) != 0) {
                    i = (i + 1) & nextMask;
                }
                next.putLong(i << 3, k);
                next.putInt(nextIdsAt + (i << 2), id);
            }
        }
        if (table != null) {
            table.close();
        }
        table = next;
        tableMask = nextMask;
        idsAt = nextIdsAt;
        keys = null;
        ids = null;
    }
}
