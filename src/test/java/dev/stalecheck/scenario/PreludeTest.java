package dev.stalecheck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.program.Op;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped Linux preludes: found by include from the jar, and expanding as the kernel functions they model. */
class PreludeTest {
    private static final String SPACE = "space k { 0xc0000000 -> 0x80000000 size 1M normal }\n";

    @TempDir
    Path dir;

    private List<String> expand(String prelude, String machine, String call) {
        Scenario s = ScenarioLoader.load(Cli.write(dir, "t.scn", "scenario \"p\"\n" + machine + "include \"" + prelude
                + "\"\n" + SPACE + "thread t on cpu0 in k { " + call + " }\n"), "t.scn");
        return s.machine().program().threads().get(0).ops().stream().map(Op::describe).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux-arm.scn", "linux-armv6.scn"})
    void everyHelperIsDefined(String prelude) {
        // Each call must expand without an 'unknown operation or macro' error and produce at least a barrier or a
        // maintenance operation.
        for (String call : List.of("flush_pmd_entry(0xc0004000)", "clean_pmd_entry(0xc0004000)",
                "clean_dcache_area(0xc0004000, 64)", "flush_dcache_page(0xc0004000)", "dmac_inv_range(0xc0004000, 0xc0004040)",
                "dmac_clean_range(0xc0004000, 0xc0004040)", "dmac_flush_range(0xc0004000, 0xc0004040)",
                "flush_icache_range(0xc0004000, 0xc0004040)")) {
            assertThat(expand(prelude, "", call)).as(call).isNotEmpty();
        }
    }

    @Test
    void v7InvalidateCleansPartialEdgeLinesAndInvalidatesTheWholeOnes() {
        // v7_dma_inv_range with 64-byte lines over [0xc0000008, 0xc0000108): both edges are partial, so their lines
        // (0xc0000000 and 0xc0000100) are cleaned+invalidated; the whole lines 0x40..0xc0 are only invalidated.
        assertThat(expand("linux-arm.scn", "", "dmac_inv_range(0xc0000008, 0xc0000108)")).containsExactly(
                "dc civac [0xc0000000]", "dc civac [0xc0000100]",
                "dc ivac [0xc0000040]", "dc ivac [0xc0000080]", "dc ivac [0xc00000c0]", "dsb st");
    }

    @Test
    void v7InvalidateOfAnAlignedBufferOnlyInvalidates() {
        assertThat(expand("linux-arm.scn", "", "dmac_inv_range(0xc0000000, 0xc0000080)"))
                .containsExactly("dc ivac [0xc0000000]", "dc ivac [0xc0000040]", "dsb st");
    }

    @Test
    void v6InvalidateCleansThePartialFirstLineThenInvalidatesIt() {
        // v6_dma_inv_range with 32-byte lines (arm1136): the partial first line is cleaned (c7,c10,1), the partial
        // last line cleaned+invalidated, and every line from the first up to the last invalidated.
        assertThat(expand("linux-armv6.scn", "machine arm1136 { }\n", "dmac_inv_range(0xc0000008, 0xc0000048)"))
                .containsExactly("dc cvac [0xc0000000]", "dc civac [0xc0000040]",
                        "dc ivac [0xc0000000]", "dc ivac [0xc0000020]", "dsb");
    }

    @Test
    void flushIcacheRangeCleansToPouThenInvalidatesTheICache() {
        assertThat(expand("linux-arm.scn", "", "flush_icache_range(0xc0000000, 0xc0000080)")).containsExactly(
                "dc cvau [0xc0000000]", "dc cvau [0xc0000040]", "dsb ishst",
                "ic ivau [0xc0000000]", "ic ivau [0xc0000040]", "dsb ish", "isb");
    }

    @Test
    void flushDcachePageCoversTheWholePage() {
        List<String> ops = expand("linux-arm.scn", "", "flush_dcache_page(0xc0001234)");
        assertThat(ops).hasSize(4096 / 64 + 1);
        assertThat(ops.get(0)).isEqualTo("dc civac [0xc0001000]");
        assertThat(ops.get(63)).isEqualTo("dc civac [0xc0001fc0]");
    }

    private static final String A57 = "machine cortex-a57 { }\n";

    @Test
    void everyArm64HelperIsDefined() {
        for (String call : List.of("dcache_clean_poc(0xc0004000, 0xc0004040)", "dcache_inval_poc(0xc0004000, 0xc0004040)",
                "dcache_clean_inval_poc(0xc0004000, 0xc0004040)", "dcache_clean_pou(0xc0004000, 0xc0004040)",
                "icache_inval_pou(0xc0004000, 0xc0004040)", "caches_clean_inval_pou(0xc0004000, 0xc0004040)",
                "set_pte(0xc0004000, 0x80000703)", "set_pte_user(0xc0004000, 0x80000703)", "flush_tlb_page(0xc0004000)",
                "flush_tlb_kernel_range(0xc0004000, 0xc0006000)", "flush_tlb_all()",
                "arch_sync_dma_for_device(0xc0004000, 64)", "arch_sync_dma_for_cpu(0xc0004000, 64)")) {
            assertThat(expand("linux-arm64.scn", A57, call)).as(call).isNotEmpty();
        }
    }

    @Test
    void arm64InvalidateCleansPartialEdgeLinesFirstTheEndThenTheStart() {
        // dcache_inval_poc with 64-byte lines over [0xc0000008, 0xc0000108): the end is partial, so its line
        // 0xc0000100 is cleaned+invalidated first; then the start's line 0xc0000000; the whole lines 0x40..0xc0
        // are only invalidated; dsb sy.
        assertThat(expand("linux-arm64.scn", A57, "dcache_inval_poc(0xc0000008, 0xc0000108)")).containsExactly(
                "dc civac [0xc0000100]", "dc civac [0xc0000000]",
                "dc ivac [0xc0000040]", "dc ivac [0xc0000080]", "dc ivac [0xc00000c0]", "dsb sy");
    }

    @Test
    void arm64DmaForDeviceCleansAndForCpuInvalidates() {
        assertThat(expand("linux-arm64.scn", A57, "arch_sync_dma_for_device(0xc0000000, 128)"))
                .containsExactly("dc cvac [0xc0000000]", "dc cvac [0xc0000040]", "dsb sy");
        assertThat(expand("linux-arm64.scn", A57, "arch_sync_dma_for_cpu(0xc0000000, 128)"))
                .containsExactly("dc ivac [0xc0000000]", "dc ivac [0xc0000040]", "dsb sy");
    }

    @Test
    void arm64TlbHelpersAreTheKernelsBarrierSequences() {
        assertThat(expand("linux-arm64.scn", A57, "flush_tlb_page(0xc0004000)"))
                .containsExactly("dsb ishst", "tlbi va [0xc0004000] is", "dsb ish");
        // Two 4 KB pages: one tlbi each, then dsb ish; isb.
        assertThat(expand("linux-arm64.scn", A57, "flush_tlb_kernel_range(0xc0004000, 0xc0006000)")).containsExactly(
                "dsb ishst", "tlbi va [0xc0004000] is", "tlbi va [0xc0005000] is", "dsb ish", "isb");
        // The cortex-a57's word is 64 bits: the descriptor is one 64-bit store, as WRITE_ONCE of a pte_t.
        assertThat(expand("linux-arm64.scn", A57, "set_pte(0xc0004000, 0x80000703)"))
                .containsExactly("store.d [0xc0004000] = 0x80000703", "dsb ishst", "isb");
    }
}
