package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Mapping;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ValueExpr;
import dev.stalecheck.support.Stepper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two cpus with private L1Ds and a shared L2, kept coherent for normal shareable memory (MOESI-style). */
class CoherenceTest {
    private static final Space ID = space("id", 0, 0, 0x10000);
    private static final InitialLine CPU0_DIRTY = new InitialLine(0, "l1d", 0x1000, 0xAA, 8, true, -1);

    private static MachineConfig machine() {
        return new MachineConfig.Builder("smp", Architecture.ARMV7).cpus(2)
                .cache(level("l1d", 256, 2, 32)).cache(level("l2", 1024, 2, 32))
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
    }

    private static Stepper run(Space space, Op... cpu1Ops) {
        Program p = program(List.of(), List.of(CPU0_DIRTY), cpuThread("t1", 1, space, List.of(), cpu1Ops));
        return new Stepper(new Machine(machine(), p));
    }

    @Test
    void aReadOfALineDirtyInAnotherCpuKeepsOrMigratesAndNeverWritesRam() {
        // keep first: cpu0 stays dirty and cpu1 gets a clean copy; migrate: cpu0's copy goes and cpu1's is dirty.
        // Either way cpu1 reads 0xAA and RAM still holds 0 (a dirty line is never written to RAM on the way).
        Stepper s = run(ID, load(1, 0x1000));
        List<Outcome> all = s.outcomesOf(0);
        assertThat(all).hasSize(2);
        assertThat(all).allSatisfy(o -> {
            assertThat(o.next().thread(0).registers().get(1).bits()).isEqualTo(0xAA);
            assertThat(o.next().ram().word(0x1000)).isZero();
        });
        s.moveTo(all.get(0));
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.line("cpu1.l1d", 0x1000).isClean()).isTrue();
        assertThat(s.line("l2", 0x1000)).as("a cache-to-cache read does not allocate shared levels").isNull();
        s.moveTo(all.get(1));
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("cpu1.l1d", 0x1000).isDirty()).isTrue();
    }

    @Test
    void aStoreTakesTheNewestDataAndRemovesOtherCopies() {
        // cpu1 writes bytes 8..15 of a line whose byte 0 is dirty (0xAA) in cpu0: read for ownership brings 0xAA
        // along, so no byte is lost, and cpu0's copy is removed.
        Stepper s = run(ID, new Op.Store(0x1008, 8, ValueExpr.constant(0xBB)));
        assertThat(s.outcomesOf(0)).hasSize(1);
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("cpu1.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.line("cpu1.l1d", 0x1000).read(0, 8)).isEqualTo(0xAA);
        assertThat(s.line("cpu1.l1d", 0x1000).read(8, 8)).isEqualTo(0xBB);
    }

    @Test
    void nonShareableMappingsAreNotKeptCoherent() {
        // nsh: cpu1 does not snoop cpu0, so its load fills from L2/RAM and reads the stale 0.
        Space nsh = new Space("nsh", List.of(new Mapping(0, 0, 0x10000, MemoryType.NORMAL, false)));
        Stepper s = run(nsh, load(1, 0x1000));
        assertThat(s.outcomesOf(0)).hasSize(1);
        s.step(0);
        assertThat(s.reg(0, 1)).isZero();
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
    }

    @Test
    void byVaMaintenanceReachesEveryCpusCaches() {
        // dc civac issued on cpu1 cleans and drops cpu0's dirty line (by-VA dc acts on every cpu's caches).
        Stepper s = run(ID, new Op.DataCacheByAddress(Op.DcKind.CIVAC, 0x1000));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.ram(0x1000)).isEqualTo(0xAA);
    }

    @Test
    void setWayOperationsReachOnlyTheIssuingCpu() {
        Stepper s = run(ID, new Op.DataCacheWholeLevel(Op.LineAction.CLEAN_INVALIDATE, "l1d"));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.ram(0x1000)).isZero();
    }

    private static Stepper cpu1Loads(InitialLine... cached) {
        Program p = program(List.of(), List.of(cached), cpuThread("t1", 1, ID, List.of(), load(1, 0x1000)));
        return new Stepper(new Machine(machine(), p));
    }

    @Test
    void aCleanCopyDifferingFromRamMaySupplyAnotherCpusRead() {
        // cpu0 holds 0xAA clean while RAM holds 0 (what a non-cacheable store under that copy leaves behind): the
        // interconnect may forward that clean line (semantics item 8). Usual source first: RAM's 0, then 0xAA; the
        // reader's copy is clean either way and cpu0 keeps its copy.
        Stepper s = cpu1Loads(new InitialLine(0, "l1d", 0x1000, 0xAA, 8, false, -1));
        List<Outcome> all = s.outcomesOf(0);
        assertThat(all).extracting(o -> o.next().thread(0).registers().get(1).bits()).containsExactly(0L, 0xAAL);
        assertThat(all.get(1).labels()).extracting(Label::kind).containsExactly(ChoiceKind.CLEAN_SUPPLIER);
        s.moveTo(all.get(1));
        assertThat(s.line("cpu1.l1d", 0x1000).isClean()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x1000).isClean()).isTrue();
        assertThat(s.line("l2", 0x1000)).as("a cache-to-cache fill does not allocate L2").isNull();
    }

    @Test
    void aCleanCopyEqualToTheUsualSourceMakesNoChoice() {
        // cpu0's clean copy holds what RAM holds: forwarding it would change nothing, so one outcome only.
        Stepper s = cpu1Loads(new InitialLine(0, "l1d", 0x1000, 0, 8, false, -1));
        assertThat(s.outcomesOf(0)).hasSize(1);
    }

    @Test
    void theUsualSourceOfACleanSupplyIsTheNextLevelNotRam() {
        // L2 holds 0xBB clean over RAM's 0 and cpu0's L1D holds 0xBB too: the usual fill takes L2's 0xBB, equal to
        // cpu0's copy, so no choice. With cpu0 holding 0xAA instead, both 0xBB (L2) and 0xAA (cpu0) are outcomes,
        // and never RAM's 0.
        Stepper same = cpu1Loads(new InitialLine(-1, "l2", 0x1000, 0xBB, 8, false, -1),
                new InitialLine(0, "l1d", 0x1000, 0xBB, 8, false, -1));
        assertThat(same.outcomesOf(0)).hasSize(1);
        Stepper differ = cpu1Loads(new InitialLine(-1, "l2", 0x1000, 0xBB, 8, false, -1),
                new InitialLine(0, "l1d", 0x1000, 0xAA, 8, false, -1));
        assertThat(differ.outcomesOf(0)).extracting(o -> o.next().thread(0).registers().get(1).bits())
                .containsExactly(0xBBL, 0xAAL);
    }

    @Test
    void withADirtyOwnerAndNoDifferingCleanCopyOnlyOwnershipIsChosen() {
        // cpu0 holds the line dirty (0xAA) and no other cpu holds it clean: the only choice is keep or migrate, so the
        // new choice adds nothing to programs without non-coherent writes.
        Stepper s = run(ID, load(1, 0x1000));
        assertThat(s.outcomesOf(0)).allSatisfy(o -> assertThat(o.labels()).extracting(Label::kind)
                .containsExactly(ChoiceKind.OWNERSHIP));
    }
}
