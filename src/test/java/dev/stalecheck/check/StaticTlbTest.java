package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.StaticTlbEntries;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static TLB entries ({@link StaticTlbEntries}: TLB entries no walk can ever change, left out of a state's identity)
 * must change nothing a user sees but the state and transition counts: verdicts, final outcomes, hazards and every
 * counterexample, on the shipped scenarios, the realistic ones with page tables and random ones with page tables
 * ({@link TableScenarios}), with every other reduction on and with none.
 */
class StaticTlbTest {
    /** Every reduction but static TLB entries. */
    static final Reductions WITHOUT = Reductions.ALL.withStaticTlb(false);

    @TempDir
    Path dir;

    private static void sameWithAndWithout(Path file) {
        TableReachTest.sameWithAndWithout(file, WITHOUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void shippedScenariosReportTheSameWithAndWithout(Path file) {
        // StaticTlbEntries' class comment: states that differ only in static entries are bisimilar step for step.
        sameWithAndWithout(file);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shadow-a15", "jit-2cpu", "jit-2cpu-no-ic", "bbm-a57-2cpu"})
    void realisticScenariosWithTablesReportTheSameWithAndWithout(String name) {
        sameWithAndWithout(Path.of("bench/realistic", name + ".scn"));
    }

    @Property(tries = 200)
    void randomTableScenariosReportTheSameWithAndWithout(
            @ForAll(supplier = TableScenarios.Shapes.class) TableScenarios.Shape shape) throws IOException {
        // With every other reduction on, and with none at all (a search the bound cuts is skipped: its counts
        // depend on the order).
        Path d = Files.createTempDirectory("static-tlb");
        String text = TableScenarios.text(shape);
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", text), "r.scn");
        ScenarioCheck plain = TableReachTest.check(scenario, Reductions.NONE, TableScenarios.BOUND);
        String plainJson = JsonReport.render(plain.check());
        Assume.that(plain.exploration().isComplete());
        ScenarioCheck alone = TableReachTest.check(scenario, Reductions.NONE.withStaticTlb(true), TableScenarios.BOUND);
        assertThat(TableReachTest.comparable(JsonReport.render(alone.check()))).as(text)
                .isEqualTo(TableReachTest.comparable(plainJson));
        Statistics.label("fewer states alone").collect(alone.exploration().states() < plain.exploration().states());
        // With every other reduction: compared when the search without static entries completes within the bound.
        ScenarioCheck without = TableReachTest.check(scenario, WITHOUT, TableScenarios.BOUND);
        String withoutJson = JsonReport.render(without.check());
        if (without.exploration().isComplete()) {
            assertThat(TableReachTest.comparable(JsonReport.render(
                    TableReachTest.check(scenario, Reductions.ALL, TableScenarios.BOUND).check()))).as(text)
                    .isEqualTo(TableReachTest.comparable(withoutJson));
        }
    }

    private long[] statesAndTransitions(String text, Reductions r) {
        return TableReachTest.statesAndTransitions(dir, text, r);
    }

    @Test
    void theSectionEntryOfOneLoadIsStatic() {
        // TableReachTest's one load through a section: 16 states and 56 transitions in the plain search (pc x TLB
        // holding the section's entry E or not x data line D x descriptor line T in L1D). Nothing stores, so the
        // one descriptor a walk of 0xc0000010 reads keeps its initial value and every walk gives E: E is static
        // and the TLB no longer tells states apart: pc x D x T, 8 states. Transitions: the walk and the drop only
        // add or remove E and are not tried, so at pc 0 the load and D's and T's fill or eviction (3 x 4), at
        // pc 1 D's and T's (2 x 4): 20.
        assertThat(statesAndTransitions(TableReachTest.ONE_LOAD, Reductions.NONE)).containsExactly(16, 56);
        assertThat(statesAndTransitions(TableReachTest.ONE_LOAD, Reductions.NONE.withStaticTlb(true)))
                .containsExactly(8, 20);
    }

    @Test
    void theSwitchTurnsItOff() throws IOException {
        // With the default reductions the one load has 6 states (TableReachTest: TLB x D at pc 0, the TLB alone at
        // pc 1); with E static the TLB no longer counts: D at pc 0 (2 states) and one state at pc 1, 3.
        Path f = Cli.write(dir, "s.scn", TableReachTest.ONE_LOAD);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(Cli.run("check", "--json", f.toString()).out()).get("states").asLong()).isEqualTo(3);
        assertThat(json.readTree(Cli.run("check", "--json", "--no-static-tlb", f.toString()).out()).get("states")
                .asLong()).isEqualTo(6);
    }

    private static StaticTlbEntries staticEntries(String text, Path dir) {
        Machine machine = ScenarioLoader.load(Cli.write(dir, "b.scn", text), "b.scn").machine();
        return StaticTlbEntries.of(machine);
    }

    @Test
    void aMappingThatIsRewrittenIsNotStatic() throws IOException {
        // Break-before-make on two A57s: the writer stores to the level-3 descriptor of VA 0x200000 (break, then
        // make) through the 2 MB block of VA 0. The block's descriptors (levels 0 to 2) are never written, so every
        // walk of the store's address gives the block entry: static, and a speculative walk of it is not tried.
        // A walk of 0x200000 reads the level-3 descriptor, which holds the old page, 0 or the new page: not static.
        String text = Files.readString(Path.of("bench/realistic/bbm-a57-2cpu.scn"));
        StaticTlbEntries entries = staticEntries(text, dir);
        Machine machine = ScenarioLoader.load(Cli.write(dir, "b.scn", text), "b.scn").machine();
        assertThat(entries.any()).isTrue();
        assertThat(entries.staticWalk(machine.initialState(), new Event.SpeculativeWalk(1, 1, 0x200000L))).isFalse();
        assertThat(anyStaticWalkBelow2M(entries, machine)).isTrue();
        // With a one-entry TLB a walk may need a victim, and which entries a TLB holds then matters: none is static.
        String small = text.replace("machine cortex-a57 { cpus 2 }", "machine cortex-a57 { cpus 2; tlb 1 }");
        assertThat(staticEntries(small, dir).any()).isFalse();
    }

    /** Whether a speculative walk of some address the program names below 2 MB is static. */
    private static boolean anyStaticWalkBelow2M(StaticTlbEntries entries, Machine machine) {
        for (ThreadProgram tp : machine.program().threads()) {
            for (Op op : tp.ops()) {
                Long va = Op.addressOf(op);
                if (va != null && va < 0x200000L
                        && entries.staticWalk(machine.initialState(), new Event.SpeculativeWalk(0, 0, va))) {
                    return true;
                }
            }
        }
        return false;
    }
}
