package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.memory.PhysicalMemory;
import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.program.Value;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Final outcomes are told apart by their full value: outcomes whose hashes collide stay distinct. */
class OutcomeKeyTest {
    /**
     * Two RAM words whose memories share a hash code: RAM word 0 holding 33479 or 36480. Found by trying every value
     * from 1 up until two memories' hash codes met (the first pair); the assertions below check that they still do.
     */
    private static final long FIRST = 33479;
    private static final long SECOND = 36480;

    @TempDir
    Path dir;

    private static OutcomeKey ramWord(long value) {
        return new OutcomeKey(PhysicalMemory.zeroed().write(0, 8, value), List.of(RegisterFile.empty()), List.of());
    }

    @Test
    void keysWithEqualHashesButOtherRamAreTwo() {
        OutcomeKey a = ramWord(FIRST);
        OutcomeKey b = ramWord(SECOND);
        assertThat(a.hashCode()).as("the pair collides").isEqualTo(b.hashCode());
        assertThat(a).isNotEqualTo(b).isEqualTo(ramWord(FIRST));
        Set<OutcomeKey> set = new HashSet<>(List.of(a, b, ramWord(SECOND)));
        assertThat(set).hasSize(2);
    }

    @Test
    void registersTellOutcomesApartToo() {
        OutcomeKey zero = new OutcomeKey(PhysicalMemory.zeroed(), List.of(RegisterFile.empty().with(0, Value.of(0))),
                List.of());
        OutcomeKey fault = new OutcomeKey(PhysicalMemory.zeroed(), List.of(RegisterFile.empty().with(0, Value.FAULT)),
                List.of());
        assertThat(zero).isNotEqualTo(fault);
        assertThat(zero).as("a register set to 0 is not an unset one").isNotEqualTo(ramWord(0));
    }

    @Test
    void theCheckerCountsTheCollidingOutcomesAsTwo() {
        // Two threads store to one word with no cache: the last store wins, so RAM ends holding either value. No
        // register is set and nothing is cached, so the two final states' keys differ only in RAM, by memories
        // whose hash codes are equal (above): the keys' hash codes are equal too.
        Path f = Cli.write(dir, "race.scn", "scenario \"race\"\n"
                + "machine generic { cache l1i none; cache l1d none; cache l2 none }\n"
                + "thread a on cpu0 { store [0x0] = " + FIRST + " }\nthread b on cpu0 { store [0x0] = " + SECOND + " }\n"
                + "show ram[0x0]\n");
        ScenarioResult r = new ScenarioCheck(ScenarioLoader.load(f, "race.scn"), Bounds.NONE, null).check();
        assertThat(r.outcomes().finalOutcomes()).isEqualTo(2);
        assertThat(r.outcomes().rows()).extracting(row -> row.values().get(0))
                .containsExactly(Value.of(FIRST), Value.of(SECOND));
    }
}
