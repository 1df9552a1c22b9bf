package dev.stalecheck.cache;

import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/**
 * The contents of one cache instance as an immutable value: its valid lines, keyed by slot
 * ({@code set * ways + way}).
 *
 * <p>Only valid lines are stored, in slot order, so a scenario touching a few lines copies a few
 * references per step however large the cache is. Every change returns a new state.
 */
public final class CacheState {
    private final int ways;
    private final int[] slots;
    private final CacheLine[] lines;
    private final long fingerprint;
    private final long waylessFingerprint;

    private CacheState(int ways, int[] slots, CacheLine[] lines, long fingerprint, long waylessFingerprint) {
        this.ways = ways;
        this.slots = slots;
        this.lines = lines;
        this.fingerprint = fingerprint;
        this.waylessFingerprint = waylessFingerprint;
    }

    /**
     * One valid line's share of the fingerprint; the fingerprint is the sum of the shares, so a change updates it in
     * constant time.
     */
    private static long share(int slot, CacheLine line) {
        return Fingerprint.mix(Fingerprint.combine(slot, line.fingerprint()));
    }

    /** One valid line's share of the way-blind fingerprint: the same share whichever way of its set holds it. */
    private static long waylessShare(int set, CacheLine line) {
        return Fingerprint.mix(Fingerprint.combine(Fingerprint.mix(set), line.fingerprint()));
    }

    /** An empty cache with {@code ways} ways per set. */
    public static CacheState empty(int ways) {
        return new CacheState(ways, new int[0], new CacheLine[0], Fingerprint.mix(ways), Fingerprint.mix(ways));
    }

    /** Associativity. */
    public int ways() {
        return ways;
    }

    /** The line at {@code set}/{@code way}, or {@code null} if that way is invalid. */
    public CacheLine line(int set, int way) {
        int i = Arrays.binarySearch(slots, set * ways + way);
        return i >= 0 ? lines[i] : null;
    }

    /** The way of {@code set} holding physical line {@code pa}, or -1. */
    public int wayOf(int set, long pa) {
        int from = lowerBound(set * ways);
        for (int i = from; i < slots.length && slots[i] < (set + 1) * ways; i++) {
            if (lines[i].physicalAddress() == pa) {
                return slots[i] - set * ways;
            }
        }
        return -1;
    }

    /** Number of valid ways in {@code set}. */
    public int validWays(int set) {
        int from = lowerBound(set * ways);
        int n = 0;
        for (int i = from; i < slots.length && slots[i] < (set + 1) * ways; i++) {
            n++;
        }
        return n;
    }

    /** The lowest invalid way of {@code set}, or -1 when the set is full. */
    public int firstInvalidWay(int set) {
        for (int w = 0; w < ways; w++) {
            if (line(set, w) == null) {
                return w;
            }
        }
        return -1;
    }

    /** The valid way of {@code set} used least recently (LRU); -1 when the set is empty. */
    public int leastRecentlyUsedWay(int set) {
        int best = -1;
        long bestTick = Long.MAX_VALUE;
        int from = lowerBound(set * ways);
        for (int i = from; i < slots.length && slots[i] < (set + 1) * ways; i++) {
            if (lines[i].lastUse() < bestTick) {
                bestTick = lines[i].lastUse();
                best = slots[i] - set * ways;
            }
        }
        return best;
    }

    /** This cache with {@code line} placed at {@code set}/{@code way} (replacing whatever was there). */
    public CacheState with(int set, int way, CacheLine line) {
        int slot = set * ways + way;
        int i = Arrays.binarySearch(slots, slot);
        if (i >= 0) {
            CacheLine[] l = lines.clone();
            l[i] = line;
            return new CacheState(ways, slots, l, fingerprint - share(slot, lines[i]) + share(slot, line),
                    waylessFingerprint - waylessShare(set, lines[i]) + waylessShare(set, line));
        }
        int at = -i - 1;
        int[] s = new int[slots.length + 1];
        CacheLine[] l = new CacheLine[lines.length + 1];
        System.arraycopy(slots, 0, s, 0, at);
        System.arraycopy(lines, 0, l, 0, at);
        s[at] = slot;
        l[at] = line;
        System.arraycopy(slots, at, s, at + 1, slots.length - at);
        System.arraycopy(lines, at, l, at + 1, lines.length - at);
        return new CacheState(ways, s, l, fingerprint + share(slot, line), waylessFingerprint + waylessShare(set, line));
    }

    /** This cache with {@code set}/{@code way} invalid. */
    public CacheState without(int set, int way) {
        int i = Arrays.binarySearch(slots, set * ways + way);
        if (i < 0) {
            return this;
        }
        int[] s = new int[slots.length - 1];
        CacheLine[] l = new CacheLine[lines.length - 1];
        System.arraycopy(slots, 0, s, 0, i);
        System.arraycopy(lines, 0, l, 0, i);
        System.arraycopy(slots, i + 1, s, i, slots.length - i - 1);
        System.arraycopy(lines, i + 1, l, i, lines.length - i - 1);
        return new CacheState(ways, s, l, fingerprint - share(slots[i], lines[i]),
                waylessFingerprint - waylessShare(set, lines[i]));
    }

    /** Number of valid lines. */
    public int validLines() {
        return slots.length;
    }

    /** Set of the {@code i}-th valid line in slot order. */
    public int setAt(int i) {
        return slots[i] / ways;
    }

    /** Way of the {@code i}-th valid line in slot order. */
    public int wayAt(int i) {
        return slots[i] % ways;
    }

    /** The {@code i}-th valid line in slot order. */
    public CacheLine lineAt(int i) {
        return lines[i];
    }

    /**
     * The {@code i}-th valid line's share of {@link #fingerprint} (or, when {@code wayless}, of
     * {@link #waylessFingerprint}): subtracting it gives the fingerprint of this cache without that line.
     */
    public long shareAt(int i, boolean wayless) {
        return wayless ? waylessShare(slots[i] / ways, lines[i]) : share(slots[i], lines[i]);
    }

    /** 64-bit fingerprint of every valid line and where it sits (LRU ages excluded). */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * 64-bit fingerprint of every valid line and its set, blind to which way holds it: two caches that differ only
     * by a permutation of ways within sets share it (the search's way symmetry).
     */
    public long waylessFingerprint() {
        return waylessFingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheState c && c.fingerprint == fingerprint && c.ways == ways
                && Arrays.equals(c.slots, slots) && Arrays.equals(c.lines, lines);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    private int lowerBound(int slot) {
        int i = Arrays.binarySearch(slots, slot);
        return i >= 0 ? i : -i - 1;
    }
}
