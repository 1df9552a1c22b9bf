package dev.stalecheck.cache;

import dev.stalecheck.util.Bytes;
import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/**
 * One valid cache line as an immutable value: its physical line address, its bytes and a single dirty bit.
 *
 * <p>{@code lastUse} is the LRU age used only by {@code run}'s victim choice; it is left out of
 * {@link #equals}, {@link #hashCode} and the fingerprint because {@code check} explores every victim.
 */
public final class CacheLine {
    private final long physicalAddress;
    private final boolean dirty;
    private final long[] words;
    private final long lastUse;
    private final long fingerprint;

    /** A line at {@code physicalAddress} (line-aligned) holding {@code words} (copied by callers that keep them). */
    public CacheLine(long physicalAddress, boolean dirty, long[] words, long lastUse) {
        this.physicalAddress = physicalAddress;
        this.dirty = dirty;
        this.words = words;
        this.lastUse = lastUse;
        long h = Fingerprint.combine(Fingerprint.SEED, physicalAddress);
        h = Fingerprint.combine(h, dirty ? 1 : 0);
        this.fingerprint = Fingerprint.combine(h, words);
    }

    /** Line-aligned physical address. */
    public long physicalAddress() {
        return physicalAddress;
    }

    /** Whether the line holds data newer than the next level may have. */
    public boolean isDirty() {
        return dirty;
    }

    /** Whether the line is clean. */
    public boolean isClean() {
        return !dirty;
    }

    /** A copy of the line's bytes as little-endian 64-bit words. */
    public long[] words() {
        return words.clone();
    }

    /** Number of bytes in the line. */
    public int sizeBytes() {
        return words.length * 8;
    }

    /** Reads {@code width} bytes at byte {@code offset} within the line. */
    public long read(int offset, int width) {
        return Bytes.read(words, offset, width);
    }

    /** Whether this line's bytes equal {@code other}'s. */
    public boolean sameBytes(CacheLine other) {
        return Arrays.equals(words, other.words);
    }

    /** The same line with new bytes and dirty bit. */
    public CacheLine withData(long[] newWords, boolean newDirty, long useTick) {
        return new CacheLine(physicalAddress, newDirty, newWords, useTick);
    }

    /** The same line, clean. */
    public CacheLine cleaned() {
        return new CacheLine(physicalAddress, false, words, lastUse);
    }

    /** The same line touched at {@code useTick} (LRU only). */
    public CacheLine touched(long useTick) {
        return new CacheLine(physicalAddress, dirty, words, useTick);
    }

    /** LRU age: the tick of the last access (not part of the state's identity). */
    public long lastUse() {
        return lastUse;
    }

    /** 64-bit fingerprint of address, dirty bit and bytes. */
    public long fingerprint() {
        return fingerprint;
    }

    /** {@code dirty} or {@code clean}. */
    public String describe() {
        return dirty ? "dirty" : "clean";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheLine l && l.fingerprint == fingerprint && l.physicalAddress == physicalAddress
                && l.dirty == dirty && Arrays.equals(l.words, words);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }
}
