package dev.stalecheck.explore;

import java.util.Arrays;

/**
 * The steps a state need not try because another order of the same steps tries them (a sleep set): evictions, each
 * named by its line (cache instance, set, physical line address, so that states equal up to way placement agree),
 * and thread steps, named by thread.
 *
 * <p>Stored as pairs of words: the physical line, then {@code cache << 32 | set} for an eviction; 0, then
 * {@code -1 - thread} for a thread step ({@code ordering sc}); {@code 1 + op}, then {@code -1 - thread} for a thread's
 * operation performing ({@code ordering armv8}: the operation, not the thread's position, names it). See {@link Explorer} for the rule that fills and empties sleep sets and why
 * it loses no state.
 */
final class SleepSet {
    /** Nothing asleep. */
    static final SleepSet EMPTY = new SleepSet(new long[0]);

    private final long[] pairs;

    private SleepSet(long[] pairs) {
        this.pairs = pairs;
    }

    /** The key word of an eviction's entry. */
    static long evictionKey(int cache, int set) {
        return (long) cache << 32 | (set & 0xffff_ffffL);
    }

    /** The key word of a thread step's entry. */
    static long threadKey(int thread) {
        return -1L - thread;
    }

    /** The set of the first {@code n} pairs of {@code scratch} (copied). */
    static SleepSet of(long[] scratch, int n) {
        return n == 0 ? EMPTY : new SleepSet(Arrays.copyOf(scratch, 2 * n));
    }

    /** Whether nothing is asleep. */
    boolean isEmpty() {
        return pairs.length == 0;
    }

    /** Whether the step with this line and key word is asleep. */
    boolean has(long line, long key) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == line && pairs[i + 1] == key) {
                return true;
            }
        }
        return false;
    }

    /** The steps asleep in both this and {@code other}. */
    SleepSet intersect(SleepSet other) {
        long[] kept = new long[pairs.length];
        int n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (other.has(pairs[i], pairs[i + 1])) {
                kept[2 * n] = pairs[i];
                kept[2 * n + 1] = pairs[i + 1];
                n++;
            }
        }
        return 2 * n == pairs.length ? this : of(kept, n);
    }
}
