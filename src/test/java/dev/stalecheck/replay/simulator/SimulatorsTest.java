package dev.stalecheck.replay.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stalecheck.preset.Preset;
import dev.stalecheck.replay.ReplayRules;
import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.RefKind;
import org.junit.jupiter.api.Test;

/** The rule sets' simulators behind one interface: chosen by the rules, checked geometries, statistics records. */
class SimulatorsTest {
    private static final Geometry L1 = new Geometry(1024, 2, 32);
    private static final Geometry LL = new Geometry(8192, 4, 64);
    private static final Hierarchy CACHES = new Hierarchy(L1, L1, LL);

    @Test
    void eachRuleSetBuildsItsOwnSimulator() {
        assertThat(ReplayRules.CACHEGRIND.simulator(CACHES)).isInstanceOf(CachegrindSimulator.class);
        assertThat(ReplayRules.DINERO.simulator(CACHES)).isInstanceOf(DineroSimulator.class);
        assertThat(ReplayRules.model(Preset.GENERIC.config(), false)).isInstanceOf(ModelSimulator.class);
        assertThat(ReplayRules.fromWord("lru")).isEmpty();
        assertThat(ReplayRules.MODEL.takesGeometry()).isFalse();
        assertThatThrownBy(() -> ReplayRules.MODEL.simulator(CACHES)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGeometryIsCheckedWhenACacheIsBuiltAndNamesItself() {
        // 1024 B in 2 ways of 32 B lines: 16 sets. 1000 B in 3 ways of 64 B is not a power-of-two set count.
        assertThat(L1.sets()).isEqualTo(16);
        Geometry odd = new Geometry(1000, 3, 64);
        assertThat(odd.describe()).isEqualTo("1000B 3-way 64B");
        assertThatThrownBy(() -> ReplayRules.DINERO.simulator(new Hierarchy(L1, L1, odd))).hasMessage(
                "cache 1000B 3-way 64B: sets and line size must be powers of two");
    }

    @Test
    void everySimulatorReportsTheReferencesItWasToldOf() {
        // One instruction fetch and one load, each a compulsory miss in every level of every rule set.
        RefBatch b = new RefBatch();
        b.add(RefKind.INSTR, 0x1000, 4);
        b.add(RefKind.LOAD, 0x2000, 8);
        CachegrindSimulator cachegrind = new CachegrindSimulator(CACHES);
        cachegrind.accept(b);
        CachegrindStats c = cachegrind.statistics(2, 1);
        assertThat(c.counters().inOrder()).containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 0L, 0L, 0L);
        assertThat(c.references()).isEqualTo(2);
        assertThat(c.skipped()).isEqualTo(1);
        TraceSimulator dinero = ReplayRules.DINERO.simulator(CACHES);
        dinero.accept(b);
        DineroStats d = (DineroStats) dinero.statistics(2, 0);
        assertThat(d.caches()).extracting(DineroStats.Cache::name).containsExactly("l1-icache", "l1-dcache",
                "l2-ucache");
        assertThat(d.caches().get(2).misses().total()).as("both L1 misses go to L2 and miss there").isEqualTo(2);
        TraceSimulator model = ReplayRules.model(Preset.GENERIC.config(), true);
        model.accept(b);
        ModelStats m = (ModelStats) model.statistics(2, 0);
        assertThat(m.machine()).isEqualTo("generic");
        assertThat(m.memoryReads()).isEqualTo(2);
        assertThat(m.levels()).extracting(l -> l.missKinds().compulsory()).containsExactly(1L, 1L, 2L);
    }

    @Test
    void maintenanceOneLevelAtATimeWritesADirtyLineBackOnce() {
        // generic: L1D and L2, 64 B lines. A store leaves the line dirty in L1D (and clean in L2, which filled it).
        // A clean at L1D writes it back into L2 (true), leaving L1D clean; a second clean finds nothing dirty. The
        // write-back made L2's copy dirty: flushing L2's slots writes exactly one line back to memory.
        ModelSimulator sim = new ModelSimulator(Preset.GENERIC.config());
        RefBatch b = new RefBatch();
        b.add(RefKind.STORE, 0x4000, 8);
        sim.accept(b);
        assertThat(sim.dataLevels()).isEqualTo(2);
        assertThat(sim.isOuter(1)).isFalse();
        assertThat(sim.maintainLine(0, 0x4000, true, false)).isTrue();
        assertThat(sim.maintainLine(0, 0x4000, true, false)).isFalse();
        int written = 0;
        for (int slot = 0; slot < sim.slots(1); slot++) {
            written += sim.flushSlot(1, slot) ? 1 : 0;
        }
        assertThat(written).isEqualTo(1);
        assertThat(sim.statistics(1, 0).memoryWrites()).isEqualTo(1);
    }
}
