package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The partial-order reduction ({@code PersistentSets}) keeps verdicts, final outcomes, hazards and the length of
 * every shortest counterexample; it may show a hazard on a longer execution, and another counterexample of the same
 * length. Checked on the shipped scenarios and on random ones, with the other reductions on and off.
 */
class PartialOrderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /**
     * What the reduction must keep: the report without state counts, with each counterexample replaced by its
     * length and each hazard by its kind, place and line.
     */
    static JsonNode kept(String json) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(json);
            n.remove("states");
            n.remove("search");
            for (JsonNode r : n.withArray("results")) {
                if (r.has("trace")) {
                    ((ObjectNode) r).put("trace", r.get("trace").size());
                }
            }
            for (JsonNode h : n.withArray("hazards")) {
                ((ObjectNode) h).remove("trace");
                ((ObjectNode) h).remove("detail");
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String report(Scenario s, Reductions r, long maxStates) {
        return JsonReport.render(new ScenarioCheck(s, new Bounds(maxStates, 0, false, 1), null, r)
                .decidedBudget(Long.MAX_VALUE).check());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void shippedScenariosKeepEverythingThatMatters(Path file) {
        // PersistentSets' class comment: every final state is reached at its depth, every hazard is still found.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        assertThat(kept(report(scenario, Reductions.ALL, Long.MAX_VALUE)))
                .isEqualTo(kept(report(scenario, new Reductions(true, true, false), Long.MAX_VALUE)));
    }

    @Provide
    Arbitrary<DeadLinesTest.Shape> shapes() {
        return new DeadLinesTest().shapes();
    }

    @Property(tries = 250)
    void randomScenariosKeepEverythingThatMatters(@ForAll("shapes") DeadLinesTest.Shape shape) throws IOException {
        // The same claim on random scenarios (prefetch on, one to three levels, an instruction cache with fetches,
        // devices, two cpus, page tables), against the plain search with no reduction at all, and with the partial-
        // order reduction alone.
        keepsWhatThePlainSearchFinds(DeadLinesTest.text(shape));
    }

    /** {@code text} reports the same with every reduction and with persistent sets alone as with none. */
    private static void keepsWhatThePlainSearchFinds(String text) throws IOException {
        Path d = Files.createTempDirectory("por");
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", text), "r.scn");
        String plain = report(scenario, Reductions.NONE, 40_000);
        Assume.that(JSON.readTree(plain).get("complete").asBoolean());
        JsonNode expected = kept(plain);
        assertThat(kept(report(scenario, Reductions.ALL, 40_000))).as(text).isEqualTo(expected);
        assertThat(kept(report(scenario, new Reductions(false, false, true), 40_000))).as(text).isEqualTo(expected);
    }

    @Property(tries = 80)
    void randomScenariosWithOperationsInFlightKeepEverythingThatMatters(@ForAll("shapes") DeadLinesTest.Shape shape)
            throws IOException {
        // PersistentSets, "Operations in flight": under ordering armv8 every thread event stays in the set; the same
        // claim against the plain search, with every reduction and with this one alone.
        keepsWhatThePlainSearchFinds(DeadLinesTest.text(shape).replaceFirst("\n", "\nexplore { ordering armv8 }\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.check.DeadLinesTest#orderingExamples")
    void orderingExamplesKeepEverythingThatMatters(Path file) {
        // The barrier examples (page tables, two cpus, operations in flight) with and without persistent sets.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        assertThat(kept(report(scenario, Reductions.ALL, Long.MAX_VALUE)))
                .isEqualTo(kept(report(scenario, new Reductions(true, true, false), Long.MAX_VALUE)));
    }

    @Test
    void withOperationsInFlightAnEvictionElsewhereWaitsForTheOperations() {
        // Under armv8 two stores to lines in different sets of a 2-set, 1-way L1D may perform in either order (no
        // barrier, different addresses). Every perform stays in the persistent set; a fill or eviction of line B
        // is tried only while an operation touches B's zone. The reduced search reaches the same four outcomes
        // (each line written back or not) in fewer states.
        String text = "scenario \"two\"\nexplore { ordering armv8 }\n"
                + "machine generic { cache l1i none; cache l2 none; cache l1d 32B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { store [0x0] = 1; store [0x10] = 2 }\n"
                + "show ram[0x0]\nshow ram[0x10]\n";
        Pair pair = withAndWithout(text, new Reductions(false, false, true), Reductions.NONE);
        assertThat(pair.with().exploration().states()).isLessThan(pair.without().exploration().states());
        assertThat(((ArrayNode) pair.kept().get("outcomes")).size()).isEqualTo(4);
    }

    /** Two checks of one scenario, already run, and what the first must keep. */
    private record Pair(ScenarioCheck with, ScenarioCheck without, JsonNode kept) {
    }

    /** Checks {@code text} with both reductions and asserts that what must be kept is the same. */
    private Pair withAndWithout(String text, Reductions with, Reductions without) {
        Scenario s = ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn");
        ScenarioCheck a = new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null, with);
        ScenarioCheck b = new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null, without);
        JsonNode keptA = kept(JsonReport.render(a.check()));
        assertThat(keptA).isEqualTo(kept(JsonReport.render(b.check())));
        return new Pair(a, b, keptA);
    }

    @Test
    void hardwareEventsOnOtherLinesWaitForTheOperationThatNeedsThem() {
        // One thread stores to two lines in different sets of a 2-set, 1-way L1D (16-byte lines), prefetch on.
        // Without the reduction, every state offers the fill and eviction of both lines. With it, while the store
        // to line A is next, only A's fill and eviction are tried (line B's wait); so the states with B filled
        // before the first store are never built. Both searches reach the same outcomes; the reduced one stores
        // fewer states.
        String text = "scenario \"two\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 32B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { store [0x0] = 1; store [0x10] = 2 }\n"
                + "show ram[0x0]\nshow ram[0x10]\n";
        Pair pair = withAndWithout(text, new Reductions(false, false, true), Reductions.NONE);
        assertThat(pair.with().exploration().states()).isLessThan(pair.without().exploration().states());
        ArrayNode outcomes = (ArrayNode) pair.kept().get("outcomes");
        assertThat(outcomes.size()).isEqualTo(4);
    }

    @Test
    void aBarrierIsTriedAloneAndTheEvictionWaitsForTheEnd() {
        // One dirty line A, no speculative fills, a thread with one barrier (SleepSetsTest: 4 states, 4 transitions
        // in the plain search). The barrier touches nothing, so from (pc 0, A) only the barrier is tried: (1, A).
        // There every thread has finished and every event is tried: the eviction gives (1, -). 3 states, 2
        // transitions; the final outcomes (A dirty, or A written back) are the same two.
        String text = "scenario \"barrier\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "cached cpu0.l1d [0x0] = 1 dirty\nspace s { 0 -> 0 size 4K }\nthread t on cpu0 in s { dsb }\n"
                + "explore { prefetch off }\nshow ram[0x0]\n";
        Pair pair = withAndWithout(text, new Reductions(true, true, true), new Reductions(true, true, false));
        ScenarioCheck with = pair.with();
        ScenarioCheck without = pair.without();
        assertThat(with.exploration().states()).isEqualTo(3);
        assertThat(with.exploration().transitions()).isEqualTo(2);
        assertThat(without.exploration().states()).isEqualTo(4);
    }

    @Test
    void withPageTablesEveryStateIsExpandedInFull() {
        // A review found that, with page tables, events far from the operation's zone matter: here the dirty L1 copy
        // of a new descriptor, evicted to RAM, lets a walk map 0xc0104000 to 0x80100000 and a speculative fill bring
        // that line in before the non-cacheable store of 1 to it; the table thread then reads the stale 0. With the
        // eviction delayed that witness was lost. Persistent sets now stay off in programs with page tables, so the
        // reduced search finds it too: the exists is REACHABLE either way.
        String text = "scenario \"p\"\nmachine generic { cache l1d 1K 1-way 16B; cache l1i 1K 1-way 16B; cache l2 none;"
                + " walker memory }\nram 0x80100000 = 0\nram 0x80200000 = 0x2222\n"
                + "pagetable pt format v7-short at 0x80004000 { map 0xc0104000 -> 0x80200000 size 4K page normal }\n"
                + "space s { 0xd0000000 -> 0x80000000 size 64K normal; 0xd0100000 -> 0x80100000 size 4K normal-nc }\n"
                + "thread w on cpu0 in s {\n  store.w [entry(pt, 0xc0104000) + 0x50000000] = desc(pt, page, 0x80100000, normal)\n"
                + "  store [0xd0100000] = 1\n}\nthread g on cpu0 in pt after w { r = load [0xc0104000] }\n"
                + "exists g.r == 0\nshow g.r\n";
        Scenario s = ScenarioLoader.load(Cli.write(dir, "p.scn", text), "p.scn");
        String with = JsonReport.render(new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null, Reductions.ALL).probes(false)
                .decidedBudget(Long.MAX_VALUE).check());
        String without = JsonReport.render(new ScenarioCheck(s, Bounds.NONE.withWorkers(1), null, Reductions.NONE)
                .probes(false).decidedBudget(Long.MAX_VALUE).check());
        assertThat(with).contains("\"verdict\":\"REACHABLE\"");
        assertThat(kept(with)).isEqualTo(kept(without));
    }
}
