package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.program.Value;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.run.ScenarioRun;
import dev.stalecheck.run.SingleExecution;
import dev.stalecheck.scenario.Condition;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one grading rule of run and check, on verdicts derived by hand. */
class GraderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "exists {0}, decided {1}, complete {2}: {3}")
    @CsvSource({
        // A final state that satisfies an exists, or breaks an expect, settles it whether the search ended or not.
        "true, true, true, REACHABLE",
        "true, true, false, REACHABLE",
        "false, true, true, FAILS",
        "false, true, false, FAILS",
        // Undecided: only a search that saw every final state may say the witness or counterexample does not exist.
        "true, false, true, UNREACHABLE",
        "false, false, true, HOLDS",
        "true, false, false, UNKNOWN",
        "false, false, false, UNKNOWN",
    })
    void theVerdictTable(boolean exists, boolean decided, boolean complete, Verdict expected) {
        assertThat(Grader.verdict(exists, decided, complete)).isEqualTo(expected);
    }

    /** A thread that stores 1 and reads it back (no caches: one execution), with four conditions on its r1. */
    private Scenario scenario() {
        return ScenarioLoader.load(Cli.write(dir, "g.scn", "scenario \"g\"\n"
                + "machine generic { cache l1i none; cache l1d none; cache l2 none }\n"
                + "thread t on cpu0 { store [0x0] = 1; r1 = load [0x0] }\n"
                + "expect t.r1 == 1\nexpect t.r1 == 2\nexists t.r1 == 1\nexists t.r1 == 2\n"), "g.scn");
    }

    @Test
    void aFinalStateDecidesTheExistsItSatisfiesAndTheExpectItBreaks() {
        // The end state has t.r1 = 1: "expect == 1" holds (not decided), "expect == 2" breaks (decided), "exists == 1"
        // is satisfied (decided), "exists == 2" is not (not decided).
        Scenario s = scenario();
        List<Outcome> steps = new SingleExecution(s.machine()).run();
        MachineState end = steps.get(steps.size() - 1).next();
        assertThat(s.conditions()).extracting(c -> Grader.decides(c, end)).containsExactly(false, true, true, false);
        assertThat(new Grader(s).terms()).as("the conditions name one term").containsExactly("t.r1");
        assertThat(new Grader(s).outcome(end)).containsExactly(Value.of(1));
    }

    @Test
    void aResultCarriesTheDecidingExecutionOnlyWhenDecided() {
        Scenario s = scenario();
        List<TraceStep> trace = List.of(new TraceStep(1, "t", "store [0x0] = 1", List.of(), List.of()));
        Condition expectTwo = s.conditions().get(1);
        ConditionResult failed = Grader.result(expectTwo, true, true, 0, trace, true);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(failed.trace()).isEqualTo(trace);
        assertThat(failed.condition()).isEqualTo("t.r1 == 2");
        ConditionResult open = Grader.result(s.conditions().get(3), false, false, 0, trace, true);
        assertThat(open.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(open.trace()).as("no execution decided it").isEmpty();
        assertThat(Grader.result(s.conditions().get(2), true, true, 1, trace, false).witnesses()).isEqualTo(1);
    }

    @Test
    void runAndCheckGradeThisScenarioAlike() {
        // With no caches there is one execution, so the one run and the complete search agree on every verdict.
        Scenario s = scenario();
        List<Verdict> run = ScenarioRun.run(s).results().stream().map(ConditionResult::verdict).toList();
        List<Verdict> check = new ScenarioCheck(s, Bounds.NONE, null).check().results().stream()
                .map(ConditionResult::verdict).toList();
        assertThat(run).containsExactly(Verdict.HOLDS, Verdict.FAILS, Verdict.REACHABLE, Verdict.UNREACHABLE);
        assertThat(check).isEqualTo(run);
    }
}
