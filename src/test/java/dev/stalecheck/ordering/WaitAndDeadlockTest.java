package dev.stalecheck.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wait [A] == V} in both orderings, and the deadlock outcome of a wait nothing satisfies. */
class WaitAndDeadlockTest {
    @TempDir
    Path dir;

    private ScenarioResult check(String body) {
        String text = "scenario \"w\"\nmachine generic { cpus 1; cache l1d 64B 1-way 32B; cache l2 none; cache l1i none }\n"
                + body;
        return new ScenarioCheck(ScenarioLoader.load(Cli.write(dir, "w.scn", text), "w.scn"), Bounds.NONE, null).check();
    }

    @Test
    void aWaitSatisfiedByAnotherThreadLetsItGoOn() {
        // The poller can only pass its wait once the writer's store of 1 has performed; the same cpu's L1D is
        // coherent with itself, so the load after the wait reads 1 in every execution, and nothing deadlocks.
        ScenarioResult r = check("space k { 0x1000 -> 0x80001000 size 4K normal }\n"
                + "thread w on cpu0 in k { store [0x1000] = 1 }\n"
                + "thread p on cpu0 in k { wait [0x1000] == 1; r1 = load [0x1000] }\nexpect p.r1 == 1\n");
        assertThat(r.results().get(0).verdict().name()).isEqualTo("HOLDS");
        assertThat(r.outcomes().rows()).noneMatch(OutcomeRow::deadlock);
    }

    @Test
    void aWaitNothingSatisfiesIsADeadlockThatBreaksEveryExpectation() {
        // Nobody stores 2: the wait never passes, the thread never finishes. That execution is a deadlock: it
        // breaks the expectation (never a pass) and satisfies no exists, and the table shows it as such.
        ScenarioResult r = check("space k { 0x1000 -> 0x80001000 size 4K normal }\n"
                + "thread p on cpu0 in k { wait [0x1000] == 2; r1 = load [0x1008] }\n"
                + "expect p.r1 == 0\nexists p.r1 == 0\n");
        assertThat(r.results()).extracting(c -> c.verdict().name()).containsExactly("FAILS", "UNREACHABLE");
        assertThat(r.outcomes().rows()).hasSize(1).allMatch(OutcomeRow::deadlock);
        assertThat(r.results().get(0).trace()).as("the counterexample leads to the deadlock").isNotNull();
    }

    @Test
    void aDevicePollingRamMissesADoorbellLeftDirtyInTheCache() {
        // The cpu writes the doorbell through a cacheable mapping and never cleans it: the device (at memory)
        // sees it only if hardware happens to evict the dirty line. An execution where it does not is a deadlock,
        // and one where it does lets the device go on: both outcomes exist.
        ScenarioResult r = check("device dma at memory\nspace k { 0x1000 -> 0x80001000 size 4K normal }\n"
                + "thread cpu on cpu0 in k { store [0x1000] = 1 }\n"
                + "thread dev on dma { wait [0x80001000] == 1; r1 = load [0x80001000] }\nexpect dev.r1 == 1\n");
        assertThat(r.results().get(0).verdict().name()).isEqualTo("FAILS");
        assertThat(r.outcomes().rows()).anyMatch(OutcomeRow::deadlock).anyMatch(row -> !row.deadlock());
    }
}
