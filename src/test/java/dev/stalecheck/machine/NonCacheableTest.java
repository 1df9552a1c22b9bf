package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static dev.stalecheck.support.Programs.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.DisabledHits;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.support.Stepper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-cacheable accesses and disabled caches, as the language page and its fine print 2 say. */
class NonCacheableTest {
    private static MachineConfig machine(DisabledHits hits) {
        return new MachineConfig.Builder("test", Architecture.ARMV7).cache(level("l1d", 256, 2, 32))
                .disabledHits(hits).walker(WalkerStart.MEMORY).build();
    }

    private static Stepper run(DisabledHits hits, Space space, InitialLine line, Op... ops) {
        Program p = program(List.of(), List.of(line), cpuThread("t", 0, space, List.of(), ops));
        return new Stepper(new Machine(machine(hits), p));
    }

    private static final InitialLine DIRTY_7 = new InitialLine(0, "l1d", 0x1000, 7, 8, true, -1);
    private static final InitialLine CLEAN_9 = new InitialLine(0, "l1d", 0x1000, 9, 8, false, -1);

    @Test
    void aNonCacheableReadOfADirtyLineMayReturnRamOrTheDirtyCopy() {
        // normal-nc: RAM (0) first, then the dirty copy (7); both carry the nc-dirty-alias hazard.
        Stepper s = run(DisabledHits.NO, space("nc", 0, 0, 0x10000, MemoryType.NORMAL_NC), DIRTY_7, load(1, 0x1000));
        List<Outcome> all = s.outcomesOf(0);
        assertThat(all).extracting(o -> o.next().thread(0).registers().get(1).bits()).containsExactly(0L, 7L);
        assertThat(all).allSatisfy(o -> assertThat(o.effects()).anySatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(Effect.Hazard.class, h -> assertThat(h.kind()).isEqualTo(HazardKind.NC_DIRTY_ALIAS))));
    }

    @Test
    void aNonCacheableStoreWritesRamAndLeavesTheDirtyCopy() {
        Stepper s = run(DisabledHits.NO, space("nc", 0, 0, 0x10000, MemoryType.DEVICE), DIRTY_7, store(0x1000, 3));
        s.step(0);
        assertThat(s.ram(0x1000)).isEqualTo(3);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).as("a later write-back would overwrite the 3").isTrue();
    }

    @Test
    void withTheMmuOffAccessesReadRamAndNeverHit() {
        // No 'in': MMU and caches off; physical, non-cacheable. disabled-hits never applies with the MMU off, so even
        // with 'yes' the clean copy (9) is not read: RAM's 0 is.
        Stepper s = run(DisabledHits.YES, null, CLEAN_9, load(1, 0x1000));
        s.step(0);
        assertThat(s.reg(0, 1)).isZero();
    }

    @Test
    void disabledHitsYesReadsThePresentLine() {
        Space id = space("id", 0, 0, 0x10000);
        Stepper s = run(DisabledHits.YES, id, CLEAN_9, new Op.ControlChange(Op.ControlBit.CACHES, false), load(1, 0x1000));
        s.step(0);
        assertThat(s.outcomesOf(0)).hasSize(1);
        s.step(0);
        assertThat(s.reg(0, 1)).isEqualTo(9);
    }

    @Test
    void disabledHitsNoReadsRam() {
        Space id = space("id", 0, 0, 0x10000);
        Stepper s = run(DisabledHits.NO, id, CLEAN_9, new Op.ControlChange(Op.ControlBit.CACHES, false), load(1, 0x1000));
        s.step(0).step(0);
        assertThat(s.reg(0, 1)).isZero();
    }

    @Test
    void disabledHitsAnyIsChosenWhereItFirstMattersNoBeforeYes() {
        Space id = space("id", 0, 0, 0x10000);
        Stepper s = run(DisabledHits.ANY, id, CLEAN_9, new Op.ControlChange(Op.ControlBit.CACHES, false),
                load(1, 0x1000), load(2, 0x1000));
        s.step(0);
        List<Outcome> all = s.outcomesOf(0);
        assertThat(all).extracting(o -> o.next().thread(0).registers().get(1).bits()).containsExactly(0L, 9L);
        s.moveTo(all.get(1));
        assertThat(s.outcomesOf(0)).as("fixed once per execution").hasSize(1);
        s.step(0);
        assertThat(s.reg(0, 2)).isEqualTo(9);
    }

    @Test
    void disabledHitsYesStoreWritesThePresentLineAndMakesItDirty() {
        Space id = space("id", 0, 0, 0x10000);
        Stepper s = run(DisabledHits.YES, id, CLEAN_9, new Op.ControlChange(Op.ControlBit.CACHES, false), store(0x1000, 4));
        s.step(0).step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x1000).read(0, 8)).isEqualTo(4);
        assertThat(s.ram(0x1000)).isZero();
    }
}
