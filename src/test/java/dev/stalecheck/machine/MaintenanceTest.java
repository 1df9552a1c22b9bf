package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.dc;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static dev.stalecheck.support.Programs.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.support.Stepper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Maintenance semantics: invalidate policies, PoU vs PoC, set/way, and by-VA through the wrong colour. */
class MaintenanceTest {
    /** Identity mapping of the low 64 KB, normal write-back. */
    private static final Space ID = space("id", 0, 0, 0x10000);

    /** l1d 256B 2-way 32B (4 sets), l2 1K 2-way 32B shared; PoU l2, PoC memory. */
    private static MachineConfig twoLevels(InvalidatePolicy l1Invalidate) {
        return new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1d", 256, 2, 32)).cache(level("l2", 1024, 2, 32))
                .invalidate("l1d", l1Invalidate).invalidate("l2", InvalidatePolicy.DISCARD)
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
    }

    private static InitialLine dirtyL1(long pa, long value) {
        return new InitialLine(0, "l1d", pa, value, 8, true, -1);
    }

    private static InitialLine cleanL2(long pa, long value) {
        return new InitialLine(-1, "l2", pa, value, 8, false, -1);
    }

    private static Stepper run(MachineConfig m, List<InitialLine> cached, Op... ops) {
        Program p = program(List.of(), cached, cpuThread("t", 0, ID, List.of(), ops));
        return new Stepper(new Machine(m, p));
    }

