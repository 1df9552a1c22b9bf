package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stalecheck report}: one result rendered, JSON Lines only with a choice, file errors in words. */
class ReportCommandTest {
    @TempDir
    Path dir;

    /** JSON Lines of two shipped scenarios' results, as {@code check --json A B} writes them. */
    private Path twoResults() throws IOException {
        Cli.Result r = Cli.run("check", "--json", "--quiet", "examples/pte-update.scn", "examples/kvm-flush.scn");
        assertThat(r.out().lines().count()).isEqualTo(2);
        return Files.writeString(dir.resolve("two.jsonl"), r.out());
    }

    @Test
    void severalResultsAreNotSilentlyReducedToTheFirst() throws IOException {
        Path in = twoResults();
        Path out = dir.resolve("x.html");
        Cli.Result r = Cli.run("report", in.toString(), "--html", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("holds 2 results", "--result N", "1  pte-update-flush-pmd-entry",
                "2  kvm-flush-keeps-guest-pte");
        assertThat(out).doesNotExist();
    }

    @Test
    void theChosenResultIsRendered() throws IOException {
        Path in = twoResults();
        Path out = dir.resolve("x.html");
        assertThat(Cli.run("report", in.toString(), "--result", "2", "--html", out.toString()).exit()).isZero();
        // The page embeds the second line's scenario, not the first's.
        assertThat(Files.readString(out)).contains("kvm-flush-keeps-guest-pte").doesNotContain("pte-update-flush-pmd-entry");
        Cli.Result r = Cli.run("report", in.toString(), "--result", "3", "--html", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--result 3 is out of range", "holds 2 results");
    }

    @Test
    void fileProblemsAreSaidInWords() throws IOException {
        Cli.Result missing = Cli.run("report", dir.resolve("nope.json").toString(), "--html", dir.resolve("o.html").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read", "nope.json: no such file or directory")
                .doesNotContain("Exception").doesNotContain(":1:1");
        Path in = twoResults();
        Cli.Result unwritable = Cli.run("report", in.toString(), "--result", "1", "--html",
                dir.resolve("no-dir/o.html").toString());
        assertThat(unwritable.exit()).isEqualTo(2);
        assertThat(unwritable.err()).contains("cannot write", "o.html: no such file or directory");
    }
}
