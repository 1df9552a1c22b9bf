package dev.stalecheck.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Sparse little-endian RAM: widths, neighbours, canonical form, alignment. */
class PhysicalMemoryTest {
    private static final long A = 0x8000_1000L;

    @Test
    void readsAreLittleEndian() {
        PhysicalMemory m = PhysicalMemory.zeroed().write(A, 8, 0x0807_0605_0403_0201L);
        assertThat(m.read(A, 1)).isEqualTo(0x01);
        assertThat(m.read(A + 7, 1)).isEqualTo(0x08);
        assertThat(m.read(A + 2, 2)).isEqualTo(0x0403);
        assertThat(m.read(A + 4, 4)).isEqualTo(0x0807_0605L);
        assertThat(m.read(A, 8)).isEqualTo(0x0807_0605_0403_0201L);
    }

    @Test
    void narrowWritesLeaveNeighbouringBytesAlone() {
        PhysicalMemory m = PhysicalMemory.zeroed().write(A, 8, 0x0807_0605_0403_0201L)
                .write(A + 3, 1, 0xff).write(A + 4, 2, 0xaabb).write(A + 8, 4, 0xdead_beefL);
        assertThat(m.read(A, 8)).isEqualTo(0x0807_aabb_ff03_0201L);
        assertThat(m.read(A + 8, 8)).isEqualTo(0xdead_beefL);
        assertThat(m.read(A - 8, 8)).isZero();
    }

    @Test
    void writesOnlyKeepTheLowBytesOfTheValue() {
        PhysicalMemory m = PhysicalMemory.zeroed().write(A + 2, 2, 0x1234_5678L);
        assertThat(m.read(A, 8)).isEqualTo(0x5678_0000L);
    }

    @Test
    void writingZeroBackGivesTheOriginalMemory() {
        // Zero words are not stored, so equal contents must mean equal memories (state deduplication relies on it).
        PhysicalMemory base = PhysicalMemory.zeroed().write(A, 4, 0x11);
        PhysicalMemory back = base.write(A + 0x40, 8, 0x22).write(A + 0x40, 8, 0);
        assertThat(back).isEqualTo(base);
        assertThat(back.fingerprint()).isEqualTo(base.fingerprint());
        assertThat(back.storedWords()).isEqualTo(1);
        assertThat(base.write(A, 4, 0)).isEqualTo(PhysicalMemory.zeroed());
        assertThat(base.write(A, 4, 0).storedWords()).isZero();
    }

    @Test
    void differentContentsAreNotEqual() {
        assertThat(PhysicalMemory.zeroed().write(A, 1, 1)).isNotEqualTo(PhysicalMemory.zeroed().write(A, 1, 2))
                .isNotEqualTo(PhysicalMemory.zeroed().write(A + 8, 1, 1));
    }

