package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.util.Hex;

/**
 * A line's state and bytes at one moment, as effects record them.
 *
 * @param dirty whether the line was dirty
 * @param words the line's bytes as little-endian 64-bit words
 */
public record LineImage(boolean dirty, long[] words) {
    /** Copies the words. */
    public LineImage {
        words = words.clone();
    }

    /** The image of a valid line, or {@code null} for an invalid way. */
    public static LineImage of(CacheLine line) {
        return line == null ? null : new LineImage(line.isDirty(), line.words());
    }

    /** {@code dirty} or {@code clean}. */
    public String state() {
        return dirty ? "dirty" : "clean";
    }

    /** The bytes as hex words. */
    public String bytes() {
        return Hex.words(words);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineImage i && i.dirty == dirty && java.util.Arrays.equals(i.words, words);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(words) * 2 + (dirty ? 1 : 0);
    }

    @Override
    public String toString() {
        return state() + " " + bytes();
    }
}
