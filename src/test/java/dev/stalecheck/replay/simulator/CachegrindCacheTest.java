package dev.stalecheck.replay.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link CachegrindCache} (with its shortcut for lines already in way 0) against a plain model of cg_sim.c: a
 * most-recent-first list of tags per set, all 0 at first, searched on every access.
 */
class CachegrindCacheTest {
    /** cg_sim.c's cache, searched in full on every access. */
    private static final class PlainCache {
        private final List<List<Long>> sets = new ArrayList<>();
        private final int lineBits;

        PlainCache(int sets, int assoc, int line) {
            for (int s = 0; s < sets; s++) {
                List<Long> set = new ArrayList<>();
                for (int w = 0; w < assoc; w++) {
                    set.add(0L);
                }
                this.sets.add(set);
            }
            lineBits = Integer.numberOfTrailingZeros(line);
        }

        boolean isMiss(long a, int size) {
            long first = a >>> lineBits;
            long last = (a + size - 1) >>> lineBits;
            boolean miss = lookUpIsMiss(first);
            return first == last ? miss : lookUpIsMiss(last) || miss;
        }

        private boolean lookUpIsMiss(long block) {
            List<Long> set = sets.get((int) (block & (sets.size() - 1)));
            boolean hit = set.remove(Long.valueOf(block));
            if (!hit) {
                set.remove(set.size() - 1);
            }
            set.add(0, block);
            return !hit;
        }
    }

    @Property(tries = 200)
    void missesExactlyWhenAFullSearchMisses(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int setBits,
            @ForAll @IntRange(min = 0, max = 2) int assocBits, @ForAll @IntRange(min = 3, max = 6) int lineBits) {
        int sets = 1 << setBits;
        int assoc = 1 << assocBits;
        int line = 1 << lineBits;
        CachegrindCache cache = new CachegrindCache(new Geometry(sets * assoc * line, assoc, line));
        PlainCache plain = new PlainCache(sets, assoc, line);
        SplittableRandom random = new SplittableRandom(seed);
        long a = 0;
        int misses = 0;
        for (int i = 0; i < 3000; i++) {
            int move = random.nextInt(10);
            a = move < 5 ? a + random.nextInt(line / 2) : move < 8 ? random.nextLong(4L * sets * assoc * line)
                    : a - random.nextInt(2 * line);
            a = Math.max(0, a);
            int size = 1 + random.nextInt(line);
            boolean miss = plain.isMiss(a, size);
            assertThat(cache.isMiss(a, size)).as("access %d: %d bytes at %d", i, size, a).isEqualTo(miss);
            misses += miss ? 1 : 0;
        }
        assertThat(misses).isPositive();
    }

    @Test
    void blockZeroHitsAtFirstAndAStraddleLeavesItsSecondLineMostRecent() {
        CachegrindCache cache = new CachegrindCache(new Geometry(2 * 2 * 32, 2, 32));
        assertThat(cache.isMiss(0, 8)).isFalse();
        assertThat(cache.isMiss(60, 8)).as("lines 1 and 2: line 2 misses").isTrue();
        assertThat(cache.isMiss(64, 4)).as("line 2 again").isFalse();
        assertThat(cache.isMiss(32, 4)).as("line 1, looked up by the straddle").isFalse();
        assertThat(cache.isMiss(128, 4)).as("line 4 evicts line 0 from set 0").isTrue();
        assertThat(cache.isMiss(0, 4)).isTrue();
    }
}
