package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.support.Cli;
import dev.stalecheck.support.ScalingScenario;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stalecheck check} as a user runs it: verdicts, exit codes, bounds, directories, JSON. */
class CheckCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theLanguagePagesExampleFailsWithIvac() {
        // Some execution leaves the PTE dirty in L1D until dc ivac discards it (invalidate l1d discard): r1 = 0.
        Cli.Result r = Cli.run("check", "examples/kvm-invalidate.scn");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("expect kvm.r1 == 0x80003013   FAILS")
                .contains("shortest execution breaking: kvm.r1 == 0x80003013")
                .contains("discarded dirty line cpu0.l1d set 0 way 0 (PA 0x80002000)")
                .contains("every execution of the model");
    }

    @Test
    void andHoldsWithCivac() {
        // dc civac writes any dirty copy back before dropping it, whatever hardware did before: r1 is the PTE.
        Cli.Result r = Cli.run("check", "examples/kvm-flush.scn");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("expect kvm.r1 == 0x80003013   HOLDS").doesNotContain("shortest execution");
    }

    @Test
    void theShortestCounterexampleHasThreeSteps() throws IOException {
        // No execution shorter than store, dc ivac, load can read 0: every thread operation is needed, and no
        // hardware event is (the store's dirty line is simply still there).
        JsonNode o = MAPPER.readTree(Cli.run("check", "--json", "examples/kvm-invalidate.scn").out());
        JsonNode trace = o.get("results").get(0).get("trace");
        assertThat(trace).hasSize(3);
        assertThat(trace.get(1).get("operation").asText()).isEqualTo("dc ivac [0x40002000]  (through qemu: PA 0x80002000)");
        assertThat(o.get("mode").asText()).isEqualTo("check");
        assertThat(o.get("complete").asBoolean()).isTrue();
    }

    @Test
    void aCutSearchGivesUnknownAndExitThreeAndDeterministicJson() {
        // 5 states are not enough to reach any final state, so the expect is neither proved nor broken.
        Cli.Result r = Cli.run("check", "--max-states", "5", "--json", "examples/kvm-flush.scn");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("\"complete\":false").contains("\"verdict\":\"UNKNOWN\"");
        assertThat(Cli.run("check", "--max-states", "5", "--json", "examples/kvm-flush.scn").out()).isEqualTo(r.out());
    }

    @Test
    void theJsonIsTheSameForOneWorkerAndThreeAndAZeroWorkerCountIsRefused() {
        // Workers only expand states; the merge keeps breadth-first order, so the output cannot depend on them.
        Cli.Result one = Cli.run("check", "--workers", "1", "--json", "examples/kvm-invalidate.scn");
        Cli.Result three = Cli.run("check", "--workers", "3", "--json", "examples/kvm-invalidate.scn");
        assertThat(one.exit()).isEqualTo(1);
        assertThat(three.exit()).isEqualTo(1);
        assertThat(three.out()).isEqualTo(one.out());
        Cli.Result zero = Cli.run("check", "--workers", "0", "examples/kvm-invalidate.scn");
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err()).contains("--workers must be at least 1").doesNotContain("Exception");
        assertThat(zero.out()).isEmpty();
    }

    @Test
    void aFailureFoundBeforeTheCutStaysDefinitive() {
        // The 3-step counterexample is found among the first 20 states (of 38 in all).
        Cli.Result r = Cli.run("check", "--max-states", "20", "examples/kvm-invalidate.scn");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAILS").contains("cut short by max-states");
    }

    @Test
    void directoriesGiveOneSummaryLinePerScenarioAndJsonLines() {
        Cli.write(dir, "a.scn", "scenario \"a\"\nspace s { 0 -> 0 size 4K }\nthread t on cpu0 in s { r1 = load [0x10] }\n"
                + "expect t.r1 == 0\n");
        Cli.write(dir, "b.scn", "scenario \"b\"\nthread t on cpu0 { bogus }\n");
        Cli.Result r = Cli.run("check", dir.toString());
        assertThat(r.exit()).as("an input error wins").isEqualTo(2);
        // The summary names each condition with its verdict.
        assertThat(r.out().lines()).singleElement().asString().contains("a.scn: \"a\": expect t.r1 == 0 HOLDS");
        assertThat(r.err()).contains("b.scn:2:20: unknown operation 'bogus'");
        Cli.Result json = Cli.run("check", "--json", dir.toString());
        assertThat(json.out().lines()).hasSize(2);
        assertThat(json.out().lines().toList().get(1)).startsWith("{\"file\":").contains("\"error\":");
    }

    @Test
    void theAuditProvesNoCollision() {
        Cli.Result r = Cli.run("check", "--audit-fingerprints", "examples/kvm-invalidate.scn");
        assertThat(r.out()).contains("audit: 0 collisions");
    }

    @Test
    void aTimeoutCutsTheSearchAndSaysSo() {
        // A microsecond is over long before the 5,978 states of this holding scenario are explored: the search stops
        // at its first deadline check, so the expect cannot be proved: UNKNOWN, exit 3.
        Path f = Cli.write(dir, "big.scn", ScalingScenario.text(12, "civac"));
        Cli.Result r = Cli.run("check", "--timeout", "0.000001", f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("UNKNOWN").contains("cut short by timeout");
    }

    @Test
    void restrictionsAreNamedBesideEachVerdict() {
        Cli.Result r = Cli.run("check", Cli.write(dir, "small.scn", ScalingScenario.text(2, "civac")).toString());
        assertThat(r.out()).contains("HOLDS (prefetch off)");
    }

    @Test
    void aCutSearchExplainsWhereItsStatesComeFrom() {
        // seed 07 has fills, walks and evictions of L1D and L1I, and no instruction fetch: 300 states cut it short
        // (without the probes, which would find its failure before the search and leave no verdict open).
        Cli.Result r = Cli.run("check", "--no-probes", "--max-states", "300",
                "examples/seed/07-shadow-fault-path-invalidate.scn");
        assertThat(r.exit()).isEqualTo(3);
        String out = r.out();
        String block = out.substring(out.indexOf("cut short by max-states"));
        assertThat(block).contains("where the states come from (search cut by max-states at depth ")
                .contains("300 states").contains("restrictions that would shrink it:")
                .contains("explore { prefetch off }").contains("gives up speculative fills and walks")
                .contains("cache l1i none");
        assertThat(block).containsPattern("\\n  thread +\\d+ +\\d+\\.\\d%\\n");
    }

    @Test
    void aCompleteShortSearchIsNotExplained() {
        assertThat(Cli.run("check", "examples/kvm-flush.scn").out()).doesNotContain("where the states come from");
    }

    @Test
    void aDirectorySummaryLineSaysWhenTheSearchWasCut() throws IOException {
        java.nio.file.Files.copy(Path.of("examples/kvm-flush.scn"), dir.resolve("a.scn"));
        java.nio.file.Files.copy(Path.of("examples/kvm-invalidate.scn"), dir.resolve("b.scn"));
        Cli.Result cut = Cli.run("check", "--max-states", "5", dir.toString());
        assertThat(cut.out().lines().toList()).hasSize(2).allMatch(l -> l.endsWith(" (cut: max-states)"));
        Cli.Result whole = Cli.run("check", dir.toString());
        assertThat(whole.out()).doesNotContain("cut:");
    }
}
