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

    /** A stage-2 table (VMID 7) for the kvm-arm64 prelude, and the hypervisor's space of its memory. */
    private static final String STAGE2 = "pagetable vm format v8-4k at 0x81000000 stage 2 vmid 7 {\n"
            + "  map 0x400000 -> 0x80400000 size 4K page normal\n}\n";

    @Test
    void kvmStage2FlushIsTheHypervisorsSequenceForTheNamedTable() {
        // __kvm_tlb_flush_vmid_ipa (arch/arm64/kvm/hyp/nvhe/tlb.c): dsb ishst; tlbi ipas2e1is; dsb ish;
        // tlbi vmalle1is; dsb ish; isb. The table name passed as a macro argument reaches both tlbi: VMID 7.
        Scenario s = ScenarioLoader.load(Cli.write(dir, "k.scn", "scenario \"p\"\n" + A57
                + "include \"kvm-arm64.scn\"\n" + STAGE2 + SPACE
                + "thread t on cpu0 in k { kvm_tlb_flush_vmid_ipa(vm, 0x400000); kvm_tlb_flush_vmid(vm) }\n"), "k.scn");
        List<Op> ops = s.machine().program().threads().get(0).ops();
        assertThat(ops.stream().map(Op::describe).toList()).containsExactly("dsb ishst",
                ops.get(1).describe(), "dsb ish", ops.get(3).describe(), "dsb ish", "isb",
                "dsb ishst", ops.get(7).describe(), "dsb ish", "isb");
        assertThat(ops.get(1)).isEqualTo(new Op.TlbInvalidate(Op.TlbiKind.IPA, 0x400000, 7, true));
        assertThat(ops.get(3)).isEqualTo(new Op.TlbInvalidate(Op.TlbiKind.VMALL, 0, 7, true));
        assertThat(ops.get(7)).isEqualTo(new Op.TlbInvalidate(Op.TlbiKind.VMALLS12, 0, 7, true));
    }

    @Test
    void kvmStage2RemapBreaksCleansTheNewPageThenMakes() {
        // stage2_map_walker_try_leaf without FEAT_S2FWB: the invalid descriptor (0), the flush above, the new page
        // cleaned+invalidated to the PoC line by line (4 KB of 64-byte lines: 64 dc civac, then dsb sy), then the
        // release store of the new descriptor (dmb ish; store).
        List<String> ops = expandWith("kvm-arm64.scn", STAGE2,
                "kvm_stage2_remap_page(vm, 0xc0001000, 0x400000, 0x80500743, 0xc0010000)");
        assertThat(ops.subList(0, 7)).containsExactly("store.d [0xc0001000] = 0x0", "dsb ishst",
                ops.get(2), "dsb ish", ops.get(4), "dsb ish", "isb");
        assertThat(ops.subList(7, 71)).allMatch(o -> o.startsWith("dc civac [0xc001"));
        assertThat(ops.subList(71, ops.size())).containsExactly("dsb sy", "dmb ish", "store.d [0xc0001000] = 0x80500743");
    }

    @Test
    void aMacroParameterMayStandForATableInEntryAndDescAndForANumberInTlbiAsid() {
        // entry(PT, VA) and desc(PT, ...) with PT a parameter bound to a table's name, through two macro levels;
        // `tlbi asid n` with n bound to a number is that ASID.
        List<String> ops = expandWith("linux-arm64.scn", "macro put(T, va) { store [entry(T, va)] = desc(T, page, "
                + "0x80400000, normal) }\nmacro both(U, n) { put(U, 0x400000); tlbi asid n }\n"
                + "pagetable pt format v8-4k at 0x80010000 { map 0x400000 -> 0x80400000 size 4K page normal }\n",
                "both(pt, 9)");
        assertThat(ops).hasSize(2);
        // docs/mmu.md: page 0b11 | AttrIndx 3 (normal) << 2 | AP[1] (bit 6) | SH 0b11 << 8 | AF (bit 10) | nG
        // (bit 11) = 0xf4f.
        assertThat(ops.get(0)).startsWith("store.d [0x8001").endsWith("= 0x80400f4f");
        assertThat(ops.get(1)).isEqualTo("tlbi asid 9");
    }

    private List<String> expandWith(String prelude, String declarations, String call) {
        Scenario s = ScenarioLoader.load(Cli.write(dir, "w.scn", "scenario \"p\"\n" + A57 + "include \"" + prelude
                + "\"\n" + declarations + SPACE + "thread t on cpu0 in k { " + call + " }\n"), "w.scn");
        return s.machine().program().threads().get(0).ops().stream().map(Op::describe).toList();
    }
}
