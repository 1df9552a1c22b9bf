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
                .contains("generic", "arm1136", "cortex-a8", "cortex-a9", "cortex-a15", "cortex-a57", "cortex-a53",
                        "cortex-a55", "cortex-a72", "cortex-a76", "neoverse-n1");
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
    void cortexA9WalksReadL1AndThePl310() {
        // A9 TRM 6.3: walks look up L1D for write-back tables; from L1 they go outward through the PL310, never
        // to RAM past it ('walker any' had a branch that did, a false alarm on Linux's flush_pmd_entry).
        assertThat(Preset.CORTEX_A9.config().walker()).isEqualTo(WalkerStart.L1);
    }

    @Test
    void cortexA8WalksStartAtL2() {
        // A8 TRM 3.2.31 Note: no walk from L1; the integrated L2 (the PoU) is where walks look first.
        MachineConfig m = Preset.CORTEX_A8.config();
        assertThat(m.walker()).isEqualTo(new WalkerStart.From(Point.level("l2")));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    void armv8PresetsHaveTheirSourcedValues() {
        // The figures of docs/presets.md: L1I/L1D geometry and indexing, L2, invalidate, walker, PoU/PoC, word, page.
        assertArmv8(Preset.CORTEX_A53, "l1i 32K 2-way 64B vipt", "l1d 32K 4-way 64B pipt", "l2 1M 16-way 64B pipt",
                InvalidatePolicy.CLEAN, DisabledHits.NO);
        assertArmv8(Preset.CORTEX_A55, "l1i 32K 4-way 64B vipt", "l1d 32K 4-way 64B pipt", "l2 256K 4-way 64B pipt",
                InvalidatePolicy.ANY, DisabledHits.ANY);
        assertArmv8(Preset.CORTEX_A72, "l1i 48K 3-way 64B pipt", "l1d 32K 2-way 64B pipt", "l2 1M 16-way 64B pipt",
                InvalidatePolicy.ANY, DisabledHits.ANY);
        assertArmv8(Preset.CORTEX_A76, "l1i 64K 4-way 64B pipt", "l1d 64K 4-way 64B pipt", "l2 512K 8-way 64B pipt",
                InvalidatePolicy.CLEAN, DisabledHits.ANY);
        assertArmv8(Preset.NEOVERSE_N1, "l1i 64K 4-way 64B pipt", "l1d 64K 4-way 64B pipt", "l2 1M 8-way 64B pipt",
                InvalidatePolicy.ANY, DisabledHits.ANY);
        // VIPT instruction caches: the A53's 16 KB way gives 4 colours, the A55's 8 KB way 2.
        assertThat(Preset.CORTEX_A53.config().level("l1i").orElseThrow().colours(4096)).isEqualTo(4);
        assertThat(Preset.CORTEX_A55.config().level("l1i").orElseThrow().colours(4096)).isEqualTo(2);
    }

    private static void assertArmv8(Preset p, String l1i, String l1d, String l2, InvalidatePolicy inv,
                                    DisabledHits hits) {
        MachineConfig m = p.config();
        assertThat(m.architecture()).as(p.word()).isEqualTo(Architecture.ARMV8);
        assertThat(m.levels()).as(p.word()).extracting(CacheLevelConfig::name).containsExactly("l1i", "l1d", "l2");
        assertThat(m.level("l1i").orElseThrow().describe()).as(p.word()).startsWith(l1i);
        assertThat(m.level("l1d").orElseThrow().describe()).as(p.word()).startsWith(l1d + " write-back write-allocate");
        assertThat(m.level("l2").orElseThrow().describe()).as(p.word()).startsWith(l2 + " write-back write-allocate shared");
        assertThat(m.invalidatePolicy("l1d")).as(p.word()).isEqualTo(inv);
        assertThat(m.invalidatePolicy("l2")).as(p.word()).isEqualTo(inv);
        assertThat(m.disabledHits()).as(p.word()).isEqualTo(hits);
        assertThat(m.walker()).as(p.word()).isEqualTo(WalkerStart.L1);
        assertThat(m.pou()).as(p.word()).isEqualTo(Point.level("l2"));
        assertThat(m.poc()).as(p.word()).isEqualTo(Point.MEMORY);
        assertThat(m.wordBits()).as(p.word()).isEqualTo(64);
        assertThat(m.pageBytes()).as(p.word()).isEqualTo(4096);
        // Several cpus, like the other multi-core presets: the L2 is one shared level.
        MachineConfig four = p.toBuilder().cpus(4).build();
        assertThat(four.cpus()).as(p.word()).isEqualTo(4);
        assertThat(four.warnings()).as(p.word()).isEmpty();
    }

    @Test
    void inclusionAndWriteThroughBypassFollowTheTrms() {
        // Inclusive L2 of L1D: Cortex-A15 TRM (DDI 0438E) "About the L2 memory system"; Cortex-A72 TRM (100095_0002)
        // "Strictly-enforced inclusion property with L1 data caches". No statement found for the A57 or A76.
        for (Preset p : new Preset[] {Preset.CORTEX_A15, Preset.CORTEX_A72}) {
            assertThat(p.config().level("l2").orElseThrow().inclusive()).as(p.word()).isTrue();
        }
        for (Preset p : new Preset[] {Preset.CORTEX_A57, Preset.CORTEX_A76, Preset.CORTEX_A53, Preset.CORTEX_A55,
                Preset.NEOVERSE_N1, Preset.CORTEX_A9, Preset.CORTEX_A8, Preset.GENERIC}) {
            assertThat(p.config().levels()).as(p.word()).noneMatch(CacheLevelConfig::inclusive);
        }
        // Write-through memory Non-cacheable in L1D and L2: A55 TRM (100442_0100) "Support for memory types", A76
        // TRM A7.3, A15 TRM (DDI 0438) 6.4.1.
        for (Preset p : new Preset[] {Preset.CORTEX_A15, Preset.CORTEX_A55, Preset.CORTEX_A76}) {
            assertThat(p.config().level("l1d").orElseThrow().wtBypass()).as(p.word()).isTrue();
            assertThat(p.config().level("l2").orElseThrow().wtBypass()).as(p.word()).isTrue();
        }
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
        assertThat(Preset.byName("cortex-a99")).isEmpty();
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
