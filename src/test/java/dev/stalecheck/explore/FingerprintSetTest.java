package dev.stalecheck.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The visited set on the heap and off it, against a map, with thresholds tiny enough to spill in milliseconds. */
class FingerprintSetTest {
    @TempDir
    Path dir;

    @Test
    void offTheHeapItAnswersLikeAMapThroughEveryGrowth() throws Exception {
        // 16 slots to start, off the heap past 40 fingerprints, 4 KB segments: 100,000 distinct fingerprints take
        // the table from 16 slots to 2^18 (grown at 3/4 full: 100,000 > 98,304 = 3/4 of 2^17; 3 MB in all, 768
        // segments), rehashing across segments 14 times. Fingerprints repeat (a third of the draws come from the already stored ones) and include 0,
        // which has no slot; low bits collide often because many fingerprints differ only in high bits.
        Random random = new Random(3);
        Map<Long, Integer> reference = new HashMap<>();
        List<Long> stored = new ArrayList<>();
        try (FingerprintSet set = new FingerprintSet(40, dir, 4, 12)) {
            assertThat(set.add(0, 0, Long.MAX_VALUE)).isEqualTo(FingerprintSet.ADDED);
            reference.put(0L, 0);
            stored.add(0L);
            while (reference.size() < 100_000) {
                long fp;
                int draw = random.nextInt(3);
                if (draw == 0) {
                    fp = stored.get(random.nextInt(stored.size()));
                } else if (draw == 1) {
                    fp = (long) random.nextInt(64) << 40 | random.nextInt(1 << 20);
                } else {
                    fp = random.nextLong();
                }
                int id = reference.size();
                Integer known = reference.get(fp);
                set.touch(fp);
                int answer = set.add(fp, id, Long.MAX_VALUE);
                if (known != null) {
                    assertThat(answer).as("fingerprint %x", fp).isEqualTo(known);
                } else {
                    assertThat(answer).as("fingerprint %x", fp).isEqualTo(FingerprintSet.ADDED);
                    reference.put(fp, id);
                    stored.add(fp);
                }
                assertThat(set.size()).isEqualTo(reference.size());
            }
            assertThat(set.spilledBytes()).isEqualTo((1L << 18) * 12);
            for (Map.Entry<Long, Integer> e : reference.entrySet()) {
                assertThat(set.add(e.getKey(), -5, Long.MAX_VALUE)).isEqualTo(e.getValue());
            }
            // At the limit a new fingerprint is refused and nothing changes; a known one still answers.
            assertThat(set.add(0x1234_5678_9abc_def1L, 1, 100_000)).isEqualTo(FingerprintSet.FULL);
            assertThat(set.add(stored.get(7), 1, 100_000)).isEqualTo(7);
            assertThat(set.size()).isEqualTo(100_000);
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void onTheHeapAndOffItGiveTheSameAnswers() {
        // The same 50,000 draws (with repeats) into a set that never spills and one that spills past 1,000.
        Random random = new Random(28);
        try (FingerprintSet heap = new FingerprintSet(); FingerprintSet spilled = new FingerprintSet(1_000, dir, 12, 12)) {
            int next = 0;
            for (int i = 0; i < 50_000; i++) {
                long fp = random.nextInt(40_000) * 0x9E37_79B9_7F4A_7C15L;
                int a = heap.add(fp, next, Long.MAX_VALUE);
                int b = spilled.add(fp, next, Long.MAX_VALUE);
                assertThat(b).isEqualTo(a);
                if (a == FingerprintSet.ADDED) {
                    next++;
                }
            }
            assertThat(heap.spilledBytes()).isZero();
            assertThat(spilled.spilledBytes()).isPositive();
            assertThat(spilled.size()).isEqualTo(heap.size());
        }
    }

    @Test
    void whenTheTableCannotLeaveTheHeapTheSetStaysUsable() throws Exception {
        // The spill directory is under a regular file, so the growth past 3 of 4 slots (at the 4th fingerprint)
        // fails after storing it; the set keeps its 4 fingerprints in the old table and answers for them.
        Path file = Files.writeString(dir.resolve("file"), "x");
        try (FingerprintSet set = new FingerprintSet(1, file.resolve("sub"), 2, 12)) {
            for (long fp = 1; fp <= 3; fp++) {
                assertThat(set.add(fp << 32, (int) fp, Long.MAX_VALUE)).isEqualTo(FingerprintSet.ADDED);
            }
            assertThatThrownBy(() -> set.add(4L << 32, 4, Long.MAX_VALUE)).isInstanceOf(SpillException.class);
            assertThat(set.size()).isEqualTo(4);
            assertThat(set.add(2L << 32, 9, Long.MAX_VALUE)).isEqualTo(2);
            assertThat(set.add(4L << 32, 9, Long.MAX_VALUE)).isEqualTo(4);
            assertThat(set.spilledBytes()).isZero();
        }
    }
}
