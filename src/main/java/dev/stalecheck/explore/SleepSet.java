package dev.stalecheck.explore;

import java.util.Arrays;

/**
 * The steps a state need not try because another order of the same steps tries them (a sleep set): evictions, each
 * named by its line (cache instance, set, physical line address, so that states equal up to way placement agree),
 * and thread steps, named by thread.
 *
 * <p>See {@link Explorer} for the rule that fills and empties sleep sets and why it loses no state.
 */
final class SleepSet {
    /** Nothing asleep. */
    static final SleepSet EMPTY = new SleepSet(new int[0], new int[0], new long[0]);

    /** Per entry: the cache instance of an eviction, or {@code -1 - thread} for a thread step. */
    private final int[] caches;
    private final int[] sets;
    private final long[] lines;

    private SleepSet(int[] caches, int[] sets, long[] lines) {
        this.caches = caches;
        this.sets = sets;
        this.lines = lines;
    }

    /** Collects entries for a new sleep set. */
    static final class Builder {
        private int[] caches = new int[4];
        private int[] sets = new int[4];
        private long[] lines = new long[4];
        private int n;

        void addEviction(int cache, int set, long line) {
            add(cache, set, line);
        }

        void addThread(int thread) {
            add(-1 - thread, 0, 0);
        }

        private void add(int cache, int set, long line) {
            if (n == lines.length) {
                caches = Arrays.copyOf(caches, 2 * n);
                sets = Arrays.copyOf(sets, 2 * n);
                lines = Arrays.copyOf(lines, 2 * n);
            }
            caches[n] = cache;
            sets[n] = set;
            lines[n] = line;
            n++;
        }

        SleepSet build() {
            return n == 0 ? EMPTY
                    : new SleepSet(Arrays.copyOf(caches, n), Arrays.copyOf(sets, n), Arrays.copyOf(lines, n));
        }
    }

    /** Whether nothing is asleep. */
    boolean isEmpty() {
        return lines.length == 0;
    }

    /** Whether the eviction of line {@code line} from {@code cache} set {@code set} is asleep. */
    boolean hasEviction(int cache, int set, long line) {
        return has(cache, set, line);
    }

    /** Whether thread {@code thread}'s next step is asleep. */
    boolean hasThread(int thread) {
        return has(-1 - thread, 0, 0);
    }

    private boolean has(int cache, int set, long line) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == line && caches[i] == cache && sets[i] == set) {
                return true;
            }
        }
        return false;
    }

    /** The steps asleep in both this and {@code other}. */
    SleepSet intersect(SleepSet other) {
        Builder b = new Builder();
        for (int i = 0; i < lines.length; i++) {
            if (other.has(caches[i], sets[i], lines[i])) {
                b.add(caches[i], sets[i], lines[i]);
            }
        }
        return b.n == lines.length ? this : b.build();
    }
}
