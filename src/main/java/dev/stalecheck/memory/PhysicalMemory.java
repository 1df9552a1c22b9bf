package dev.stalecheck.memory;

import dev.stalecheck.util.Bytes;
import dev.stalecheck.util.Fingerprint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sparse, byte-addressed, little-endian physical memory as an immutable value.
 *
 * <p>Stored as sorted 64-byte blocks of eight 8-byte words; a block whose words are all zero is not stored, so two
 * memories with the same contents have the same representation, fingerprint and {@code equals}. Every write
 * returns a new memory that shares every block it did not change with the old one (blocks are never modified),
 * so a write copies one block and the block table, not the whole memory.
 */
public final class PhysicalMemory {
    private static final int BLOCK_WORDS = 8;
    private static final PhysicalMemory EMPTY = new PhysicalMemory(new long[0], new long[0][], 0);

    /** Block numbers (byte address / 64), ascending, and each block's words. */
    private final long[] blockNumbers;
    private final long[][] blocks;
    private final long fingerprint;

    private PhysicalMemory(long[] blockNumbers, long[][] blocks, long fingerprint) {
        this.blockNumbers = blockNumbers;
        this.blocks = blocks;
        this.fingerprint = fingerprint;
    }

    /**
     * One non-zero word's share of the fingerprint. The fingerprint is the sum of every non-zero word's share, so a
     * write updates it in constant time; the shares are fully mixed, so the sum keeps its collision resistance.
     */
    private static long share(long wordIndex, long value) {
        return value == 0 ? 0 : Fingerprint.mix(Fingerprint.combine(wordIndex, value));
    }

    /** Memory in which every byte is zero. */
    public static PhysicalMemory zeroed() {
        return EMPTY;
    }

    /** The aligned 8-byte word containing {@code pa} (all its bytes). */
    public long word(long pa) {
        int i = Arrays.binarySearch(blockNumbers, pa >>> 6);
        return i >= 0 ? blocks[i][(int) ((pa >>> 3) & (BLOCK_WORDS - 1))] : 0L;
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
        return withWords(pa & ~7L, new long[] {value});
    }

    /**
     * Replaces the {@code values.length} aligned words starting at the 8-byte aligned {@code pa} (a line's bytes):
     * the same memory as writing them one by one with {@link #withWord}.
     */
    public PhysicalMemory withWords(long pa, long[] values) {
        PhysicalMemory m = this;
        long first = pa >>> 3;
        int k = 0;
        while (k < values.length) {
            long wordIndex = first + k;
            int offset = (int) (wordIndex & (BLOCK_WORDS - 1));
            int n = Math.min(values.length - k, BLOCK_WORDS - offset);
            m = m.withBlockPart(wordIndex >>> 3, offset, values, k, n);
            k += n;
        }
        return m;
    }

    /** This memory with words {@code offset..offset+n-1} of block {@code block} set to {@code values[from..]}. */
    private PhysicalMemory withBlockPart(long block, int offset, long[] values, int from, int n) {
        int i = Arrays.binarySearch(blockNumbers, block);
        long[] old = i >= 0 ? blocks[i] : null;
        long fp = fingerprint;
        boolean changed = false;
        for (int j = 0; j < n; j++) {
            long before = old == null ? 0 : old[offset + j];
            long after = values[from + j];
            if (before != after) {
                changed = true;
                long index = (block << 3) + offset + j;
                fp += share(index, after) - share(index, before);
            }
        }
        if (!changed) {
            return this;
        }
        long[] words = old == null ? new long[BLOCK_WORDS] : old.clone();
        System.arraycopy(values, from, words, offset, n);
        boolean zero = true;
        for (long w : words) {
            zero &= w == 0;
        }
        if (i >= 0) {
            if (zero) {
                return new PhysicalMemory(remove(blockNumbers, i), remove(blocks, i), fp);
            }
            long[][] b = blocks.clone();
            b[i] = words;
            return new PhysicalMemory(blockNumbers, b, fp);
        }
        int at = -i - 1;
        return new PhysicalMemory(insert(blockNumbers, at, block), insert(blocks, at, words), fp);
    }

    /** Number of stored (non-zero) words. */
    public int storedWords() {
        int n = 0;
        for (long[] b : blocks) {
            for (long w : b) {
                n += w != 0 ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The first {@code max} stored (non-zero) words in ascending address order, each as {byte address, word}: one
     * pass over the blocks, however many words are asked for.
     */
    public List<long[]> storedWords(int max) {
        List<long[]> out = new ArrayList<>();
        for (int b = 0; b < blocks.length && out.size() < max; b++) {
            for (int w = 0; w < BLOCK_WORDS && out.size() < max; w++) {
                if (blocks[b][w] != 0) {
                    out.add(new long[] {((blockNumbers[b] << 3) + w) << 3, blocks[b][w]});
                }
            }
        }
        return out;
    }

    /** A 64-bit fingerprint of the contents. */
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhysicalMemory m && fingerprint == m.fingerprint
                && Arrays.equals(blockNumbers, m.blockNumbers) && Arrays.deepEquals(blocks, m.blocks);
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

    private static long[][] remove(long[][] a, int i) {
        long[][] out = new long[a.length - 1][];
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

    private static long[][] insert(long[][] a, int at, long[] v) {
        long[][] out = new long[a.length + 1][];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }
}
