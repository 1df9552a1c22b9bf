package dev.stalecheck.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.preset.Preset;
import dev.stalecheck.support.Cli;
import org.junit.jupiter.api.Test;

/** Costs derived by hand from the latency table (generic: l1d 4, l2 20, memory 100, barrier 10). */
class CostModelTest {
    private static final CostModel GENERIC = new CostModel(Preset.GENERIC.config(),
            LatencyTable.defaults(Preset.GENERIC.config()));

    @Test
    void oneDirtyLineFlushedThroughTwoLevels() {
        // dc civac: L1D lookup 4, dirty: written back into L2 (20); L2 lookup 20, now dirty: written to memory (100);
        // then the barrier 10. 4 + 20 + 20 + 100 + 10 = 154 cycles, 2 write-backs, 1 instruction.
        CostModel.Cost c = GENERIC.price(Strategy.CIVAC_LOOP, 64, 1.0);
        assertThat(c.cycles()).isEqualTo(154);
        assertThat(c.writeBacks()).isEqualTo(2);
        assertThat(c.operations()).isEqualTo(1);
    }

    @Test
    void aCleanLineCostsTheSameToInvalidateOrToFlush() {
        // The 2010 question: on a clean line neither writes anything back; both look the line up in L1D and L2:
        // 4 + 20 + barrier 10 = 34 cycles each.
        assertThat(GENERIC.price(Strategy.IVAC_LOOP, 64, 0).cycles()).isEqualTo(34);
        assertThat(GENERIC.price(Strategy.CIVAC_LOOP, 64, 0).cycles()).isEqualTo(34);
        assertThat(GENERIC.price(Strategy.CVAC_THEN_IVAC, 64, 0).cycles()).as("two passes, two barriers").isEqualTo(68);
    }

    @Test
    void aSetWayPassOverAFourSetCache() {
        // 256B 2-way 32B L1D: 4 sets x 2 ways = 8 slots, 8 dc cisw at 2 cycles = 16; the one dirty line is written to
        // memory (100); barrier 10. 126 cycles, 1 write-back, 8 instructions.
        MachineConfig m = new MachineConfig.Builder("tiny", Architecture.ARMV7)
                .cache(CacheLevelConfig.defaults("l1d", new CacheGeometry(256, 2, 32)))
                .walker(WalkerStart.MEMORY).build();
        CostModel tiny = new CostModel(m, LatencyTable.defaults(m));
        CostModel.Cost c = tiny.price(Strategy.SET_WAY, 32, 1.0);
        assertThat(c.cycles()).isEqualTo(126);
        assertThat(c.writeBacks()).isEqualTo(1);
        assertThat(c.operations()).isEqualTo(8);
        // The whole-level walk: 8 slots at 1 cycle, the write-back, the barrier: 118, one instruction.
        CostModel.Cost w = tiny.price(Strategy.WHOLE_LEVEL, 32, 1.0);
        assertThat(w.cycles()).isEqualTo(118);
        assertThat(w.operations()).isEqualTo(1);
    }

    @Test
    void anUncachedBufferCostsOnlyLookups() {
        // 1K uncached on generic: 16 lines x (4 + 20) + 10 = 394 for either loop.
        assertThat(GENERIC.price(Strategy.IVAC_LOOP, 1024, -1).cycles()).isEqualTo(394);
    }

    @Test
    void theCommandPrintsATableAndACrossover() {
        Cli.Result r = Cli.run("cost", "--size", "64K", "--state", "clean");
        assertThat(r.exit()).isZero();
        // 64K clean: 1,024 lines x 24 + 10 = 24,586 for a by-VA loop; set/way: (512 + 4,096) slots x 2 + 10 = 9,226.
        assertThat(r.out().lines()).anyMatch(l -> l.matches("dc civac loop +24,586 +0 +1,024"))
                .anyMatch(l -> l.matches("set/way over every level +9,226 +0 +4,608"));
        assertThat(r.out()).contains("set/way over every level: cheaper than every by-VA loop from 32K");
        assertThat(Cli.run("cost", "--state", "sticky").exit()).isEqualTo(2);
        assertThat(Cli.run("cost", "--latency", "l9=3").err()).contains("has no data level l9");
    }

    @Test
    void runCarriesACostAccount() throws Exception {
        // kvm-flush on generic with a 32-byte-line L1D: the store misses L1D and L2 (2 lookups, 1 memory read, fills in
        // both); dc civac looks at one line in each (the L1D copy is written back into L2, which then writes it to
        // memory); the load misses both again (the lines were invalidated) and reads memory. Cycles: L1D 3 x 4 + L2 3 x
        // 20 + memory 3 x 100 = 372.
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                Cli.run("run", "--json", "examples/kvm-flush.scn").out()).get("cost");
        var l1 = json.get("levels").get(0);
        assertThat(l1.get("cache").asText()).isEqualTo("cpu0.l1d");
        assertThat(l1.get("lookups").asLong()).isEqualTo(2);
        assertThat(l1.get("misses").asLong()).isEqualTo(2);
        assertThat(l1.get("write_backs").asLong()).isEqualTo(1);
        assertThat(l1.get("maintenance_lines").asLong()).isEqualTo(1);
        assertThat(json.get("memory_line_reads").asLong()).isEqualTo(2);
        assertThat(json.get("memory_writes").asLong()).isEqualTo(1);
        assertThat(json.get("maintenance").get("dc civac").asLong()).isEqualTo(1);
        assertThat(json.get("cycles").asLong()).isEqualTo(372);
    }
}
