package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The partial-order reduction in programs with page tables ({@code PersistentSets}, {@link Reductions#tablePartialOrder})
 * keeps verdicts, final outcomes, hazards (kind, place, line) and the length of every counterexample; it may show a
 * hazard on a longer execution, and another counterexample of the same length. Checked on the shipped scenarios,
 * the realistic ones with page tables and random ones ({@link TableScenarios}), against the plain search too.
 */
class TablePartialOrderTest {
    /** Every reduction but the partial-order reduction with page tables. */
    static final Reductions WITHOUT = new Reductions(true, true, true, true, false, true);

    @TempDir
    Path dir;

    private static JsonNode kept(Scenario s, Reductions r, long maxStates) {
        return PartialOrderTest.kept(JsonReport.render(TableReachTest.check(s, r, maxStates).check()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void shippedScenariosKeepEverythingThatMatters(Path file) {
        // PersistentSets' class comment: every final state is reached at its depth, every hazard is still found.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        assertThat(kept(scenario, Reductions.ALL, Long.MAX_VALUE)).isEqualTo(kept(scenario, WITHOUT, Long.MAX_VALUE));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shadow-a15", "jit-2cpu", "jit-2cpu-no-ic"})
    void realisticScenariosWithTablesKeepEverythingThatMatters(String name) {
        Path file = Path.of("bench/realistic", name + ".scn");
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        assertThat(kept(scenario, Reductions.ALL, Long.MAX_VALUE)).isEqualTo(kept(scenario, WITHOUT, Long.MAX_VALUE));
    }

    @Provide
    Arbitrary<TableScenarios.Shape> shapes() {
        return TableScenarios.shapes();
    }

    @Property(tries = 200)
    void randomTableScenariosKeepEverythingThatMatters(@ForAll("shapes") TableScenarios.Shape shape) throws IOException {
        // Against the plain search with no reduction at all, with every reduction, and with this one alone.
        keepsWhatThePlainSearchFinds(TableScenarios.text(shape));
    }

    /** {@code text} reports the same with every reduction and with persistent sets alone as with none. */
    private static void keepsWhatThePlainSearchFinds(String text) throws IOException {
        Path d = Files.createTempDirectory("table-por");
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", text), "r.scn");
        ScenarioCheck plain = TableReachTest.check(scenario, Reductions.NONE, TableScenarios.BOUND);
        JsonNode expected = PartialOrderTest.kept(JsonReport.render(plain.check()));
        Assume.that(plain.exploration().isComplete());
        assertThat(kept(scenario, Reductions.ALL, TableScenarios.BOUND)).as(text).isEqualTo(expected);
        ScenarioCheck alone = TableReachTest.check(scenario, new Reductions(false, false, true, false, true),
                TableScenarios.BOUND);
        assertThat(PartialOrderTest.kept(JsonReport.render(alone.check()))).as(text).isEqualTo(expected);
        Statistics.label("fewer states alone").collect(alone.exploration().states() < plain.exploration().states());
    }

    @Property(tries = 50)
    void randomTableScenariosWithOperationsInFlightKeepEverythingThatMatters(@ForAll("shapes") TableScenarios.Shape shape)
            throws IOException {
        // PersistentSets, "Operations in flight": page tables under ordering armv8 (early translations, tlbi
        // dropping them), against the plain search and with this reduction alone.
        keepsWhatThePlainSearchFinds(TableScenarios.text(shape).replaceFirst("\n", "\nexplore { ordering armv8 }\n"));
    }

    private long[] statesAndTransitions(String text, Reductions r) {
        return TableReachTest.statesAndTransitions(dir, text, r);
    }

    @Test
    void aFillOfALineNoOperationNeedsWaitsForTheEnd() {
        // TableReachTest's one load (16 states, 56 transitions in the plain search: pc x TLB x data line D x
        // descriptor line T). With the persistent sets alone, while the load is to come only it, the walk or TLB
        // drop, and D's fill or eviction are tried: D's block is marked (the load touches it), and T's line lies in
        // the other set of L1D, is settled (equal to RAM, never dirty) and is offered only through the section entry
        // that the walk gives too (a stable alias: the walk reads T's line, which nothing marked changes). So T's
        // fill waits, and no state at pc 0 holds T: 2 (TLB) x 2 (D) = 4 states, 3 transitions each. After the load
        // every state is expanded in full: the 8 states of pc 1, 3 transitions each. 12 states, 12 + 24 = 36.
        Reductions porAlone = new Reductions(false, false, true, false, true);
        assertThat(statesAndTransitions(TableReachTest.ONE_LOAD, porAlone)).containsExactly(12, 36);
        assertThat(statesAndTransitions(TableReachTest.ONE_LOAD, new Reductions(false, false, true, false, false)))
                .containsExactly(16, 56);
    }

    @Test
    void aDirtyDescriptorIsNotDelayedPastAWalkThatReadsMemory() {
        // With walker memory, the new descriptor the thread stores becomes visible to walks only once its dirty
        // line is written back: its eviction before the load gives r = 0x22, after it r = 0x11. The descriptor line
        // is then not settled, so its eviction stays in the persistent set while the load is to come, although the
        // load touches another line (in another set). (Delaying it lost the outcome 0x22.)
        String text = "scenario \"unsettled\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 256B 2-way 16B;"
                + " walker memory }\nram 0x80100010 = 0x11\nram 0x80200010 = 0x22\n"
                + "pagetable pt format v7-short at 0x80004000 {\n  map 0xc0000000 -> 0x80000000 size 1M section normal\n"
                + "  map 0xc0100000 -> 0x80100000 size 4K page normal\n}\nthread t on cpu0 in pt {\n"
                + "  store.w [entry(pt, 0xc0100000) + 0x40000000] = desc(pt, page, 0x80200000, normal)\n"
                + "  r = load [0xc0100010]\n}\nshow t.r\n";
        Scenario scenario = ScenarioLoader.load(Cli.write(dir, "u.scn", text), "u.scn");
        JsonNode plain = kept(scenario, Reductions.NONE, Long.MAX_VALUE);
        assertThat(plain.get("outcomes").size()).isEqualTo(2);
        assertThat(kept(scenario, new Reductions(false, false, true, false, true), Long.MAX_VALUE)).isEqualTo(plain);
        assertThat(kept(scenario, Reductions.ALL, Long.MAX_VALUE)).isEqualTo(plain);
        assertThat(statesAndTransitions(text, new Reductions(false, false, true, false, true))[0])
                .isLessThan(statesAndTransitions(text, Reductions.NONE)[0]);
    }
}
