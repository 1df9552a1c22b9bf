package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stalecheck run} on the examples, as a user runs it. */
class RunCommandTest {
    @TempDir
    Path dir;

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
    void aCpuWaitAndAnSmmuCommandRun() {
        // run's cost account counts every operation kind: a cpu's wait and an smmu tlbi once made it throw.
        for (String f : new String[] {"src/test/resources/golden/smmu-armv8-clean-with-dsb.scn",
            "src/test/resources/golden/smmu-unmap-with-tlbi.scn"}) {
            Cli.Result r = Cli.run("run", f);
            assertThat(r.exit()).as(f + ": " + r.err()).isZero();
            assertThat(r.out()).as(f).contains("HOLDS");
        }
        Cli.Result r = Cli.run("run", Cli.write(dir, "w.scn", "scenario \"w\"\nspace s { 0x1000 -> 0x1000 size 4K normal }\n"
                + "thread t on cpu0 in s { store [0x1000] = 1; wait [0x1000] == 1 }\nexpect 1 == 1\n").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
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

    @Test
    void presetsPrintsEachArmv8Preset() {
        // Each new preset by name, with a figure and a source that only it has.
        String[][] cases = {
            {"cortex-a53", "cache l1i 32K 2-way 64B vipt", "invalidate l1d clean", "DDI 0500"},
            {"cortex-a55", "cache l2 256K 4-way 64B pipt", "invalidate l1d any", "100442"},
            {"cortex-a72", "cache l1d 32K 2-way 64B pipt", "walker l1", "100095"},
            {"cortex-a76", "cache l1d 64K 4-way 64B pipt", "invalidate l2 clean", "100798"},
            {"neoverse-n1", "cache l2 1M 8-way 64B pipt", "walker l1", "aarch64_neoverse_n1_initfn"},
        };
        for (String[] c : cases) {
            Cli.Result r = Cli.run("presets", c[0]);
            assertThat(r.exit()).as(c[0]).isZero();
            assertThat(r.out()).as(c[0]).startsWith("machine " + c[0] + " ").contains(c[1]).contains(c[2])
                    .contains(c[3]).contains("word 64").contains("page 4K");
        }
    }
}
