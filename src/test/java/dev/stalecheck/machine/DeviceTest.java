package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.deviceThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ValueExpr;
import dev.stalecheck.support.Stepper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bus masters at memory, at a shared level, and IO-coherent. */
class DeviceTest {
    private static MachineConfig machine() {
        return new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1d", 256, 2, 32)).cache(level("l2", 1024, 2, 32))
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
    }

    private static Stepper run(Point at, boolean coherent, List<InitialLine> cached, Op... ops) {
        Program p = program(List.of(), cached, deviceThread("dma", at, coherent, List.of(), ops));
        return new Stepper(new Machine(machine(), p));
    }

    private static final InitialLine L2_DIRTY = new InitialLine(-1, "l2", 0x1000, 0x22, 8, true, -1);
    private static final InitialLine L1_DIRTY = new InitialLine(0, "l1d", 0x1000, 0x11, 8, true, -1);

    @Test
    void aDeviceAtMemorySeesOnlyRam() {
        Stepper s = run(Point.MEMORY, false, List.of(L2_DIRTY), load(1, 0x1000));
        s.step(0);
        assertThat(s.reg(0, 1)).isZero();
    }

    @Test
    void aDeviceAtL2SeesL2ButNotL1() {
        Stepper s = run(Point.level("l2"), false, List.of(L2_DIRTY, L1_DIRTY), load(1, 0x1000));
        s.step(0);
        assertThat(s.reg(0, 1)).isEqualTo(0x22);
    }

    @Test
    void aDeviceWriteAtMemoryCanBeOverwrittenByALaterWriteBack() {
        // The DMA write reaches RAM, but L2 still holds the line dirty with older data: when hardware evicts it,
        // the write-back overwrites the device's data (a lost write).
        Stepper s = run(Point.MEMORY, false, List.of(L2_DIRTY), store(0x1000, 0x99));
        s.step(0);
        assertThat(s.ram(0x1000)).isEqualTo(0x99);
        int l2 = s.machine().topology().instance(0, "l2");
        var cs = s.state().cache(l2);
        s.event(new Event.Evict(l2, cs.setAt(0), cs.wayAt(0)));
        assertThat(s.ram(0x1000)).isEqualTo(0x22);
    }

    private static List<String> lostDeviceWrites(Stepper s) {
        return s.last().effects().stream().filter(e -> e instanceof Effect.Hazard h
                && h.kind() == HazardKind.LOST_DEVICE_WRITE).map(e -> ((Effect.Hazard) e).where()).toList();
    }

    @Test
    void aDeviceWriteUnderADirtyCopyWithOtherBytesIsALostDeviceWrite() {
        // At memory: L2's dirty 0x22 will overwrite the device's 0x99. At l2: the device writes L2's copy (on its
        // path), but L1's dirty 0x11 will be written back over it.
        assertThat(lostDeviceWrites(run(Point.MEMORY, false, List.of(L2_DIRTY), store(0x1000, 0x99)).step(0)))
                .containsExactly("l2");
        assertThat(lostDeviceWrites(run(Point.level("l2"), false, List.of(L2_DIRTY, L1_DIRTY), store(0x1000, 0x99))
                .step(0))).containsExactly("cpu0.l1d");
    }

    @Test
    void noLostDeviceWriteForEqualBytesOrACoherentDevice() {
        assertThat(lostDeviceWrites(run(Point.MEMORY, false, List.of(L2_DIRTY), store(0x1000, 0x22)).step(0)))
                .isEmpty();
        assertThat(lostDeviceWrites(run(Point.MEMORY, true, List.of(L2_DIRTY, L1_DIRTY), store(0x1000, 0x99))
                .step(0))).isEmpty();
    }

    @Test
    void aDeviceWriteAtL2UpdatesTheL2Copy() {
        Stepper s = run(Point.level("l2"), false, List.of(L2_DIRTY), store(0x1000, 0x99));
        s.step(0);
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(0x99);
        assertThat(s.ram(0x1000)).isZero();
    }

    @Test
    void aCoherentDeviceReadsTheNewestDirtyCopy() {
        // L1 (innermost) holds the newest data: 0x11, not L2's 0x22.
        Stepper s = run(Point.MEMORY, true, List.of(L2_DIRTY, L1_DIRTY), load(1, 0x1000));
        s.step(0);
        assertThat(s.reg(0, 1)).isEqualTo(0x11);
    }

