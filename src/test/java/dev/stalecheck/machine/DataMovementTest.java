package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static dev.stalecheck.support.Programs.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.Space;
import dev.stalecheck.support.Stepper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fills, write-backs and stores, as "How data moves" says. */
class DataMovementTest {
    private static final Space ID = space("id", 0, 0, 0x10000);

    private static MachineConfig machine(boolean l1WriteAllocate) {
        return new MachineConfig.Builder("test", Architecture.ARMV7)
                .cache(level("l1d", 256, 2, 32, Indexing.PIPT, l1WriteAllocate)).cache(level("l2", 1024, 2, 32))
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
    }

    private static Stepper run(MachineConfig m, List<RamInit> ram, List<InitialLine> cached, Space space, Op... ops) {
        Program p = program(ram, cached, cpuThread("t", 0, space, List.of(), ops));
        return new Stepper(new Machine(m, p));
    }

    @Test
    void aLoadMissAllocatesCleanInEveryLevelBetween() {
        // Nothing is cached: the fill reads RAM and allocates clean in L2 (outermost first) and L1D.
        Stepper s = run(machine(true), List.of(new RamInit(0x1000, 0x99, 8, 0)), List.of(), ID, load(1, 0x1000));
        s.step(0);
        assertThat(s.reg(0, 1)).isEqualTo(0x99);
        assertThat(s.line("l2", 0x1000).isClean()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x1000).isClean()).isTrue();
        assertThat(s.last().effects()).filteredOn(Effect.LineChange.class::isInstance)
                .extracting(e -> ((Effect.LineChange) e).cacheName()).containsExactly("l2", "cpu0.l1d");
    }

    @Test
    void aWriteBackNeverAllocates() {
        // The dirty L1 line's eviction finds no copy in L2, so it goes to RAM; L2 still holds nothing.
        Stepper s = run(machine(true), List.of(), List.of(new InitialLine(0, "l1d", 0x1000, 0x5, 8, true, -1)), ID);
        int l1 = s.machine().topology().instance(0, "l1d");
        s.event(new Event.Evict(l1, 0, 0));
        assertThat(s.ram(0x1000)).isEqualTo(5);
        assertThat(s.line("l2", 0x1000)).isNull();
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
    }

    @Test
    void aWriteBackUpdatesTheNextHolderAndMarksItDirty() {
        Stepper s = run(machine(true), List.of(), List.of(new InitialLine(0, "l1d", 0x1000, 0x5, 8, true, -1),
                new InitialLine(-1, "l2", 0x1000, 0, 8, false, -1)), ID);
        s.event(new Event.Evict(s.machine().topology().instance(0, "l1d"), 0, 0));
        assertThat(s.line("l2", 0x1000).isDirty()).isTrue();
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(5);
        assertThat(s.ram(0x1000)).isZero();
    }

    @Test
    void aWriteBackWritesEveryByteIncludingOlderOnes() {
        // One dirty bit per line: L1 holds byte 0 = 1 (written) and byte 8 = 0 (never written, older); L2 holds the
        // newer 7 at byte 8 (as a device at l2 would leave it). The eviction copies all of L1's bytes: the 7 is lost.
        Stepper s = run(machine(true), List.of(), List.of(new InitialLine(0, "l1d", 0x1000, 1, 8, true, -1),
                new InitialLine(-1, "l2", 0x1008, 7, 8, true, -1)), ID);
        s.event(new Event.Evict(s.machine().topology().instance(0, "l1d"), 0, 0));
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(1);
        assertThat(s.line("l2", 0x1000).read(8, 8)).as("the newer byte was overwritten").isZero();
    }

    @Test
    void aStoreMissWithoutWriteAllocatePassesOutward() {
        // no-write-allocate L1: the store misses and passes to L2, which is write-allocate: L2 fills and goes dirty.
        Stepper s = run(machine(false), List.of(), List.of(), ID, store(0x1000, 0x42));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("l2", 0x1000).isDirty()).isTrue();
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(0x42);
    }

    @Test
    void aStoreMissWithWriteAllocateFillsThenDirtiesOnlyL1() {
        Stepper s = run(machine(true), List.of(), List.of(), ID, store(0x1000, 0x42));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isDirty()).isTrue();
        assertThat(s.line("l2", 0x1000).isClean()).isTrue();
        assertThat(s.ram(0x1000)).isZero();
    }

    @Test
    void aWriteThroughMappingUpdatesThePresentCopyAndRam() {
        // normal-wt: the present L1 copy is updated and stays clean, and the store always goes on to RAM.
        Space wt = space("wt", 0, 0, 0x10000, MemoryType.NORMAL_WT);
        Stepper s = run(machine(true), List.of(), List.of(new InitialLine(0, "l1d", 0x1000, 0, 8, false, -1)), wt,
                store(0x1000, 0x42));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000).isClean()).isTrue();
        assertThat(s.line("cpu0.l1d", 0x1000).read(0, 8)).isEqualTo(0x42);
        assertThat(s.ram(0x1000)).isEqualTo(0x42);
    }

    @Test
    void aFillIntoAFullSetOffersEveryWayAsVictimAndRunTakesLru() {
        // L1 set 0 holds 0x1000 (way 0) and 0x1080 (way 1); a load of 0x1100 (also set 0) must evict one of them:
        // check explores both ways, in ascending order; run evicts the least recently used.
        Stepper s = run(machine(true), List.of(), List.of(new InitialLine(0, "l1d", 0x1000, 1, 8, false, -1),
                new InitialLine(0, "l1d", 0x1080, 2, 8, false, -1)), ID, load(1, 0x1080), load(2, 0x1100));
        s.step(0);
        List<Outcome> all = s.outcomesOf(0);
        assertThat(all).hasSize(2);
        assertThat(all).extracting(o -> o.labels().get(0).text())
                .containsExactly("victim cpu0.l1d set 0 way 0", "victim cpu0.l1d set 0 way 1");
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).as("0x1000 was least recently used").isNull();
        assertThat(s.line("cpu0.l1d", 0x1080)).isNotNull();
    }

    @Test
    void aNarrowStoreChangesOnlyItsBytes() {
        Stepper s = run(machine(true), List.of(new RamInit(0x1000, 0x1122334455667788L, 8, 0)), List.of(), ID,
                new Op.Store(0x1002, 2, dev.stalecheck.program.ValueExpr.constant(0xABCD)), load(1, 0x1000));
        s.step(0).step(0);
        assertThat(s.reg(0, 1)).isEqualTo(0x11223344ABCD7788L);
    }

    @Test
    void aWriteThroughLevelNeverAllocatesOnAStoreMiss() {
        // "A write-through level ... updates a copy it has and always passes the store on": even with its default
        // write-allocate flag, a write-through L1 that misses does not fill; the store reaches L2 (write-back).
        MachineConfig m = new MachineConfig.Builder("wt", Architecture.ARMV7)
                .cache(new dev.stalecheck.config.CacheLevelConfig("l1d", new dev.stalecheck.config.CacheGeometry(256, 2, 32),
                        Indexing.PIPT, dev.stalecheck.config.WritePolicy.WRITE_THROUGH, true, false, false, false))
                .cache(level("l2", 1024, 2, 32))
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Stepper s = run(m, List.of(), List.of(), ID, store(0x1000, 0x42));
        s.step(0);
        assertThat(s.line("cpu0.l1d", 0x1000)).isNull();
        assertThat(s.line("l2", 0x1000).read(0, 8)).isEqualTo(0x42);
    }
}
