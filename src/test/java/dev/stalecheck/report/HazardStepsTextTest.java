package dev.stalecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every step number a text report gives a hazard is a step the text shows: {@code check} prints each hazard's
 * execution after the counterexamples, {@code run} refers to its one printed execution.
 */
class HazardStepsTextTest {
    private static final Pattern HAZARD = Pattern.compile("  (\\S+ at \\S+ \\(line 0x[0-9a-f]+\\)): .* \\[step (\\d+)"
            + " of the execution shown below\\]");

    @Test
    void eachHazardStepOfCheckIsPrintedInTheExecutionThatRevealsIt() {
        // The l1i divergence comes from hardware fills no counterexample of this scenario shows.
        String out = Cli.run("check", "src/test/resources/golden/armv6-alias-read.scn").out();
        List<String> lines = out.lines().toList();
        int hazards = 0;
        for (String l : lines) {
            Matcher m = HAZARD.matcher(l);
            if (!m.matches()) {
                continue;
            }
            hazards++;
            String step = m.group(2);
            int at = lines.indexOf("execution revealing " + m.group(1) + " at its step " + step + ":");
            assertThat(at).as("the execution of " + l).isPositive();
            List<String> trace = lines.subList(at + 1, lines.size()).stream().takeWhile(t -> !t.isEmpty()).toList();
            String last = trace.stream().filter(t -> t.matches(" *\\d+\\. .*")).reduce((a, b) -> b).orElseThrow();
            assertThat(last).as("its last step is the one named").startsWith(String.format("%4s. ", step));
            assertThat(trace.get(trace.size() - 1)).contains("hazard " + m.group(1).replaceAll(" \\(line (\\S+)\\)",
                    " (PA $1)"));
        }
        assertThat(hazards).isEqualTo(2);
    }

    @Test
    void runRefersToTheStepsOfItsOneExecution() {
        String out = Cli.run("run", "src/test/resources/golden/armv6-alias-read.scn").out();
        assertThat(out).contains("[step 3 above]").doesNotContain("execution revealing")
                .doesNotContain("of the execution shown below");
        assertThat(out.lines()).anyMatch(l -> l.startsWith("   3. g: r1 = load.w [0x40001000]"));
    }
}
