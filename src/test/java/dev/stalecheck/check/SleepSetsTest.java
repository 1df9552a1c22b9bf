package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.SearchStats;
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
 * Sleep sets skip transitions whose target another order of the same commuting steps reaches at the same depth.
 * They must change nothing in the results: the same states, numbered alike, the same outcomes, hazards and
 * counterexamples. Only the number of transitions tried may fall.
 */
class SleepSetsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void theReportIsByteIdenticalWithAndWithoutSleepSets(Path file) {
        // Breadth-first search in a fixed successor order first reaches each state along the lexicographically
        // least shortest path to it, and no step of that path is ever asleep (Explorer's class comment): so both
        // searches number the states alike, and verdicts, counts, counterexamples and hazards' traces agree.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        ScenarioCheck with = new ScenarioCheck(scenario, Bounds.NONE.withWorkers(1), null, true);
        ScenarioCheck without = new ScenarioCheck(scenario, Bounds.NONE.withWorkers(1), null, false);
        assertThat(withoutSearch(with.check())).isEqualTo(withoutSearch(without.check()));
        assertThat(with.exploration().states()).isEqualTo(without.exploration().states());
        assertThat(with.exploration().transitions()).isLessThanOrEqualTo(without.exploration().transitions());
        // The same states are stored in the same order, so the search's shape agrees too.
        SearchStats a = with.exploration();
        SearchStats b = without.exploration();
        assertThat(new long[] {a.newStates(), a.depth(), a.peakQueue()})
                .containsExactly(b.newStates(), b.depth(), b.peakQueue());
    }

    @Test
    void aMaxStatesCutStopsAtTheSameState() {
        // The same numbering makes a --max-states cut stop at the same state: the 10-line ivac scaling case
        // (12,991 states in all) cut at 5,000, with two workers.
        Scenario scenario = ScenarioLoader.load(Cli.write(dir, "s.scn", ScalingScenario.text(10, "ivac")), "s.scn");
        Bounds cut = new Bounds(5_000, 0, false, 2);
        ScenarioCheck with = new ScenarioCheck(scenario, cut, null, true);
        ScenarioCheck without = new ScenarioCheck(scenario, cut, null, false);
        String a = withoutSearch(with.check());
        String b = withoutSearch(without.check());
        assertThat(with.exploration().isComplete()).isFalse();
        assertThat(with.exploration().states()).isEqualTo(5_000);
        assertThat(a).isEqualTo(b);
    }

    /**
     * The JSON without its {@code search} object: sleep sets skip transitions, so the transition counts there
     * legitimately differ (new states, depth and the cut do not, and are compared through the states and results).
     */
    private static String withoutSearch(ScenarioResult r) {
        try {
            ObjectNode o = (ObjectNode) MAPPER.readTree(JsonReport.render(r));
            assertThat(o.remove("search")).as("check JSON carries a search object").isNotNull();
            return o.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts with or without sleep sets, and without the partial-order reduction (PartialOrderTest pins its own). */
    private long[] statesAndTransitions(String text, boolean sleepSets) {
        Scenario scenario = ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn");
        ScenarioCheck c = new ScenarioCheck(scenario, Bounds.NONE.withWorkers(1), null,
                new Reductions(sleepSets, true, false));
        c.check();
        return new long[] {c.exploration().states(), c.exploration().transitions()};
    }

    @Test
    void threeEvictionsInAnyOrderAreTriedInOneOrder() {
        // Three dirty lines in different 16-byte blocks and no thread: the states are the 8 subsets of lines still
        // cached. Without sleep sets each subset of k lines tries its k evictions: 3*4 = 12 transitions. With them,
        // an eviction is not tried after a later-ordered one it commutes with, so each subset is entered once: 7.
        String text = "scenario \"three\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 64B 4-way 16B }\n"
                + "cached cpu0.l1d [0x0] = 1 dirty\ncached cpu0.l1d [0x10] = 2 dirty\ncached cpu0.l1d [0x20] = 3 dirty\n"
                + "show ram[0x0]\n";
        assertThat(statesAndTransitions(text, false)).containsExactly(8, 12);
        assertThat(statesAndTransitions(text, true)).containsExactly(8, 7);
    }

    @Test
    void aBarrierCommutesWithAnEviction() {
        // One dirty line A, no speculative fills, and a thread with one barrier: states (pc, A cached?) = 4. Without sleep sets: from
        // (0, A) the barrier and the eviction, from (0, -) the barrier, from (1, A) the eviction: 4 transitions.
        // With them, the barrier (which touches no memory) sleeps after the eviction it was tried before, so
        // (0, -) tries nothing: 3 transitions, the same 4 states.
        String text = "scenario \"barrier\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "cached cpu0.l1d [0x0] = 1 dirty\nspace s { 0 -> 0 size 4K }\nthread t on cpu0 in s { dsb }\n"
                + "explore { prefetch off }\n";
        assertThat(statesAndTransitions(text, false)).containsExactly(4, 4);
        assertThat(statesAndTransitions(text, true)).containsExactly(4, 3);
    }

    @Test
    void maintenanceOfTheEvictedLineDoesNotCommuteWithItsEviction() {
        // Without speculative fills, the thread cleans and invalidates the dirty line the hardware may evict: same block, so the two orders
        // are different steps and both are tried. States: (0, A dirty), (1, -, RAM 1) reached by dc civac, and
        // (0, -, RAM 1) reached by the eviction, whose dc civac then reaches (1, -, RAM 1) again: 3 states and
        // 3 transitions with or without sleep sets.
        String text = "scenario \"civac\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "cached cpu0.l1d [0x0] = 1 dirty\nspace s { 0 -> 0 size 4K }\nthread t on cpu0 in s { dc civac [0x0] }\n"
                + "explore { prefetch off }\n";
        assertThat(statesAndTransitions(text, false)).containsExactly(3, 3);
        assertThat(statesAndTransitions(text, true)).containsExactly(3, 3);
    }
}
