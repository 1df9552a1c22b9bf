package dev.stalecheck.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state log against a list of entries, with a tiny heap share so that most of it lives in its spill file. */
class StateLogTest {
    @TempDir
    Path dir;

    @Test
    void everyEntryReadsBackAsAppendedOnTheHeapAndInTheFile() throws Exception {
        // 100 entries on the heap, the other 99,900 in a file of 4 KB segments (12-byte entries straddle segments:
        // 4096 is no multiple of 12, so this crosses every kind of boundary).
        Random random = new Random(15);
        List<int[]> reference = new ArrayList<>();
        try (StateLog log = new StateLog(100, dir, 12)) {
            for (int i = 0; i < 100_000; i++) {
                int[] e = {i == 0 ? -1 : random.nextInt(i), random.nextInt(), random.nextInt(50)};
                reference.add(e);
                log.append(e[0], e[1], e[2]);
                assertThat(log.size()).isEqualTo(i + 1);
            }
            for (int k = 0; k < 200_000; k++) {
                int id = random.nextInt(reference.size());
                int[] e = reference.get(id);
                assertThat(new int[] {log.parent(id), log.event(id), log.outcome(id)}).as("entry %d", id).isEqualTo(e);
            }
            assertThat(log.spilledBytes()).isEqualTo(99_900L * 12);
            assertThatThrownBy(() -> log.parent(100_000)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> log.event(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        }
        // The file was deleted as soon as it was open.
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aLogThatFitsOnTheHeapMakesNoFile() {
        // Without a spill the directory is never touched: it does not even have to exist.
        try (StateLog log = new StateLog(1_000, dir.resolve("never"))) {
            for (int i = 0; i < 1_000; i++) {
                log.append(i - 1, i, 2 * i);
            }
            assertThat(log.event(999)).isEqualTo(999);
            assertThat(log.outcome(500)).isEqualTo(1000);
            assertThat(log.spilledBytes()).isZero();
        }
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void aSpillDirectoryThatCannotExistStopsWithASpillException() throws Exception {
        // A regular file where the directory should be: the first entry past the heap cannot be stored.
        Path file = Files.writeString(dir.resolve("file"), "x");
        try (StateLog log = new StateLog(2, file.resolve("sub"))) {
            log.append(-1, 0, 0);
            log.append(0, 1, 0);
            assertThatThrownBy(() -> log.append(1, 2, 0)).isInstanceOf(SpillException.class)
                    .hasMessageContaining("cannot create a file in");
            assertThat(log.size()).isEqualTo(2);
        }
    }
}