    @Test
    void aCoherentDeviceWriteMergesTheNewestCopyThenDropsEveryCopy() {
        // Byte 0 is dirty in L1 (0x11); the device writes bytes 8..15. RAM ends with both, and no cache holds the
        // line, so no later write-back can overwrite the device's data.
        Stepper s = run(Point.MEMORY, true, List.of(L2_DIRTY, L1_DIRTY),
                new Op.Store(0x1008, 8, dev.stalecheck.program.ValueExpr.constant(0x99)));
        s.step(0);
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
        assertThat(s.ram(0x1008)).isEqualTo(0x99);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("l2", 0x1000)).isNull();
    }

    @Test
    void aCoherentDeviceWriteKeepsBytesOnlyAnOuterLargerDirtyLineHolds() {
        // L1 lines are 32B, L2 lines 64B. L2 holds 0x1020 dirty (1), a byte L1's dirty line 0x1000..0x101f does not
        // cover. Merging every dirty copy, outermost first, keeps that 1 in RAM when the copies are dropped.
        MachineConfig m = new MachineConfig.Builder("mixed", Architecture.ARMV7)
                .cache(level("l1d", 256, 2, 32)).cache(level("l2", 2048, 2, 64))
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Program p = program(List.of(), List.of(new InitialLine(-1, "l2", 0x1020, 1, 8, true, -1),
                new InitialLine(0, "l1d", 0x1000, 2, 8, true, -1)),
                deviceThread("dma", Point.MEMORY, true, List.of(), new Op.Store(0x1008, 8,
                        dev.stalecheck.program.ValueExpr.constant(3))));
        Stepper s = new Stepper(new Machine(m, p));
        s.step(0);
        assertThat(s.ram(0x1000)).isEqualTo(2);
        assertThat(s.ram(0x1008)).isEqualTo(3);
        assertThat(s.ram(0x1020)).isEqualTo(1);
    }

    @Test
    void aDeviceAtMemorySeesLevelsAtThePointOfCoherency() {
        // poc l2: L2 is seen by every observer, so a device at memory reads L2's dirty copy, not RAM.
        MachineConfig m = new MachineConfig.Builder("poc-l2", Architecture.ARMV7)
                .cache(level("l1d", 256, 2, 32)).cache(level("l2", 1024, 2, 32))
                .pou(Point.level("l2")).poc(Point.level("l2")).walker(WalkerStart.MEMORY).build();
        Program p = program(List.of(), List.of(L2_DIRTY),
                deviceThread("dma", Point.MEMORY, false, List.of(), load(1, 0x1000)));
        Stepper s = new Stepper(new Machine(m, p));
        s.step(0);
        assertThat(s.reg(0, 1)).isEqualTo(0x22);
    }

    @Test
    void aCoherentDeviceReadMayTakeACleanCopyThatDiffers() {
        // L1D holds 0x11 clean, L2 0x22 clean, RAM 0 (non-coherent writes left them so). No dirty copy: the newest
        // copy is RAM's 0; each differing clean copy may supply the read too (semantics item 23), L1D before L2.
        InitialLine l1 = new InitialLine(0, "l1d", 0x1000, 0x11, 8, false, -1);
        InitialLine l2 = new InitialLine(-1, "l2", 0x1000, 0x22, 8, false, -1);
        Stepper s = run(Point.MEMORY, true, List.of(l1, l2), load(1, 0x1000));
        assertThat(s.outcomesOf(0)).extracting(o -> o.next().thread(0).registers().get(1).bits())
                .containsExactly(0L, 0x11L, 0x22L);
    }

    @Test
    void aCoherentDeviceReadIgnoresCleanCopiesEqualToTheNewest() {
        // L2 dirty 0x22 is the newest; an L1D clean copy with the same 0x22 adds no outcome.
        InitialLine l1 = new InitialLine(0, "l1d", 0x1000, 0x22, 8, false, -1);
        Stepper s = run(Point.MEMORY, true, List.of(l1, L2_DIRTY), load(1, 0x1000));
        assertThat(s.outcomesOf(0)).hasSize(1);
        s.step(0);
        assertThat(s.reg(0, 1)).isEqualTo(0x22);
    }

    @Test
    void aCoherentDeviceThatAllocatesLeavesItsWriteDirtyInTheLevel() {
        // coherent allocate l2: L1D's dirty 0x11 is pushed to RAM and snooped away, then the line is allocated
        // dirty in L2 with the device's 0x99 over RAM's bytes; RAM keeps 0x11 until L2 writes the line back
        // (semantics item 32). A plain coherent device would have written 0x99 to RAM.
        Stepper s = run(Point.level("l2"), true, List.of(L1_DIRTY), new Op.Store(0x1008, 8,
                ValueExpr.constant(0x99)));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("l2", 0x1000).isDirty()).isTrue();
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(0x11);
        assertThat(s.line("l2", 0x1000).read(8, 8)).isEqualTo(0x99);
        assertThat(s.ram(0x1000)).isEqualTo(0x11);
        assertThat(s.ram(0x1008)).isZero();
    }

    @Test
    void aCleanCopyUnderANewerDirtyOneDoesNotSupplyACoherentDeviceRead() {
        // L1D dirty 0x11 over L2 clean 0, RAM 0: the ordinary state of a write-back hierarchy, with no non-coherent
        // write. L2's clean copy equals RAM, so it is not a copy a non-coherent write left behind: the coherent
        // device reads the newest, 0x11, and nothing else.
        InitialLine l2 = new InitialLine(-1, "l2", 0x1000, 0, 8, false, -1);
        Stepper s = run(Point.MEMORY, true, List.of(L1_DIRTY, l2), load(1, 0x1000));
        assertThat(s.outcomesOf(0)).extracting(o -> o.next().thread(0).registers().get(1).bits()).containsExactly(0x11L);
    }
}
