package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.support.Cli;
import dev.stalecheck.support.ScalingScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} past its memory: spilling changes nothing in the results; an exhausted budget ends in UNKNOWN. */
class SearchMemoryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void spillingAfterTenStatesGivesByteIdenticalJson() throws Exception {
        // The 8-line ivac case (4,607 states, a counterexample of 17 steps, hazards none) keeps only 10 states on
        // the heap: the state log's other entries and, from its first growth (3,072 fingerprints), the visited set
        // live in files. Numbering, counterexamples and counts come from the same sequence of answers, so the JSON
        // is the same byte for byte, with one worker and with two; the files are gone when the command returns.
        Path f = Cli.write(dir, "s.scn", ScalingScenario.text(8, "ivac"));
        Path spill = Files.createDirectory(dir.resolve("spill"));
        Cli.Result plain = Cli.run("check", "--no-partial-order", "--json", f.toString());
        for (String workers : new String[] {"1", "2"}) {
            Cli.Result spilled = Cli.run("check", "--no-partial-order", "--json", "--workers", workers, "--spill-after", "10",
                    "--spill-dir", spill.toString(), f.toString());
            assertThat(spilled.exit()).isEqualTo(1);
            assertThat(spilled.out()).isEqualTo(plain.out());
        }
        Cli.Result text = Cli.run("check", "--no-partial-order", "--spill-after", "10", "--spill-dir", spill.toString(),
                f.toString());
        assertThat(text.out()).contains("explored 4607 states").contains("spilled ")
                .contains("of the visited set and ").contains("of the state log to files in " + spill);
        assertThat(Cli.run("check", f.toString()).out()).doesNotContain("spilled");
        try (var files = Files.list(spill)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aMaxStatesCutIsTheSameWhenSpilling() {
        // The --max-states cut is decided by the count of stored fingerprints, wherever they are stored.
        Path f = Cli.write(dir, "s.scn", ScalingScenario.text(8, "ivac"));
        // (No probes: their program-order execution breaks the expect before the search and would decide it; no
        // partial-order reduction: the case keeps the 4,607 states of the plain search, well past the cut.)
        Cli.Result plain = Cli.run("check", "--no-probes", "--no-partial-order", "--json", "--max-states", "2000",
                f.toString());
        Cli.Result spilled = Cli.run("check", "--no-probes", "--no-partial-order", "--json", "--max-states", "2000",
                "--spill-after", "5",
                f.toString());
        assertThat(plain.exit()).isEqualTo(3);
        assertThat(spilled.out()).isEqualTo(plain.out());
    }

    @Test
    void aOneMegabyteBudgetStopsTheSearchWithUnknownAndExitThree() throws Exception {
        // Far more than 1 MB of the heap is live before the search starts (the command line, the scenario, the
        // test framework), so the first look after the first merged chunk (the initial state's) stops the search:
        // the expect is neither proved nor broken. The text report says so; the JSON is whole and the message goes
        // to stderr; no stack trace anywhere.
        Path f = Cli.write(dir, "s.scn", ScalingScenario.text(8, "ivac"));
        // (No probes: their program-order execution breaks the expect before the search and would decide it.)
        Cli.Result text = Cli.run("check", "--no-probes", "--memory", "1", f.toString());
        assertThat(text.exit()).isEqualTo(3);
        assertThat(text.out()).contains("UNKNOWN").contains("cut short by memory")
                .contains("search stopped: the memory budget of 1 MB was reached after ")
                .contains("(raise --memory or the JVM heap");
        assertThat(text.out() + text.err()).doesNotContain("Exception").doesNotContain("\tat ");

        Cli.Result json = Cli.run("check", "--no-probes", "--json", "--memory", "1", f.toString());
        assertThat(json.exit()).isEqualTo(3);
        JsonNode o = MAPPER.readTree(json.out());
        assertThat(o.get("complete").asBoolean()).isFalse();
        assertThat(o.get("results").get(0).get("verdict").asText()).isEqualTo("UNKNOWN");
        assertThat(json.err()).contains("search stopped: the memory budget of 1 MB was reached after ")
                .doesNotContain("Exception");
    }

    @Test
    void aSpillDirectoryThatCannotBeMadeStopsTheSearchWithUnknown() throws Exception {
        // The spill directory would be under a regular file: the search stops at the first spill (state 11) with
        // the reason, UNKNOWN and exit 3.
        Path f = Cli.write(dir, "s.scn", ScalingScenario.text(8, "ivac"));
        Path file = Files.writeString(dir.resolve("file"), "x");
        Cli.Result r = Cli.run("check", "--no-probes", "--spill-after", "10", "--spill-dir",
                file.resolve("sub").toString(), f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("UNKNOWN").contains("search stopped: cannot create a file in " + file.resolve("sub"))
                .doesNotContain("Exception");
    }

    @Test
    void aNegativeBudgetIsAnInputError() {
        Cli.Result r = Cli.run("check", "--memory", "-1", "examples/kvm-flush.scn");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--memory not negative");
        assertThat(r.out()).isEmpty();
    }
}
