package dev.stalecheck.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stalecheck.preset.Preset;
import org.junit.jupiter.api.Test;

/** Whole-machine validation through the builder, as a machine block's overrides apply to a preset. */
class MachineConfigTest {
    private static MachineConfig.Builder generic() {
        return Preset.GENERIC.toBuilder();
    }

    private static CacheLevelConfig level(String name, int bytes, int ways, int line) {
        return CacheLevelConfig.defaults(name, new CacheGeometry(bytes, ways, line));
    }

    @Test
    void pouNamingAMissingLevelFails() {
        assertThatThrownBy(() -> generic().pou(Point.level("l3")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("pou l3");
    }

    @Test
    void pouNamingL1dFails() {
        // The points are where L1s unify / all observers agree: always beyond L1.
        assertThatThrownBy(() -> generic().pou(Point.level("l1d")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("pou l1d");
    }

    @Test
    void pocInsideThePouFails() {
        assertThatThrownBy(() -> generic().pou(Point.MEMORY).poc(Point.level("l2")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("poc l2").hasMessageContaining("pou memory");
    }

    @Test
    void lineSizeShrinkingOutwardFails() {
        // generic's l1d has 64B lines; a 32B l2 could not hold a whole L1 line.
        assertThatThrownBy(() -> generic().cache(level("l2", 256 * 1024, 8, 32)).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache l2").hasMessageContaining("shrink");
    }

    @Test
    void privateLevelBeyondASharedOneFails() {
        CacheLevelConfig privateL3 = new CacheLevelConfig("l3", new CacheGeometry(1 << 20, 16, 64), Indexing.PIPT,
                WritePolicy.WRITE_BACK, true, false, false, false);
        assertThatThrownBy(() -> generic().cache(privateL3).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache l3").hasMessageContaining("private");
    }

    @Test
    void walkerNamingAMissingLevelFails() {
        assertThatThrownBy(() -> generic().walker(new WalkerStart.From(Point.level("l3"))).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("walker l3");
    }

    @Test
    void removingL2MovesThePouToMemory() {
        MachineConfig m = generic().removeCache("l2").build();
        assertThat(m.level("l2")).isEmpty();
        assertThat(m.pou()).isEqualTo(Point.MEMORY);
        assertThat(m.poc()).isEqualTo(Point.MEMORY);
        assertThat(m.levels()).extracting(CacheLevelConfig::name).containsExactly("l1i", "l1d");
    }

    @Test
    void removingAnAbsentLevelChangesNothing() {
        MachineConfig m = generic().removeCache("l3").build();
        assertThat(m.pou()).isEqualTo(Point.level("l2"));
        assertThat(m.levels()).hasSize(3);
    }

    @Test
    void removingL1dMovesAWalkerAtL1Outward() {
        MachineConfig m = generic().walker(WalkerStart.L1).removeCache("l1d").build();
        assertThat(m.walker()).isEqualTo(new WalkerStart.From(Point.level("l2")));
        assertThat(m.walker().word()).isEqualTo("l2");
    }

    @Test
    void wordsNameTheirPointsAndWalkerStarts() {
        // l1 and l1d are one walker start, written l1; l1i is a level word (the machine refuses it as a walker start).
        assertThat(WalkerStart.fromWord("l1d")).contains(WalkerStart.L1);
        assertThat(WalkerStart.L1.word()).isEqualTo("l1");
        assertThat(WalkerStart.fromWord("memory")).contains(WalkerStart.MEMORY);
        assertThat(WalkerStart.fromWord("any")).contains(WalkerStart.ANY);
        assertThat(WalkerStart.fromWord("l1i").orElseThrow().word()).isEqualTo("l1i");
        assertThat(WalkerStart.fromWord("l10")).isEmpty();
        assertThat(Point.fromWord("l3")).contains(Point.level("l3"));
        assertThat(Point.fromWord("any")).isEmpty();
        assertThat(Point.MEMORY.depth()).isGreaterThan(Point.level("l9").depth());
        assertThatThrownBy(() -> Point.level("l2d")).isInstanceOf(ConfigException.class).hasMessageContaining("'l2d'");
    }

    @Test
    void aliasingViptDataCacheOnArmv7Warns() {
        // 32K 4-way 64B: an 8K way over 4K pages = 2 colours, which ARMv7 data caches never show.
        CacheLevelConfig vipt = new CacheLevelConfig("l1d", new CacheGeometry(32 * 1024, 4, 64), Indexing.VIPT,
                WritePolicy.WRITE_BACK, true, false, false, false);
        MachineConfig m = Preset.CORTEX_A8.toBuilder().cache(vipt).build();
        assertThat(m.warnings()).singleElement().asString().contains("l1d").contains("ARMv7");
    }

    @Test
    void aliasingViptDataCacheOnArm1136DoesNotWarn() {
        // ARMv6 is where aliasing VIPT data caches are real; arm1136's l1d has 2 colours already.
        assertThat(Preset.ARM1136.config().level("l1d").orElseThrow().colours(4096)).isEqualTo(2);
        assertThat(Preset.ARM1136.config().warnings()).isEmpty();
    }

    @Test
    void cpusMustBeFrom1To16() {
        assertThatThrownBy(() -> generic().cpus(0).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cpus 0");
        assertThatThrownBy(() -> generic().cpus(17).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cpus 17");
        assertThat(generic().cpus(16).build().cpus()).isEqualTo(16);
    }

    @Test
    void invalidateNamingAMissingLevelFails() {
        // The language page: naming a level the machine lacks (after the block's cache lines apply) is an input error.
        assertThatThrownBy(() -> generic().invalidate("l3", InvalidatePolicy.DISCARD).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("invalidate l3");
    }

    @Test
    void aPrivateL2WithSeveralCpusFails() {
        assertThatThrownBy(() -> generic().cpus(2).cache(new CacheLevelConfig("l2", new CacheGeometry(256 * 1024, 8, 64),
                Indexing.PIPT, WritePolicy.WRITE_BACK, true, false, false, false)).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("cache l2");
    }

    @Test
    void aSystemCacheAtOrBeyondThePocFails() {
        // A system cache lies inside the PoC: poc l3 with l3 system contradicts that.
        CacheLevelConfig l3 = new CacheLevelConfig("l3", new CacheGeometry(1 << 20, 16, 64), Indexing.PIPT,
                WritePolicy.WRITE_BACK, true, true, true, false);
        assertThatThrownBy(() -> generic().cache(l3).poc(Point.level("l3")).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("l3");
        assertThat(generic().cache(l3).build().level("l3")).isPresent();
    }
}
