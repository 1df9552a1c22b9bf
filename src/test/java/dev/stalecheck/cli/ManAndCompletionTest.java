package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code stalecheck man} and {@code stalecheck completion} are generated from the command line's definition. */
class ManAndCompletionTest {
    @TempDir
    Path dir;

    @Test
    void theManPageDocumentsEveryCommandAndEveryVisibleOption() {
        Cli.Result r = Cli.run("man");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(".TH STALECHECK 1").contains(".SH NAME", ".SH SYNOPSIS", ".SH EXIT STATUS");
        // Exit code 4 is what the execution-exception handler in Main returns; the page must name it.
        assertThat(r.out()).contains("4 internal error");
        CommandLine root = new CommandLine(new Main());
        for (CommandLine sub : root.getSubcommands().values()) {
            String name = sub.getCommandName();
            if (name.equals("help")) {
                continue;
            }
            assertThat(r.out()).as(name).contains(".SS \"stalecheck " + name + "\"");
            for (OptionSpec o : sub.getCommandSpec().options()) {
                if (!o.hidden()) {
                    assertThat(r.out()).as(name + " " + o.longestName()).contains(ManCommand.escape(o.longestName()));
                }
            }
        }
        // No line may start with a dot or quote that roff would take for a request, except the page's own requests.
        for (String line : r.out().split("\n")) {
            if (line.startsWith(".") || line.startsWith("'")) {
                assertThat(line).matches("\\.(TH|SH|SS|TP|B) ?.*");
            }
        }
    }

    @Test
    void roffEscapesBackslashesDashesAndLeadingDots() {
        assertThat(ManCommand.escape("a\\b-c")).isEqualTo("a\\eb\\-c");
        assertThat(ManCommand.escape(".hidden")).isEqualTo("\\&.hidden");
    }

    @Test
    void theCompletionScriptIsValidBashAndCompletesCommandsAndOptions() throws IOException, InterruptedException {
        Cli.Result r = Cli.run("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("check", "replay", "--max-states", "--no-dead-lines");
        Path script = dir.resolve("stalecheck.bash");
        Files.writeString(script, r.out(), StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(p.exitValue()).isZero();
    }
}
