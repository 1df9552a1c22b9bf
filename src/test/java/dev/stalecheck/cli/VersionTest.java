package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code --version} names the project version and the commit of the build, or says it does not know them. */
class VersionTest {
    @Test
    void theVersionNamesTheProjectVersionAndTheCommitGitReports() throws IOException, InterruptedException {
        String out = Cli.run("--version").out().strip();
        assertThat(out).doesNotContain("development build").matches("stalecheck \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"
                + " \\(commit ([0-9a-f]{7,}|unknown)\\)");
        // Built in a git work tree (the usual case for these tests): the commit is this work tree's HEAD.
        Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0) {
            assertThat(out).endsWith("(commit " + head + ")");
        }
    }

    @Test
    void withoutBuildInformationBothAreUnknown() {
        assertThat(new VersionProvider("/dev/stalecheck/no-such.properties").getVersion())
                .containsExactly("stalecheck unknown (commit unknown)");
    }

    @Test
    void aCommitTheBuildDidNotFillInIsUnknown() {
        // A build.properties whose placeholder no plugin filled in (a build outside Maven's resource filtering).
        assertThat(new VersionProvider("/dev/stalecheck/cli/build-without-git.properties").getVersion())
                .containsExactly("stalecheck 0.1.0 (commit unknown)");
    }
}