    @Test
    void misalignedAccessesThrow() {
        PhysicalMemory m = PhysicalMemory.zeroed();
        assertThatThrownBy(() -> m.read(A + 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.read(A + 2, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.read(A + 4, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.write(A + 6, 4, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not aligned");
        assertThatThrownBy(() -> m.read(A, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    record Write(long pa, int width, long value) {
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        // Addresses crowd into 64 bytes (or straddle the signed boundary) so that writes of different widths overlap.
        Arbitrary<Long> base = Arbitraries.of(0L, 0x7fff_ffe0L, 0x7fff_ffff_ffff_ffe0L);
        Arbitrary<Write> w = Combinators.combine(base, Arbitraries.of(1, 2, 4, 8), Arbitraries.longs().between(0, 63),
                Arbitraries.longs()).as((b, width, off, v) -> new Write(b + (off & -width), width, v));
        return w.list().ofMaxSize(30);
    }

    @Property
    void readsReturnWhatTheLastWritesLeft(@ForAll("writes") List<Write> writes) {
        PhysicalMemory m = PhysicalMemory.zeroed();
        Map<Long, Long> model = new HashMap<>();
        for (Write w : writes) {
            m = m.write(w.pa(), w.width(), w.value());
            for (int i = 0; i < w.width(); i++) {
                model.put(w.pa() + i, (w.value() >>> (8 * i)) & 0xff);
            }
        }
        for (Write w : writes) {
            long expected = 0;
            for (int i = w.width() - 1; i >= 0; i--) {
                expected = (expected << 8) | model.getOrDefault(w.pa() + i, 0L);
            }
            assertThat(m.read(w.pa(), w.width())).as("read %d bytes at 0x%x", w.width(), w.pa()).isEqualTo(expected);
        }
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertThat(m.read(e.getKey(), 1)).isEqualTo(e.getValue());
        }
        // Canonical form: rebuilding the same bytes one at a time gives an equal memory.
        PhysicalMemory rebuilt = PhysicalMemory.zeroed();
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            rebuilt = rebuilt.write(e.getKey(), 1, e.getValue());
        }
        assertThat(rebuilt).isEqualTo(m);
    }

    @Property
    void writingALineAtOnceEqualsWritingItsWordsOneByOne(@ForAll("writes") List<Write> before,
                                                          @ForAll("lineWords") long[] line,
                                                          @ForAll("lineStarts") long pa) {
        // withWords is the search's fast path for a write-back; it must leave exactly the memory (contents,
        // canonical form and fingerprint) that word-by-word writes leave, including words that become zero.
        PhysicalMemory m = PhysicalMemory.zeroed();
        for (Write w : before) {
            m = m.write(w.pa(), w.width(), w.value());
        }
        PhysicalMemory oneByOne = m;
        for (int i = 0; i < line.length; i++) {
            oneByOne = oneByOne.withWord(pa + 8L * i, line[i]);
        }
        PhysicalMemory atOnce = m.withWords(pa, line);
        assertThat(atOnce).isEqualTo(oneByOne);
        assertThat(atOnce.fingerprint()).isEqualTo(oneByOne.fingerprint());
        assertThat(atOnce.storedWords()).isEqualTo(oneByOne.storedWords());
        // An independent model shares no code with the memory: a map of word address to word sorted as unsigned
        // addresses, where the line's words replace what was there and zero words are dropped. Every word and the stored listing agree.
        TreeMap<Long, Long> words = new TreeMap<>(Long::compareUnsigned);
        for (Write w : before) {
            long at = w.pa() & ~7L;
            int shift = (int) (w.pa() & 7) * 8;
            long mask = (w.width() == 8 ? -1L : (1L << (8 * w.width())) - 1) << shift;
            words.put(at, (words.getOrDefault(at, 0L) & ~mask) | ((w.value() << shift) & mask));
        }
        for (int i = 0; i < line.length; i++) {
            words.put(pa + 8L * i, line[i]);
        }
        words.values().removeIf(v -> v == 0);
        for (Map.Entry<Long, Long> e : words.entrySet()) {
            assertThat(atOnce.word(e.getKey())).as("word at 0x%x", e.getKey()).isEqualTo(e.getValue());
        }
        List<long[]> listed = atOnce.storedWords(Integer.MAX_VALUE);
        assertThat(listed).hasSize(words.size());
        int i = 0;
        for (Map.Entry<Long, Long> e : words.entrySet()) {
            assertThat(listed.get(i++)).containsExactly(e.getKey(), e.getValue());
        }
        assertThat(atOnce.storedWords(2)).hasSize(Math.min(2, words.size()));
    }

    @Provide
    Arbitrary<long[]> lineWords() {
        // Small values so that zeros (words that leave the store) and repeats of the old contents are common.
        return Arbitraries.longs().between(0, 3).array(long[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<Long> lineStarts() {
        return Arbitraries.of(0L, 0x20L, 0x7fff_ffe0L, 0x7fff_ffff_ffff_ffe0L);
    }
}
