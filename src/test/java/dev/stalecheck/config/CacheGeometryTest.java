package dev.stalecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Geometry validation (each failure names its field) and the derived sizes. */
class CacheGeometryTest {
    @Test
    void derivedValuesOf32k4Way32B() {
        // 32K / (4 ways x 32B) = 256 sets; a way is 32K / 4 = 8K; 256 sets need 8 index bits, 32B lines 5 offset bits.
        CacheGeometry g = new CacheGeometry(32 * 1024, 4, 32);
        assertThat(g.sets()).isEqualTo(256);
        assertThat(g.wayBytes()).isEqualTo(8 * 1024);
        assertThat(g.setBits()).isEqualTo(8);
        assertThat(g.lineShift()).isEqualTo(5);
        assertThat(g.describe()).isEqualTo("32K 4-way 32B");
    }

    @Test
    void directMappedCacheHasOneWayAsLargeAsTheCache() {
        CacheGeometry g = new CacheGeometry(1024, 1, 16);
        assertThat(g.sets()).isEqualTo(64);
        assertThat(g.wayBytes()).isEqualTo(1024);
        assertThat(g.setBits()).isEqualTo(6);
    }

    @Test
    void lineSizeMustBeAPowerOfTwo() {
        assertThatThrownBy(() -> new CacheGeometry(48 * 1024, 4, 48))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line size 48B").hasMessageContaining("power of two");
    }

    @Test
    void lineSizeBelow16BytesIsRejected() {
        // A line must hold at least two 64-bit words.
        assertThatThrownBy(() -> new CacheGeometry(32 * 1024, 4, 8))
                .isInstanceOf(ConfigException.class).hasMessageContaining("line size 8B");
    }

    @Test
    void waysOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new CacheGeometry(32 * 1024, 0, 64))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ways 0");
        assertThatThrownBy(() -> new CacheGeometry(128 * 64 * 64, 128, 64))
                .isInstanceOf(ConfigException.class).hasMessageContaining("ways 128");
    }

    @Test
    void sizeMustBeAMultipleOfWaysTimesLine() {
        // 1000B cannot be split into 4 ways of whole 64B lines.
        assertThatThrownBy(() -> new CacheGeometry(1000, 4, 64))
                .isInstanceOf(ConfigException.class).hasMessageContaining("size 1000B").hasMessageContaining("multiple");
    }

    @Test
    void numberOfSetsMustBeAPowerOfTwo() {
        // 24K / (2 x 64B) = 192 sets: the index cannot be a bit field.
        assertThatThrownBy(() -> new CacheGeometry(24 * 1024, 2, 64))
                .isInstanceOf(ConfigException.class).hasMessageContaining("192 sets").hasMessageContaining("power of two");
    }

    @Test
    void nonPowerOfTwoWaysAreFineWhenTheSetsArePowersOfTwo() {
        // Cortex-A57's L1I: 48K 3-way 64B = 256 sets.
        assertThat(new CacheGeometry(48 * 1024, 3, 64).sets()).isEqualTo(256);
    }
}
