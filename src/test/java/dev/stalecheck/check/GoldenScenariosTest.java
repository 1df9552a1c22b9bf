package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.report.TextReport;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden scenarios: each {@code X.scn} carries its verdicts as {@code # verdict:} lines derived by hand (with the
 * reason), and {@code X.scn.expected} holds the text report. {@code -Dpromote=true} rewrites the expected reports
 * after a deliberate change, but never when a verdict differs from the hand-derived one.
 */
class GoldenScenariosTest {
    private static final Path DIR = Path.of("src/test/resources/golden");
    /** The 2010-thread library: its expected reports live under golden/seed, away from the examples. */
    private static final Path SEED = Path.of("examples/seed");
    /** The classic barrier pairs under {@code ordering armv8}: expected reports under golden/ordering. */
    private static final Path ORDERING = Path.of("examples/ordering");
    private static final Pattern VERDICT = Pattern.compile("^# verdict:\\s*([A-Z]+)", Pattern.MULTILINE);

    static Stream<Path> scenarios() throws IOException {
        List<Path> all = new java.util.ArrayList<>();
        for (Path dir : List.of(DIR, SEED, ORDERING)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }

    private static Path expectedFor(Path file) {
        if (file.startsWith(SEED) || file.startsWith(ORDERING)) {
            return DIR.resolve(file.getParent().getFileName()).resolve(file.getFileName() + ".expected");
        }
        return Path.of(file + ".expected");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void verdictsAreTheHandDerivedOnesAndTheReportIsStable(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> handDerived = VERDICT.matcher(text).results().map(m -> m.group(1)).toList();
        assertThat(handDerived).as("every golden scenario states its verdicts").isNotEmpty();

        String shown = (file.startsWith(SEED) ? "seed/" : file.startsWith(ORDERING) ? "ordering/" : "golden/")
                + file.getFileName();
        ScenarioResult result = new ScenarioCheck(ScenarioLoader.load(file, shown), Bounds.NONE, null).check();
        assertThat(result.results()).extracting(r -> r.verdict().name()).as(shown + " verdicts")
                .containsExactlyElementsOf(handDerived);

        StringWriter report = new StringWriter();
        new TextReport(new PrintWriter(report)).print(result);
        Path expected = expectedFor(file);
        if (Boolean.getBoolean("promote") || !Files.exists(expected)) {
            if (!Boolean.getBoolean("promote")) {
                throw new AssertionError(expected + " is missing: run mvn test -Dpromote=true to write it, then review it");
            }
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, report.toString(), StandardCharsets.UTF_8);
        }
        assertThat(report.toString()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
        for (ConditionResult r : result.results()) {
            if (r.verdict().name().equals("FAILS") || r.verdict().name().equals("REACHABLE")) {
                assertThat(r.trace()).as("a failure or witness comes with its execution").isNotEmpty();
            }
        }
    }
}