    @Test
    void invalidateDiscardLosesTheDirtyData() {
        // invalidate l1d discard: the dirty line is dropped without a write-back; RAM keeps its 0.
        Stepper s = run(twoLevels(InvalidatePolicy.DISCARD), List.of(dirtyL1(0x1000, 0x11)), dc(Op.DcKind.IVAC, 0x1000));
        assertThat(s.outcomesOf(0)).hasSize(1);
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isZero();
        assertThat(s.last().effects()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Effect.LineChange.class,
                c -> assertThat(c.action()).isEqualTo(Effect.LineAction.DISCARDED)));
    }

    @Test
    void invalidateCleanWritesBackFirst() {
        // invalidate l1d clean: the dirty line is written back (to RAM: no outer level holds it), then dropped.
        Stepper s = run(twoLevels(InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x11)), dc(Op.DcKind.IVAC, 0x1000));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
    }

    @Test
    void invalidateAnyExploresBothAndFixesTheChoiceForTheExecution() {
        // invalidate l1d any: two outcomes, discard first (fine print 3); the choice is then fixed for l1d, so the
        // second ivac on another dirty line has a single outcome that follows it.
        Stepper s = run(twoLevels(InvalidatePolicy.ANY), List.of(dirtyL1(0x1000, 0x11), dirtyL1(0x1020, 0x22)),
                dc(Op.DcKind.IVAC, 0x1000), dc(Op.DcKind.IVAC, 0x1020));
        List<Outcome> first = s.outcomesOf(0);
        assertThat(first).hasSize(2);
        assertThat(first.get(0).labels()).extracting(Label::kind).containsExactly(ChoiceKind.INVALIDATE);
        assertThat(first.get(0).next().ram().word(0x1000)).isZero();
        assertThat(first.get(1).next().ram().word(0x1000)).isEqualTo(0x11);

        s.moveTo(first.get(0));
        List<Outcome> second = s.outcomesOf(0);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).labels()).isEmpty();
        assertThat(second.get(0).next().ram().word(0x1020)).as("discard stays chosen").isZero();
    }

    @Test
    void cleanToPouLeavesTheNextLevelDirtyAndCleanToPocReachesRam() {
        // pou l2: dc cvau cleans L1 only, so the data lands in L2 (which holds the line) and L2 becomes dirty;
        // RAM is untouched. dc cvac then visits L2 too (it lies before the PoC, memory) and RAM gets the value.
        Stepper s = run(twoLevels(InvalidatePolicy.DISCARD), List.of(dirtyL1(0x2000, 0x22), cleanL2(0x2000, 0)),
                dc(Op.DcKind.CVAU, 0x2000), dc(Op.DcKind.CVAC, 0x2000));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x2000).isClean()).isTrue();
        assertThat(s.line("l2", 0x2000).isDirty()).isTrue();
        assertThat(s.line("l2", 0x2000).read(0, 8)).isEqualTo(0x22);
        assertThat(s.ram(0x2000)).isZero();
        s.step(0);
        assertThat(s.line("l2", 0x2000).isClean()).isTrue();
        assertThat(s.ram(0x2000)).isEqualTo(0x22);
    }

    @Test
    void cleanToPocPassesThroughEveryLevelInnermostFirst() {
        // The L1 write-back goes into L2's copy first ("data written back by one level is in the next before that
        // level is visited"), then L2 writes it to RAM: the effects show that order.
        Stepper s = run(twoLevels(InvalidatePolicy.DISCARD), List.of(dirtyL1(0x2000, 0x33), cleanL2(0x2000, 0)),
                dc(Op.DcKind.CVAC, 0x2000));
        s.step(0);
        assertThat(s.ram(0x2000)).isEqualTo(0x33);
        assertThat(s.last().effects()).extracting(e -> e.getClass().getSimpleName()
                + (e instanceof Effect.LineChange c ? ":" + c.cacheName() + ":" + c.action() : ""))
                .containsExactly("LineChange:l2:RECEIVED_WRITE_BACK", "LineChange:cpu0.l1d:CLEANED", "RamWrite",
                        "LineChange:l2:CLEANED");
    }

    @Test
    void setWayHitsExactlyOneLine() {
        // l1d has 4 sets of 32B: 0x1000 and 0x1080 both index set 0 ((pa >> 5) & 3 == 0) and take ways 0 and 1 in
        // that order; 0x1020 is set 1. dc cisw l1d, 0, 1 must write back and drop only 0x1080.
        Stepper s = run(twoLevels(InvalidatePolicy.DISCARD),
                List.of(dirtyL1(0x1000, 1), dirtyL1(0x1080, 2), dirtyL1(0x1020, 3)),
                new Op.DataCacheBySetWay(Op.LineAction.CLEAN_INVALIDATE, "l1d", 0, 1));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1080)).isNull();
        assertThat(s.ram(0x1080)).isEqualTo(2);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x1020).isDirty()).isTrue();
        assertThat(s.ram(0x1000)).isZero();
        assertThat(s.ram(0x1020)).isZero();
    }

    @Test
    void wholeLevelCleanLeavesEveryLineClean() {
        Stepper s = run(twoLevels(InvalidatePolicy.DISCARD), List.of(dirtyL1(0x1000, 1), dirtyL1(0x1020, 3)),
                new Op.DataCacheWholeLevel(Op.LineAction.CLEAN, "l1d"));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isClean()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x1020).isClean()).isTrue();
        assertThat(s.ram(0x1000)).isEqualTo(1);
        assertThat(s.ram(0x1020)).isEqualTo(3);
    }

    @Test
    void byVaThroughAnotherColourMissesTheLine() {
        // ARMv6-style VIPT l1d 16K 2-way 32B: a way is 8K, twice a 4K page, so VA bit 12 is a colour bit.
        // The writer's alias 0xc0000000 has colour 0; the reader's alias 0x40001000 has colour 1. dc civac through
        // the reader's alias looks only at colour 1's set and misses: the dirty data stays in colour 0, RAM keeps
        // 0, and the reader's load fills colour 1 from RAM (a stale 0) while colour 0 holds 0x44.
        MachineConfig m = new MachineConfig.Builder("v6", Architecture.ARMV6)
                .cache(level("l1d", 16 * 1024, 2, 32, Indexing.VIPT, true))
                .invalidate("l1d", InvalidatePolicy.DISCARD).walker(WalkerStart.MEMORY).build();
        Space writer = space("writer", 0xc0000000L, 0x80000000L, 0x1000);
        Space reader = space("reader", 0x40001000L, 0x80000000L, 0x1000);
        Program p = program(
                cpuThread("w", 0, writer, List.of(), store(0xc0000000L, 0x44)),
                cpuThread("r", 0, reader, List.of(0), dc(Op.DcKind.CIVAC, 0x40001000L), load(1, 0x40001000L)));
        Stepper s = new Stepper(new Machine(m, p));
        s.step(0).step(1);
        assertThat(s.last().effects()).as("the civac touched nothing").isEmpty();
        assertThat(s.ram(0x80000000L)).isZero();
        s.step(1);
        assertThat(s.reg(1, 1)).isZero();
        assertThat(s.last().effects()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Effect.Hazard.class,
                h -> assertThat(h.kind()).isEqualTo(HazardKind.ALIAS_DIVERGENCE)));
    }

    @Test
    void maintenanceThatFaultsDoesNothingAndIsReported() {
        // 0x20000 is outside the thread's space: the by-VA operation faults, does nothing, and says so.
        Stepper s = run(twoLevels(InvalidatePolicy.DISCARD), List.of(dirtyL1(0x1000, 1)), dc(Op.DcKind.CIVAC, 0x20000));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.last().effects()).singleElement().isInstanceOfSatisfying(Effect.Hazard.class,
                h -> assertThat(h.kind()).isEqualTo(HazardKind.MAINTENANCE_FAULT));
    }

    @Test
    void outerOperationsAreTheOnlyWayToCleanAnOuterLevel() {
        // cortex-a9 style: l2 is an outer cache. dc civac (to PoC = memory) cleans L1 into the outer L2's copy, which
        // stays dirty: RAM still holds 0 until 'outer clean' writes it back by physical address.
        MachineConfig m = new MachineConfig.Builder("a9ish", Architecture.ARMV7)
                .cache(level("l1d", 256, 2, 32))
                .cache(new dev.stalecheck.config.CacheLevelConfig("l2",
                        new dev.stalecheck.config.CacheGeometry(1024, 2, 32), Indexing.PIPT,
                        dev.stalecheck.config.WritePolicy.WRITE_BACK, true, true, false, true))
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Stepper s = run(m, List.of(dirtyL1(0x3000, 0x55), cleanL2(0x3000, 0)),
                dc(Op.DcKind.CIVAC, 0x3000), new Op.OuterCacheOp(Op.OuterKind.CLEAN, 0x3000));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x3000)).isNull();
        assertThat(s.line("l2", 0x3000).isDirty()).isTrue();
        assertThat(s.ram(0x3000)).isZero();
        s.step(0);
        assertThat(s.ram(0x3000)).isEqualTo(0x55);
        assertThat(s.line("l2", 0x3000).isClean()).isTrue();
    }

    @Test
    void zvaAllocatesAZeroDirtyLineWithoutReadingMemory() {
        // dc zva on a cacheable write-back mapping: the L1D line becomes all zeros and dirty; RAM (0x77) is untouched
        // until the line is written back.
        Program p = program(List.of(new dev.stalecheck.program.RamInit(0x4000, 0x77, 8, 0)), List.of(),
                cpuThread("t", 0, ID, List.of(), dc(Op.DcKind.ZVA, 0x4008)));
        Stepper s = new Stepper(new Machine(twoLevels(InvalidatePolicy.DISCARD), p));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x4000).isDirty()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x4000).read(0, 8)).isZero();
        assertThat(s.ram(0x4000)).isEqualTo(0x77);
    }

    @Test
    void zvaThroughAWriteThroughMappingStillAllocatesDirtyInL1() {
        // The language page: "allocated dirty in L1D when cacheable" — normal-wt is cacheable, so RAM keeps 0x77
        // until the zero line is evicted.
        Program p = program(List.of(new dev.stalecheck.program.RamInit(0x4000, 0x77, 8, 0)), List.of(),
                cpuThread("t", 0, space("wt", 0, 0, 0x10000, dev.stalecheck.program.MemoryType.NORMAL_WT), List.of(),
                        dc(Op.DcKind.ZVA, 0x4000)));
        Stepper s = new Stepper(new Machine(twoLevels(InvalidatePolicy.DISCARD), p));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x4000).isDirty()).isTrue();
        assertThat(s.ram(0x4000)).isEqualTo(0x77);
    }

    @Test
    void zvaWithCachesOffWritesZerosToRam() {
        Program p = program(List.of(new dev.stalecheck.program.RamInit(0x4000, 0x77, 8, 0)), List.of(),
                cpuThread("t", 0, null, List.of(), dc(Op.DcKind.ZVA, 0x4000)));
        Stepper s = new Stepper(new Machine(twoLevels(InvalidatePolicy.DISCARD), p));
        s.step(0);
        assertThat(s.ram(0x4000)).isZero();
        assertThat(s.line("cpu0.l1d", 0x4000)).isNull();
    }
}
