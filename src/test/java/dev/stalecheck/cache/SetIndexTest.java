package dev.stalecheck.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.WritePolicy;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The index function: PIPT sets, VIPT colours, and where each colour puts a physical line. */
class SetIndexTest {
    private static final int PAGE = 4096;

    private static SetIndex index(int bytes, int ways, int line, Indexing indexing) {
        CacheLevelConfig l = new CacheLevelConfig("l1d", new CacheGeometry(bytes, ways, line), indexing,
                WritePolicy.WRITE_BACK, true, false, false, false);
        return new SetIndex(l, PAGE);
    }

    @Test
    void piptSetIsThePhysicalIndexBits() {
        // 32K 4-way 64B: 128 sets, index = PA bits [6, 13). 0x12345678 >> 6 = 0x48d159; & 0x7f = 0x59.
        SetIndex s = index(32 * 1024, 4, 64, Indexing.PIPT);
        assertThat(s.colours()).isEqualTo(1);
        assertThat(s.sets()).isEqualTo(128);
        assertThat(s.setOf(0x12345678L, 0)).isEqualTo(0x59);
        assertThat(s.colourOf(0x1000)).isZero();
        assertThat(s.lineAddress(0x12345678L)).isEqualTo(0x12345640L);
    }

    @Test
    void vipt32k4Way32BHasTwoColoursSelectedByVaBit12() {
        // 256 sets x 32B: index bits [5, 13); bit 12 lies above the 4K page offset, so it comes from the VA.
        SetIndex s = index(32 * 1024, 4, 32, Indexing.VIPT);
        assertThat(s.colours()).isEqualTo(2);
        assertThat(s.colourOf(0x0000_1000L)).isEqualTo(1);
        assertThat(s.colourOf(0x0000_2fe0L)).isZero();
        assertThat(s.colourOf(0x8000_3040L)).isEqualTo(1);
    }

    @Test
    void vipt16k4WayDoesNotAlias() {
        // 16K / 4 ways = a 4K way = one page: every index bit is inside the page offset.
        SetIndex s = index(16 * 1024, 4, 32, Indexing.VIPT);
        assertThat(s.colours()).isEqualTo(1);
        assertThat(s.colourOf(0xffff_f000L)).isZero();
        assertThat(s.setOf(0x8000_2fe0L, 0)).isEqualTo(0x7f);
    }

    @Test
    void setOfBothColoursOf0x80002000() {
        // Index bits [5, 13): the 7 bits [5, 12) come from the PA: (0x80002000 >> 5) & 0x7f = 0.
        // Bit 12 is the colour: colour 0 -> set 0b0_0000000 = 0, colour 1 -> set 0b1_0000000 = 128.
        SetIndex s = index(32 * 1024, 4, 32, Indexing.VIPT);
        assertThat(s.setOf(0x8000_2000L, 0)).isZero();
        assertThat(s.setOf(0x8000_2000L, 1)).isEqualTo(128);
        // 0x80002040: PA bits [5, 12) = 0x40 >> 5 = 2, so sets 2 and 130.
        assertThat(s.setOf(0x8000_2040L, 0)).isEqualTo(2);
        assertThat(s.setOf(0x8000_2040L, 1)).isEqualTo(130);
    }

    @Property
    void setOfKeepsTheColourAndThePageOffsetIndexBits(@ForAll @LongRange(min = 0, max = (1L << 40) - 1) long pa,
                                                      @ForAll @IntRange(min = 0, max = 2) int colourBits,
                                                      @ForAll @IntRange(min = 0, max = 63) int anyColour) {
        // 16K, 32K, 64K 4-way 32B: ways of 4K, 8K, 16K = 1, 2, 4 colours.
        SetIndex s = index((16 * 1024) << colourBits, 4, 32, Indexing.VIPT);
        int colour = anyColour % s.colours();
        int set = s.setOf(pa, colour);

        assertThat(s.colours()).isEqualTo(1 << colourBits);
        assertThat(set).isBetween(0, s.sets() - 1);
        assertThat(s.colourOfSet(set)).isEqualTo(colour);
        // Index bits below the page offset (PA bits [5, 12)) are not translated, so they come from the PA.
        int untranslated = (1 << (12 - 5)) - 1;
        assertThat(set & untranslated).isEqualTo((int) (pa >>> 5) & untranslated);
    }
}
