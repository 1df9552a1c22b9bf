package dev.stalecheck.memory;

import dev.stalecheck.util.Bytes;
import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/**
 * Sparse, byte-addressed, little-endian physical memory as an immutable value.
 *
 * <p>Stored as sorted 8-byte words; a word that holds zero is not stored, so two memories with the
 * same contents have the same representation, fingerprint and {@code equals}. Every write returns a
 * new memory that shares nothing mutable with the old one.
 */
public final class PhysicalMemory {
    private static final PhysicalMemory EMPTY = new PhysicalMemory(new long[0], new long[0], 0);

    private final long[] wordIndexes;
    private final long[] words;
    private final long fingerprint;

    private PhysicalMemory(long[] wordIndexes, long[] words, long fingerprint) {
        this.wordIndexes = wordIndexes;
        this.words = words;
        this.fingerprint = fingerprint;
    }

    /**
     * One word's share of the fingerprint. The fingerprint is the sum of every stored word's share, so a write
     * updates it in constant time; the shares are fully mixed, so the sum keeps its collision resistance.
     */
    private static long share(long index, long value) {
        return Fingerprint.mix(Fingerprint.combine(index, value));
    }

    /** Memory in which every byte is zero. */
    public static PhysicalMemory zeroed() {
        return EMPTY;
    }

    /** The aligned 8-byte word containing {@code pa} (all its bytes). */
    public long word(long pa) {
        int i = Arrays.binarySearch(wordIndexes, pa >>> 3);
        return i >= 0 ? words[i] : 0L;
    }

    /** Reads {@code width} (1, 2, 4 or 8) bytes at {@code pa}, which must be aligned to the width. */
    public long read(long pa, int width) {
        checkAccess(pa, width);
        int shift = (int) (pa & 7) * 8;
        return (word(pa) >>> shift) & Bytes.mask(width);
    }

    /** Writes the low {@code width} bytes of {@code value} at aligned {@code pa}. */
    public PhysicalMemory write(long pa, int width, long value) {
        checkAccess(pa, width);
        long old = word(pa);
        int shift = (int) (pa & 7) * 8;
        long m = Bytes.mask(width) << shift;
        return withWord(pa, (old & ~m) | ((value << shift) & m));
    }

    /** The {@code count} words starting at the 8-byte aligned {@code pa} (a line's bytes). */
    public long[] readWords(long pa, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = word(pa + 8L * i);
        }
        return out;
    }

    /** Replaces the aligned 8-byte word at {@code pa}. */
    public PhysicalMemory withWord(long pa, long value) {
        long index = pa >>> 3;
        int i = Arrays.binarySearch(wordIndexes, index);
        if (i >= 0) {
            if (words[i] == value) {
                return this;
            }
            long fp = fingerprint - share(index, words[i]);
            if (value == 0) {
                return new PhysicalMemory(remove(wordIndexes, i), remove(words, i), fp);
            }
            long[] w = words.clone();
            w[i] = value;
            return new PhysicalMemory(wordIndexes, w, fp + share(index, value));
        }
        if (value == 0) {
            return this;
        }
        int at = -i - 1;
        return new PhysicalMemory(insert(wordIndexes, at, index), insert(words, at, value),
                fingerprint + share(index, value));
    }

    /**
     * Replaces the {@code values.length} aligned words starting at the 8-byte aligned {@code pa} (a line's bytes) in
     * one copy: the same memory as writing them one by one with {@link #withWord}.
     */
    public PhysicalMemory withWords(long pa, long[] values) {
        long first = pa >>> 3;
        int lo = lowerBound(first);
        int hi = lowerBound(first + values.length);
        int nonZero = 0;
        for (long v : values) {
            if (v != 0) {
                nonZero++;
            }
        }
        if (nonZero == hi - lo && sameRange(lo, first, values)) {
            return this;
        }
        long fp = fingerprint;
        for (int i = lo; i < hi; i++) {
            fp -= share(wordIndexes[i], words[i]);
        }
        int length = words.length - (hi - lo) + nonZero;
        long[] indexes = new long[length];
        long[] contents = new long[length];
        System.arraycopy(wordIndexes, 0, indexes, 0, lo);
        System.arraycopy(words, 0, contents, 0, lo);
        int at = lo;
        for (int k = 0; k < values.length; k++) {
            if (values[k] != 0) {
                indexes[at] = first + k;
                contents[at] = values[k];
                fp += share(first + k, values[k]);
                at++;
            }
        }
        System.arraycopy(wordIndexes, hi, indexes, at, words.length - hi);
        System.arraycopy(words, hi, contents, at, words.length - hi);
        return new PhysicalMemory(indexes, contents, fp);
    }

    /** Whether the stored words {@code lo..} are exactly the non-zero {@code values} at their indexes. */
    private boolean sameRange(int lo, long first, long[] values) {
        int i = lo;
        for (int k = 0; k < values.length; k++) {
            if (values[k] != 0) {
                if (wordIndexes[i] != first + k || words[i] != values[k]) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    private int lowerBound(long index) {
        int i = Arrays.binarySearch(wordIndexes, index);
        return i >= 0 ? i : -i - 1;
    }

    /** Number of stored (non-zero) words. */
    public int storedWords() {
        return words.length;
    }

    /** Byte address of the {@code i}-th stored word, ascending. */
    public long storedAddress(int i) {
        return wordIndexes[i] << 3;
    }

    /** The {@code i}-th stored word. */
    public long storedWord(int i) {
        return words[i];
    }

    /** A 64-bit fingerprint of the contents. */
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhysicalMemory m && fingerprint == m.fingerprint
                && Arrays.equals(wordIndexes, m.wordIndexes) && Arrays.equals(words, m.words);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    private static void checkAccess(long pa, int width) {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new IllegalArgumentException("access width " + width + " bytes: must be 1, 2, 4 or 8");
        }
        if ((pa & (width - 1)) != 0) {
            throw new IllegalArgumentException("address 0x" + Long.toHexString(pa) + " is not aligned to " + width + " bytes");
        }
    }

    private static long[] remove(long[] a, int i) {
        long[] out = new long[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }
}
