package dev.stalecheck.util;

/** Little-endian reads and writes of 1, 2, 4 or 8 bytes inside an array of 64-bit words. */
public final class Bytes {
    private Bytes() {
    }

    /** The all-ones mask of a {@code width}-byte value. */
    public static long mask(int width) {
        return width >= 8 ? -1L : (1L << (width * 8)) - 1;
    }

    /** Reads {@code width} bytes at byte {@code offset}; the access must not cross a word. */
    public static long read(long[] words, int offset, int width) {
        int shift = (offset & 7) * 8;
        return (words[offset >>> 3] >>> shift) & mask(width);
    }

    /** Writes the low {@code width} bytes of {@code value} at byte {@code offset} into {@code words} in place. */
    public static void write(long[] words, int offset, int width, long value) {
        int shift = (offset & 7) * 8;
        long m = mask(width) << shift;
        int i = offset >>> 3;
        words[i] = (words[i] & ~m) | ((value << shift) & m);
    }
}
