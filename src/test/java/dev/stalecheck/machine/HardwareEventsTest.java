package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spontaneous events the model offers: evictions of valid lines and speculative fills through eligible contexts. */
class HardwareEventsTest {
    private static MachineConfig machine() {
        return new MachineConfig.Builder("test", Architecture.ARMV6)
                .cache(level("l1d", 16 * 1024, 2, 32, Indexing.VIPT, true)).walker(WalkerStart.MEMORY).build();
    }

    private static final ExploreOptions FILLS_ONLY = new ExploreOptions(false, true, true, false);

    @Test
    void everyValidLineMayBeEvictedAndNothingElse() {
        Program p = program(List.of(), List.of(new InitialLine(0, "l1d", 0x1000, 1, 8, true, -1)),
                cpuThread("t", 0, null, List.of(), load(1, 0x1000)));
        Machine m = new Machine(machine(), p);
        assertThat(m.hardwareEvents(m.initialState(), new ExploreOptions(true, false, true, false)))
                .containsExactly(new Event.Evict(0, 128, 0));
        assertThat(m.hardwareEvents(m.initialState(), new ExploreOptions(false, false, true, false))).isEmpty();
    }

    @Test
    void speculativeFillsUseEveryColourOfEveryCacheableAlias() {
        // Two aliases of PA 0x80000000: 0xc0000000 (colour 0) and 0x40001000 (colour 1, VA bit 12 set). The line is
        // relevant because the load names it. One fill per colour is offered, colour 0 first.
        Space two = new Space("two", List.of(
                new dev.stalecheck.program.Mapping(0xc0000000L, 0x80000000L, 0x1000, MemoryType.NORMAL, true),
                new dev.stalecheck.program.Mapping(0x40001000L, 0x80000000L, 0x1000, MemoryType.NORMAL, true)));
        Program p = program(cpuThread("t", 0, two, List.of(), load(1, 0xc0000000L)));
        Machine m = new Machine(machine(), p);
        assertThat(m.hardwareEvents(m.initialState(), FILLS_ONLY)).containsExactly(
                new Event.SpeculativeFill(0, 0, 0x80000000L, 0xc0000000L, true),
                new Event.SpeculativeFill(0, 0, 0x80000000L, 0x40001000L, true));
    }

    @Test
    void noDataFillThroughANonCacheableMappingOrWithCachesOff() {
        Space nc = space("nc", 0xc0000000L, 0x80000000L, 0x1000, MemoryType.NORMAL_NC);
        Program p = program(cpuThread("t", 0, nc, List.of(), load(1, 0xc0000000L)));
        Machine m = new Machine(machine(), p);
        assertThat(m.hardwareEvents(m.initialState(), FILLS_ONLY)).isEmpty();

        Space id = space("id", 0xc0000000L, 0x80000000L, 0x1000);
        Program off = program(cpuThread("t", 0, id, List.of(),
                new Op.ControlChange(Op.ControlBit.CACHES, false), load(1, 0xc0000000L)));
        Machine m2 = new Machine(machine(), off);
        MachineState afterOff = m2.runOutcome(m2.initialState(), new Event.ThreadStep(0)).next();
        assertThat(m2.hardwareEvents(m2.initialState(), FILLS_ONLY)).hasSize(1);
        assertThat(m2.hardwareEvents(afterOff, FILLS_ONLY)).as("caches off: no speculative data fill").isEmpty();
    }

    @Test
    void aThreadWithoutASpaceGivesNoDataFills() {
        Program p = program(cpuThread("t", 0, null, List.of(), load(1, 0x80000000L)));
        Machine m = new Machine(machine(), p);
        assertThat(m.hardwareEvents(m.initialState(), FILLS_ONLY)).isEmpty();
    }

    @Test
    void aSpeculativeFillAllocatesCleanWithRamData() {
        Program p = program(List.of(new dev.stalecheck.program.RamInit(0x80000000L, 5, 8, 0)), List.of(),
                cpuThread("t", 0, space("id", 0xc0000000L, 0x80000000L, 0x1000), List.of(), load(1, 0xc0000000L)));
        Machine m = new Machine(machine(), p);
        Event fill = m.hardwareEvents(m.initialState(), FILLS_ONLY).get(0);
        MachineState after = m.runOutcome(m.initialState(), fill).next();
        var line = after.cache(0).lineAt(0);
        assertThat(line.physicalAddress()).isEqualTo(0x80000000L);
        assertThat(line.isClean()).isTrue();
        assertThat(line.read(0, 8)).isEqualTo(5);
    }
}
