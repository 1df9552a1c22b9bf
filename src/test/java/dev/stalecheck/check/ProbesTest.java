package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import dev.stalecheck.support.ScalingScenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Probes (the program-order execution and seeded random ones, tried before the search) find easy failures at once;
 * the search stops once every verdict is decided and its outcome table budget is spent. A complete search must
 * print exactly what it printed without them.
 */
class ProbesTest {
    @TempDir
    Path dir;

    private Scenario load(String text) {
        return ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void aCompleteSearchReportsTheSameWithAndWithoutProbes(Path file) {
        // Every shipped scenario is searched to the end: the search's own first failing state (the shortest
        // counterexample) wins over a probe's, and a probe's final state is one the search also finds.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        String with = JsonReport.render(new ScenarioCheck(scenario, Bounds.NONE.withWorkers(1), null).check());
        String without = JsonReport.render(new ScenarioCheck(scenario, Bounds.NONE.withWorkers(1), null).probes(false)
                .check());
        assertThat(with).isEqualTo(without);
    }

    @Test
    void theProgramOrderExecutionDecidesAFailureTheCutSearchCannotReach() {
        // Scaling case N=10 with ivac and `invalidate l1d discard`: in program order every store leaves its line
        // dirty in L1D and every dc ivac discards it, so the device reads 0: the program-order probe breaks the
        // expect. A search cut at 20 states (depth 2 or so) reaches no final state (30 operations). The probe's
        // execution has no hardware event, so it is as short as any execution to a final state: 30 steps, proven.
        Scenario s = load(ScalingScenario.text(10, "ivac"));
        ScenarioResult r = new ScenarioCheck(s, new Bounds(20, 0, false, 1), null).check();
        ConditionResult c = r.results().get(0);
        assertThat(c.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(c.trace()).hasSize(30);
        assertThat(c.shortest()).isTrue();
        assertThat(r.outcomes().finalOutcomes()).isEqualTo(1);
        ScenarioResult noProbes = new ScenarioCheck(s, new Bounds(20, 0, false, 1), null).probes(false).check();
        assertThat(noProbes.results().get(0).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void aRandomProbeFindsAFailureThatNeedsAHardwareEvent() {
        // The DMA receive with the unmap in the wrong order (inner invalidate, then outer): the program-order
        // execution reads the device's value (no line is in any cache when the cpu reads), but a speculative refill
        // of L1 from the stale outer line between the two invalidates makes the load read the old value. A search
        // cut at 10 states (two or three breadth-first levels) cannot reach a final state; a random probe finds the
        // refill. Its execution needs at least one hardware event on top of the scenario's operations, so it is
        // proven shortest only if the search had explored every shorter execution, which 10 states do not.
        Scenario s = ScenarioLoader.load(Path.of("examples/dma-receive-unmap-order.scn"), "unmap-order.scn");
        ScenarioResult r = new ScenarioCheck(s, new Bounds(10, 0, false, 1), null).check();
        ConditionResult c = r.results().get(0);
        assertThat(c.verdict()).isEqualTo(Verdict.FAILS);
        assertThat(c.shortest()).isFalse();
        assertThat(c.trace()).anySatisfy(step -> assertThat(step.agent()).isEqualTo("hardware"));
        ScenarioResult full = new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null).check();
        assertThat(c.trace().size()).isGreaterThanOrEqualTo(full.results().get(0).trace().size());
    }

    @Test
    void theSearchStopsOnceEveryVerdictIsDecidedAndItsBudgetIsSpent() {
        // N=10 ivac has several thousand states in all. Its only expect is decided by the program-order probe, so
        // with a budget of 1,000 states the search stops at exactly 1,000, cut "decided", the verdict FAILS; with no
        // budget it is complete, stores as many states and prints the same report as a search without probes.
        Scenario s = load(ScalingScenario.text(10, "ivac"));
        ScenarioCheck cut = new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null).decidedBudget(1_000);
        ScenarioResult r = cut.check();
        assertThat(cut.exploration().states()).isEqualTo(1_000);
        assertThat(cut.exploration().cut()).isEqualTo(CutReason.DECIDED);
        assertThat(r.complete()).isFalse();
        assertThat(r.results().get(0).verdict()).isEqualTo(Verdict.FAILS);
        ScenarioCheck all = new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null).decidedBudget(Long.MAX_VALUE);
        ScenarioResult complete = all.check();
        assertThat(complete.complete()).isTrue();
        ScenarioCheck plain = new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null, Reductions.ALL).probes(false)
                .decidedBudget(Long.MAX_VALUE);
        assertThat(JsonReport.render(complete)).isEqualTo(JsonReport.render(plain.check()));
        assertThat(all.exploration().states()).isEqualTo(plain.exploration().states()).isGreaterThan(1_000);
    }

    @Test
    void aHoldingScenarioStillNeedsTheWholeSearch() {
        // civac writes every line back before dropping it: the expect holds, no probe can break it, and the verdict
        // comes only from the complete search.
        ScenarioCheck c = new ScenarioCheck(load(ScalingScenario.text(6, "civac")), Bounds.NONE.withWorkers(1), null)
                .decidedBudget(10);
        ScenarioResult r = c.check();
        assertThat(r.complete()).isTrue();
        assertThat(r.results().get(0).verdict()).isEqualTo(Verdict.HOLDS);
    }
}
