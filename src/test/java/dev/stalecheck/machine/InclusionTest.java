package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.r;
import static dev.stalecheck.support.Programs.space;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.ConfigException;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ProgramException;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.Space;
import dev.stalecheck.support.Stepper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An {@code inclusive} L2 (docs/semantics.md, inclusive levels): every L1D line is also in L2, and a line leaving L2
 * back-invalidates its L1D copies, a dirty copy's bytes going out with it. The machine: L1D 512 B 2-way 32 B lines
 * (8 sets), L2 128 B direct-mapped 32 B lines (4 sets), so 0x1000 and 0x1080 share L2 set 0 but sit in L1D sets 0
 * and 4.
 */
class InclusionTest {
    private static final Space ID = space("id", 0, 0, 0x10000);

    private static MachineConfig machine(boolean inclusive, InvalidatePolicy l2Invalidate) {
        CacheLevelConfig l2 = level("l2", 128, 1, 32);
        return new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1d", 512, 2, 32)).cache(inclusive ? l2.includingL1d() : l2)
                .invalidate("l2", l2Invalidate)
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
    }

    private static Stepper run(MachineConfig m, List<InitialLine> cached, Op... ops) {
        Program p = program(List.of(new RamInit(0x1000, 0x11, 8, 0)), cached, cpuThread("t", 0, ID, List.of(), ops));
        return new Stepper(new Machine(m, p));
    }

    private static InitialLine dirtyL1(long pa, long value) {
        return new InitialLine(0, "l1d", pa, value, 8, true, -1);
    }

    private static Event.Evict evictL2(Stepper s) {
        return new Event.Evict(s.machine().topology().instance(0, "l2"), 0, 0);
    }

