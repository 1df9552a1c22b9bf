package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import org.junit.jupiter.api.Test;

/** {@code stalecheck run} on the examples, as a user runs it. */
class RunCommandTest {
    @Test
    void theInvalidateExampleFailsOnItsOneExecution() {
        // run takes the first value of every choice: the dirty PTE is still in L1D at dc ivac, which discards it
        // (invalidate l1d discard), so KVM reads 0 and the expectation fails: exit 1.
        Cli.Result r = Cli.run("run", "examples/kvm-invalidate.scn");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("discarded dirty line cpu0.l1d set 0 way 0 (PA 0x80002000)")
                .contains("expect kvm.r1 == 0x80003013   FAILS").contains("kvm.r1 = 0x0");
    }

    @Test
    void theFlushExampleHolds() {
        Cli.Result r = Cli.run("run", "examples/kvm-flush.scn");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("HOLDS").contains("kvm.r1 = 0x80003013");
    }

    @Test
    void everyExampleRunsWithoutAnInputError() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("examples"))) {
            for (var f : files.filter(p -> p.toString().endsWith(".scn")).sorted().toList()) {
                Cli.Result r = Cli.run("run", f.toString());
                assertThat(r.exit()).as(f + ": " + r.err()).isIn(0, 1);
                assertThat(r.err()).as(f.toString()).isEmpty();
            }
        }
    }

    @Test
    void helpVersionAndLaterCommands() {
        assertThat(Cli.run("--help").out()).contains("run").contains("check").contains("presets");
        assertThat(Cli.run("--version").out()).startsWith("stalecheck ");
        Cli.Result unknown = Cli.run("frobnicate");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("stalecheck: ");
        Cli.Result bad = Cli.run("run", "--frobnicate");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).startsWith("stalecheck: ").doesNotContain("Exception");
    }

    @Test
    void presetsPrintsValuesAndSources() {
        Cli.Result r = Cli.run("presets", "arm1136");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("cache l1d 32K 4-way 32B vipt write-back no-write-allocate   # 2 colours")
                .contains("walker memory").contains("DDI 0211");
        assertThat(Cli.run("presets", "cortex-a99").exit()).isEqualTo(2);
    }
}
