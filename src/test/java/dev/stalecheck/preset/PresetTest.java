package dev.stalecheck.preset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.DisabledHits;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.config.WritePolicy;
import org.junit.jupiter.api.Test;

/** The built-in machines: they build, `generic` matches the contract, and the named quirks are there. */
class PresetTest {
    @Test
    void everyPresetBuildsWithoutWarnings() {
        assertThat(Preset.values()).extracting(Preset::word)
                .contains("generic", "arm1136", "cortex-a8", "cortex-a9", "cortex-a15", "cortex-a57");
        for (Preset p : Preset.values()) {
            MachineConfig m = p.config();
            assertThat(m.name()).isEqualTo(p.word());
            assertThat(m.level("l1d")).as(p.word()).isPresent();
            assertThat(m.warnings()).as(p.word()).isEmpty();
        }
    }

    @Test
    void genericIsExactlyTheLanguagePagesMachine() {
        MachineConfig m = Preset.GENERIC.config();
        assertThat(m.cpus()).isEqualTo(1);
        assertThat(m.levels()).extracting(CacheLevelConfig::name).containsExactly("l1i", "l1d", "l2");
        assertLevel(m, "l1i", 32 * 1024, 4, 64, false);
        assertLevel(m, "l1d", 32 * 1024, 4, 64, false);
        assertLevel(m, "l2", 256 * 1024, 8, 64, true);
        assertThat(m.pou()).isEqualTo(Point.level("l2"));
        assertThat(m.poc()).isEqualTo(Point.MEMORY);
        assertThat(m.tlbEntries()).isEqualTo(32);
        assertThat(m.wordBits()).isEqualTo(64);
        assertThat(m.pageBytes()).isEqualTo(4096);
        for (CacheLevelConfig l : m.levels()) {
            assertThat(m.invalidatePolicy(l.name())).as(l.name()).isEqualTo(InvalidatePolicy.ANY);
        }
        assertThat(m.disabledHits()).isEqualTo(DisabledHits.ANY);
        assertThat(m.walker()).isEqualTo(WalkerStart.ANY);
        assertThat(m.architecture()).isEqualTo(Architecture.ARMV8);
        assertThat(m.level("l1d").orElseThrow().describe()).isEqualTo("l1d 32K 4-way 64B pipt write-back write-allocate");
        assertThat(m.level("l2").orElseThrow().describe())
                .isEqualTo("l2 256K 8-way 64B pipt write-back write-allocate shared");
    }

    private static void assertLevel(MachineConfig m, String name, int bytes, int ways, int line, boolean shared) {
        CacheLevelConfig l = m.level(name).orElseThrow();
        assertThat(l.geometry().sizeBytes()).as(name).isEqualTo(bytes);
        assertThat(l.geometry().ways()).as(name).isEqualTo(ways);
        assertThat(l.geometry().lineBytes()).as(name).isEqualTo(line);
        assertThat(l.indexing()).as(name).isEqualTo(Indexing.PIPT);
        assertThat(l.writePolicy()).as(name).isEqualTo(WritePolicy.WRITE_BACK);
        assertThat(l.writeAllocate()).as(name).isTrue();
        assertThat(l.shared()).as(name).isEqualTo(shared);
        assertThat(l.system()).as(name).isFalse();
        assertThat(l.outer()).as(name).isFalse();
    }

    @Test
    void arm1136DataCacheAliasesAndDoesNotAllocateOnWrite() {
        // 32K 4-way: an 8K way over 4K pages gives 2 colours; ARM11 L1 is read-allocate only.
        MachineConfig m = Preset.ARM1136.config();
        CacheLevelConfig l1d = m.level("l1d").orElseThrow();
        assertThat(l1d.indexing()).isEqualTo(Indexing.VIPT);
        assertThat(l1d.colours(m.pageBytes())).isEqualTo(2);
        assertThat(l1d.writeAllocate()).isFalse();
        assertThat(m.architecture()).isEqualTo(Architecture.ARMV6);
        assertThat(m.level("l2")).isEmpty();
    }

    @Test
    void cortexA9HasAnOuterL2() {
        // A PL310 beside the core, maintained only by physical address.
        CacheLevelConfig l2 = Preset.CORTEX_A9.config().level("l2").orElseThrow();
        assertThat(l2.outer()).isTrue();
        assertThat(l2.shared()).isTrue();
        assertThat(l2.system()).isFalse();
    }

    @Test
    void everyPresetCitesAtLeastOneSource() {
        for (Preset p : Preset.values()) {
            assertThat(p.sources()).as(p.word()).isNotEmpty().allSatisfy(s -> assertThat(s).isNotBlank());
        }
    }

    @Test
    void byNameRoundTrips() {
        for (Preset p : Preset.values()) {
            assertThat(Preset.byName(p.word())).contains(p);
        }
        assertThat(Preset.byName("cortex-a53")).isEmpty();
        assertThat(Preset.byName("GENERIC")).isEmpty();
    }

    @Test
    void toBuilderStartsFromThePreset() {
        MachineConfig m = Preset.CORTEX_A15.toBuilder().cpus(2).build();
        assertThat(m.cpus()).isEqualTo(2);
        assertThat(m.walker()).isEqualTo(Preset.CORTEX_A15.config().walker());
        assertThat(m.levels()).isEqualTo(Preset.CORTEX_A15.config().levels());
    }
}