    @Test
    void anInitialL1dLineIsCompletedInTheInclusiveLevelWithRamBytes() {
        // Inclusion holds from the start: the cached L1D line's L2 copy is added clean with RAM's bytes (0x11), not
        // the L1D line's dirty 0x5.
        Stepper s = run(machine(true, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5)));
        assertThat(s.line("l2", 0x1000)).isNotNull();
        assertThat(s.line("l2", 0x1000).isClean()).isTrue();
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(0x11);
        assertThat(run(machine(false, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5))).line("l2", 0x1000))
                .as("without inclusion nothing is added").isNull();
    }

    @Test
    void anInitialL1dLineWhoseInclusiveSetIsFullIsAnInputError() {
        // L2 is direct-mapped and its set 0 already holds 0x1080: 0x1000 cannot be added.
        assertThatThrownBy(() -> run(machine(true, InvalidatePolicy.CLEAN), List.of(
                new InitialLine(-1, "l2", 0x1080, 0, 8, false, -1), dirtyL1(0x1000, 0x5))))
                .isInstanceOf(ProgramException.class).hasMessageContaining("inclusive l2");
    }

    @Test
    void evictingAnInclusiveLineTakesTheDirtyL1dCopyToRam() {
        // L2 holds 0x1000 clean (0x11), L1D dirty (0x5): the L2 eviction writes L1D's bytes into the L2 line, which
        // is then dirty and written back, so RAM gets 0x5 and neither cache keeps the line.
        Stepper s = run(machine(true, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5)));
        s.event(evictL2(s));
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("l2", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x5);
        assertThat(s.last().effects()).filteredOn(Effect.LineChange.class::isInstance)
                .extracting(e -> ((Effect.LineChange) e).action())
                .contains(Effect.LineAction.BACK_INVALIDATED, Effect.LineAction.EVICTED);
    }

    @Test
    void withoutInclusionTheL1dCopySurvivesAnL2Eviction() {
        Stepper s = run(machine(false, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5),
                new InitialLine(-1, "l2", 0x1000, 0x11, 8, false, -1)));
        s.event(evictL2(s));
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
    }

    @Test
    void evictingAnInclusiveLineDropsACleanL1dCopy() {
        // A clean L1D copy is dropped; RAM is untouched (the L2 line was clean too).
        Stepper s = run(machine(true, InvalidatePolicy.CLEAN), List.of(new InitialLine(0, "l1d", 0x1000, 0x11, 8,
                false, -1)));
        s.event(evictL2(s));
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
    }

    @Test
    void aFillsVictimInTheInclusiveLevelBackInvalidatesItsL1dCopyInAnotherSet() {
        // The load of 0x1080 fills L2 set 0, whose only way holds 0x1000: that victim leaves L2, so the dirty L1D
        // copy of 0x1000 (L1D set 0, not the load's set 4) goes to RAM with it.
        Stepper s = run(machine(true, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5)), load(1, 0x1080));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x5);
        assertThat(s.line("cpu0.l1d", 0x1080)).isNotNull();
        assertThat(s.line("l2", 0x1080)).isNotNull();
    }

    @Test
    void aDiscardingInvalidateOfTheInclusiveLevelLosesTheDirtyL1dBytes() {
        // dc iall l2 with 'invalidate l2 discard': the L1D bytes go into the L2 line, which is then discarded.
        Stepper s = run(machine(true, InvalidatePolicy.DISCARD), List.of(dirtyL1(0x1000, 0x5)),
                new Op.DataCacheWholeLevel(Op.LineAction.INVALIDATE, "l2"));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("l2", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
    }

    @Test
    void aCleaningInvalidateOfTheInclusiveLevelWritesTheDirtyL1dBytes() {
        Stepper s = run(machine(true, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5)),
                new Op.DataCacheWholeLevel(Op.LineAction.INVALIDATE, "l2"));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x5);
    }

    @Test
    void cleaningTheInclusiveLevelLeavesTheL1dCopy() {
        // A clean keeps the L2 line, so nothing leaves it: the L1D copy stays dirty.
        Stepper s = run(machine(true, InvalidatePolicy.CLEAN), List.of(dirtyL1(0x1000, 0x5)),
                new Op.DataCacheWholeLevel(Op.LineAction.CLEAN, "l2"));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
    }

    @Test
    void everyColourOfAVirtuallyIndexedL1dCopyIsBackInvalidated() {
        // Inclusion is per physical line: a VIPT L1D 16K 2-way 32B over 4K pages has two colours, and holds 0x1000 in
        // both (clean in colour 0, dirty 0x5 in colour 1). The L2 eviction of that physical line removes both copies
        // and takes the dirty colour's bytes to RAM.
        MachineConfig m = new MachineConfig.Builder("v6", Architecture.ARMV6)
                .cache(level("l1d", 16 * 1024, 2, 32, Indexing.VIPT, true))
                .cache(level("l2", 128, 1, 32).includingL1d())
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Stepper s = run(m, List.of(new InitialLine(0, "l1d", 0x1000, 0x11, 8, false, 0),
                new InitialLine(0, "l1d", 0x1000, 0x5, 8, true, 1)));
        assertThat(s.line("l2", 0x1000)).as("completed once for the physical line").isNotNull();
        s.event(evictL2(s));
        assertThat(s.line("cpu0.l1d", 0x1000)).as("no colour keeps it").isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x5);
    }

    @Test
    void anInstructionFillsVictimInTheInclusiveLevelBackInvalidatesTheL1dCopy() {
        // The fetch of 0x1080 fills L1I and L2 (the PoU); in L2's direct-mapped set 0 its victim is 0x1000, whose
        // dirty L1D copy goes to RAM. L1I itself is not included: the fetched line stays in it.
        MachineConfig m = new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1i", 512, 2, 32)).cache(level("l1d", 512, 2, 32))
                .cache(level("l2", 128, 1, 32).includingL1d())
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Stepper s = run(m, List.of(dirtyL1(0x1000, 0x5)), new Op.Fetch(r(1), 0x1080));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x5);
        assertThat(s.line("cpu0.l1i", 0x1080)).isNotNull();
    }

    @Test
    void anInclusiveLevelsEvictionLeavesL1iCopiesAlone() {
        // L1I is not included (the TRMs name the L1 data caches only): evicting L2's copy keeps the L1I line.
        MachineConfig m = new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1i", 512, 2, 32)).cache(level("l1d", 512, 2, 32))
                .cache(level("l2", 128, 1, 32).includingL1d())
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Stepper s = run(m, List.of(), new Op.Fetch(r(1), 0x1000));
        s.step(0);
        s.event(evictL2(s));
        assertThat(s.line("l2", 0x1000)).isNull();
        assertThat(s.line("cpu0.l1i", 0x1000)).isNotNull();
    }

    @Test
    void aSharedInclusiveLevelBackInvalidatesEveryCpusL1d() {
        // Two cpus share the inclusive L2. cpu0 holds 0x1000 dirty (0x5); cpu1's load of it is a coherent read miss
        // whose run outcome lets cpu0 keep its dirty copy and gives cpu1 a clean one. Evicting L2's line then empties
        // both L1Ds and takes cpu0's 0x5 to RAM.
        MachineConfig m = new MachineConfig.Builder("test", Architecture.ARMV7).cpus(2)
                .cache(level("l1d", 512, 2, 32)).cache(level("l2", 128, 1, 32).includingL1d())
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Program p = program(List.of(), List.of(dirtyL1(0x1000, 0x5)), cpuThread("t", 1, ID, List.of(), load(1, 0x1000)));
        Stepper s = new Stepper(new Machine(m, p));
        s.step(0);
        assertThat(s.reg(0, 1)).as("the coherent read sees cpu0's data").isEqualTo(0x5);
        assertThat(s.line("cpu1.l1d", 0x1000)).isNotNull();
        s.event(evictL2(s));
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("cpu1.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0x5);
    }

    @Test
    void aLevelOneCacheCannotBeInclusive() {
        assertThatThrownBy(() -> level("l1d", 512, 2, 32).includingL1d()).isInstanceOf(ConfigException.class);
    }

    @Test
    void anInclusiveLevelBypassingWriteThroughNeedsL1dToBypassToo() {
        // Else a normal-wt fill would put a line in L1D that the inclusive level may not hold.
        assertThatThrownBy(() -> new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1d", 512, 2, 32)).cache(level("l2", 128, 1, 32).bypassingWriteThrough().includingL1d())
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("wt-bypass");
    }
}
