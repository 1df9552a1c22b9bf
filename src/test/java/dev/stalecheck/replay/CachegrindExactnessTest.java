package dev.stalecheck.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code replay --rules cachegrind} against Valgrind's cachegrind itself: at test time the same program runs under
 * lackey (for the trace) and under cachegrind (for the counters), and the nine counters must be equal.
 */
class CachegrindExactnessTest {
    @TempDir
    Path dir;

    private static boolean valgrindAvailable() {
        try {
            return new ProcessBuilder("valgrind", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    }

    @ParameterizedTest(name = "{0} {1} with I1 {2}, D1 {3}, LL {4}")
    @CsvSource(delimiter = ';', value = {
        "/bin/true; ; 32768,8,64; 32768,8,64; 1048576,16,64",
        "/bin/true; ; 4096,2,32; 8192,4,32; 65536,8,64",
        "/bin/ls; /; 16384,4,64; 16384,4,64; 262144,8,64",
        "/bin/ls; /; 1024,1,32; 2048,2,32; 32768,4,64",
    })
    void countersEqualCachegrinds(String program, String arg, String i1, String d1, String ll) throws Exception {
        assumeTrue(valgrindAvailable(), "valgrind is not installed");
        List<String> tail = new ArrayList<>(List.of(program));
        if (arg != null) {
            tail.add(arg);
        }
        Path trace = dir.resolve("lackey.txt");
        List<String> lackey = new ArrayList<>(List.of("valgrind", "--tool=lackey", "--trace-mem=yes",
                "--log-file=" + trace));
        lackey.addAll(tail);
        run(lackey);
        Path out = dir.resolve("cachegrind.out");
        List<String> cachegrind = new ArrayList<>(List.of("valgrind", "--tool=cachegrind", "--cache-sim=yes",
                "--I1=" + i1, "--D1=" + d1, "--LL=" + ll, "--cachegrind-out-file=" + out));
        cachegrind.addAll(tail);
        run(cachegrind);
        String expected = Files.readAllLines(out).stream().filter(l -> l.startsWith("summary:")).findFirst().orElseThrow();

        Cli.Result r = Cli.run("replay", "-q", "--rules", "cachegrind", "--I1", i1, "--D1", d1, "--LL", ll,
                trace.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        String actual = r.out().lines().filter(l -> l.startsWith("summary:")).findFirst().orElseThrow();
        assertThat(actual).isEqualTo(expected);
    }
}
