package dev.stalecheck.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.ScalingScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parallel expansion must not change anything a user sees: the search merges worker results in queue order, so
 * state numbering, listener calls, cut-offs, verdicts, counts and counterexamples must be those of one worker.
 */
class ParallelSearchTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void theReportIsByteIdenticalForOneAndFourWorkers(Path file) {
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        String one = JsonReport.render(new ScenarioCheck(scenario, Bounds.NONE.withWorkers(1), null).check());
        String four = JsonReport.render(new ScenarioCheck(scenario, Bounds.NONE.withWorkers(4), null).check());
        assertThat(four).isEqualTo(one);
    }

    @Test
    void everyListenerCallComesInTheSameOrder(@TempDir Path dir) throws IOException {
        // The scaling scenario with 12 lines and dc ivac: thousands of states, many final outcomes, many
        // levels of the breadth-first search; one worker's order of calls is the reference.
        Scenario scenario = ScenarioLoader.load(write(dir, ScalingScenario.text(12, "ivac")), "scaling.scn");
        Recorder one = record(scenario, Bounds.NONE.withWorkers(1));
        Recorder three = record(scenario, Bounds.NONE.withWorkers(3));
        assertThat(one.calls.size()).as("a search big enough to span many chunks").isGreaterThan(10_000);
        assertThat(three.calls).isEqualTo(one.calls);
        assertThat(three.exploration.states()).isEqualTo(one.exploration.states());
        assertThat(three.exploration.transitions()).isEqualTo(one.exploration.transitions());
    }

    @Test
    void aMaxStatesCutStopsAtTheSameTransition(@TempDir Path dir) throws IOException {
        // The cut is deterministic: the first transition that would store state 1001 ends the search, whatever
        // the workers had computed beyond it.
        Scenario scenario = ScenarioLoader.load(write(dir, ScalingScenario.text(12, "ivac")), "scaling.scn");
        Bounds cut = new Bounds(1000, 0, false, 1);
        Recorder one = record(scenario, cut);
        Recorder two = record(scenario, cut.withWorkers(2));
        assertThat(one.exploration.isComplete()).isFalse();
        assertThat(one.exploration.states()).isEqualTo(1000);
        assertThat(two.calls).isEqualTo(one.calls);
        assertThat(two.exploration.transitions()).isEqualTo(one.exploration.transitions());
        assertThat(JsonReport.render(new ScenarioCheck(scenario, cut.withWorkers(2), null).check()))
                .isEqualTo(JsonReport.render(new ScenarioCheck(scenario, cut, null).check()));
    }

    @Test
    void aTimeoutWithWorkersEndsTheSearchIncompleteAndStopsTheWorkers(@TempDir Path dir) throws Exception {
        // A 1 ms deadline is over before the first deadline check (after 256 expanded states; loading the classes
        // alone takes longer), so the search stops early and says why; the workers, which may be midway through a
        // chunk, stop too instead of expanding states nobody will merge.
        Scenario scenario = ScenarioLoader.load(write(dir, ScalingScenario.text(12, "ivac")), "scaling.scn");
        Recorder full = record(scenario, Bounds.NONE.withWorkers(1));
        Recorder cut = record(scenario, new Bounds(Long.MAX_VALUE, 1, false, 2));
        assertThat(cut.exploration.isComplete()).isFalse();
        assertThat(cut.exploration.cut()).isEqualTo(CutReason.TIMEOUT);
        assertThat(cut.exploration.states()).isLessThan(full.exploration.states());
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (searchThreadsAlive() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertThat(searchThreadsAlive()).as("worker threads still running after the search ended").isFalse();
    }

    private static boolean searchThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("stalecheck-search"));
    }

    private static Recorder record(Scenario scenario, Bounds bounds) {
        Recorder r = new Recorder();
        Explorer e = new Explorer(scenario.machine(), scenario.explore(), bounds);
        r.exploration = e.explore(r);
        return r;
    }

    /** Every listener call as text, in order. */
    private static final class Recorder implements SearchListener {
        final List<String> calls = new ArrayList<>();
        SearchStats exploration;

        @Override
        public void finalState(int stateId, MachineState state) {
            calls.add("final " + stateId + " " + Long.toHexString(state.fingerprint()));
        }

        @Override
        public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
            calls.add(parentId + " " + eventIndex + " " + outcomeIndex + " " + outcome.effects().size());
        }

        @Override
        public void progress(long states) {
            calls.add("progress " + states);
        }
    }

    private static Path write(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("scaling.scn"), text);
    }
}
