package dev.stalecheck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device behind an SMMU: its TLB and its commands, permissions, walks at the PoC, explain and the JSON report. */
class SmmuTest {
    /** IOVA 0x10000 -> 0x80200000 (0x11), read-only IOVA 0x20000 -> 0x80300000; the kernel's map of the tables. */
    private static final String IO = "ram 0x80200000 = 0x11\nram 0x80400000 = 0x22\n"
            + "pagetable io format v8-4k at 0x80100000 {\n  map 0x10000 -> 0x80200000 size 4K page normal\n"
            + "  map 0x20000 -> 0x80300000 size 4K page normal ro\n}\n"
            + "space k { 0xc0100000 -> 0x80100000 size 16K normal }\n";
    /** The kernel thread's store remapping IOVA 0x10000 to 0x80400000, cleaned to the PoC. */
    private static final String REMAP = "  store [entry(io, 0x10000) - 0x80100000 + 0xc0100000] = desc(io, page,"
            + " 0x80400000, normal)\n  dc cvac [entry(io, 0x10000) - 0x80100000 + 0xc0100000]\n  dsb sy\n";

    @TempDir
    Path dir;

    private List<Verdict> verdicts(String machine, String body) {
        Scenario s = ScenarioLoader.load(Cli.write(dir, "t.scn", "scenario \"s\"\n" + machine + "\n" + IO + body), "t.scn");
        ScenarioResult r = new ScenarioCheck(s, Bounds.NONE, null).check();
        return r.results().stream().map(ConditionResult::verdict).toList();
    }

    @Test
    void aCpuTlbInvalidateDoesNotReachTheSmmuButAnSmmuCommandDoes() {
        // d1's access caches IOVA 0x10000 -> 0x80200000 in s0's TLB. The kernel remaps it and cleans the descriptor;
        // a cpu's 'tlbi all is' leaves the SMMU's TLB alone (no broadcast TLB maintenance), so d2 may still read the
        // old page (0x11); 'smmu tlbi s0 all' drops the entry, and d2 must walk and read the new page (0x22).
        String head = "machine generic { cache l1i none }\nsmmu s0 table io\ndevice gpu at memory via s0\n"
                + "thread d1 on gpu { r1 = load [0x10000] }\nthread kt on cpu0 in k after d1 {\n" + REMAP;
        String tail = "}\nthread d2 on gpu after kt { r2 = load [0x10000] }\nexpect d2.r2 == 0x22\nexists d2.r2 == 0x11\n";
        assertThat(verdicts("", head + "  tlbi all is\n" + tail))
                .containsExactly(Verdict.FAILS, Verdict.REACHABLE);
        assertThat(verdicts("", head + "  smmu tlbi s0 all\n" + tail)).containsExactly(Verdict.HOLDS, Verdict.UNREACHABLE);
        assertThat(verdicts("", head + "  smmu tlbi s0 asid\n" + tail)).containsExactly(Verdict.HOLDS, Verdict.UNREACHABLE);
    }

    @Test
    void aMacroParameterMayStandForTheSmmuOfAnSmmuTlbi() {
        // The same scenario as above with the command in a macro whose parameter is bound to the SMMU's name (as a
        // parameter may stand for a table's name): it must mean 'smmu tlbi s0 all', so d2 must read the new page.
        String body = "machine generic { cache l1i none }\nsmmu s0 table io\ndevice gpu at memory via s0\n"
                + "macro iotlb_flush(S) { smmu tlbi S all }\n"
                + "thread d1 on gpu { r1 = load [0x10000] }\nthread kt on cpu0 in k after d1 {\n" + REMAP
                + "  iotlb_flush(s0)\n}\nthread d2 on gpu after kt { r2 = load [0x10000] }\nexpect d2.r2 == 0x22\n";
        assertThat(verdicts("", body)).containsExactly(Verdict.HOLDS);
    }

    @Test
    void anAsidCommandLeavesAGlobalEntry() {
        // CMD_TLBI_NH_ASID drops the non-global entries of the ASID only: the old global translation of IOVA 0x40000
        // survives it, so d2 may still read the old page; CMD_TLBI_NH_VA drops global entries too.
        String head = "machine generic { cache l1i none }\nsmmu s0 table g\ndevice gpu at memory via s0\n"
                + "pagetable g format v8-4k at 0x80110000 {\n  map 0x40000 -> 0x80200000 size 4K page normal global\n}\n"
                + "space kg { 0xc0110000 -> 0x80110000 size 16K normal }\n"
                + "thread d1 on gpu { r1 = load [0x40000] }\nthread kt on cpu0 in kg after d1 {\n"
                + "  store [entry(g, 0x40000) - 0x80110000 + 0xc0110000] = desc(g, page, 0x80400000, normal)\n"
                + "  dc cvac [entry(g, 0x40000) - 0x80110000 + 0xc0110000]\n  dsb sy\n";
        String tail = "}\nthread d2 on gpu after kt { r2 = load [0x40000] }\nexpect d2.r2 == 0x22\nexists d2.r2 == 0x11\n";
        assertThat(verdicts("", head + "  smmu tlbi s0 asid\n" + tail)).containsExactly(Verdict.FAILS, Verdict.REACHABLE);
        assertThat(verdicts("", head + "  smmu tlbi s0 va [0x40000]\n" + tail))
                .containsExactly(Verdict.HOLDS, Verdict.UNREACHABLE);
    }

    @Test
    void anSmmuTlbHoldingConflictingEntriesMayTranslateWithEither() {
        // d1 caches the 4K page entry IOVA 0x10000 -> 0x80200000 (0x11). The kernel replaces the level-2 table
        // descriptor above it by a 2M block to 0x80600000 (IOVA 0x10000 -> 0x80610000, 0x33) without
        // break-before-make and without an SMMU command; d2's access to IOVA 0x20000 misses and walks the block, so
        // the TLB holds both (tlb-conflict). Arm ARM (TLB conflicts, as for a cpu's TLB): either entry may translate
        // IOVA 0x10000, so both values are reachable. Evictions, prefetch and TLB drops are off so that nothing
        // but that choice can give the second value.
        String body = "ram 0x80610000 = 0x33\nexplore { evictions off; prefetch off; tlb-evictions off }\n"
                + "smmu s0 table io\ndevice gpu at memory via s0\n"
                + "thread d1 on gpu { r1 = load [0x10000] }\nthread kt on cpu0 in k after d1 {\n"
                + "  store [entry(io, 0x10000, 2) - 0x80100000 + 0xc0100000] = desc(io, block, 0x80600000, normal)\n"
                + "  dc cvac [entry(io, 0x10000, 2) - 0x80100000 + 0xc0100000]\n  dsb sy\n}\n"
                + "thread d2 on gpu after kt { r0 = load [0x20000]; r2 = load [0x10000] }\n"
                + "exists d2.r2 == 0x11\nexists d2.r2 == 0x33\n";
        assertThat(verdicts("machine generic { cache l1i none }", body))
                .containsExactly(Verdict.REACHABLE, Verdict.REACHABLE);
    }

    @Test
    void aStoreThroughAReadOnlyEntryFaultsAndAnUnmappedIovaReadsFault() {
        // IOVA 0x20000 is mapped ro: the device's store is a permission fault and writes nothing; its load works.
        // IOVA 0x30000 is not mapped: the load gives fault.
        assertThat(verdicts("machine generic { }", "smmu s0 table io coherent\ndevice gpu coherent via s0\n"
                + "thread d on gpu { store [0x20000] = 0x99; r1 = load [0x20000]; r2 = load [0x30000] }\n"
                + "expect ram[0x80300000] == 0 && d.r1 == 0\nexpect d.r2 == fault\n"))
                .containsExactly(Verdict.HOLDS, Verdict.HOLDS);
    }

    @Test
    void aNonCoherentWalkReadsThePocLevel() {
        // With poc l2 a non-coherent SMMU's walk looks in L2: a descriptor cleaned to L2 (dc cvac cleans to the PoC)
        // is seen although RAM still holds the old one; the device itself is at memory too, which is now L2 onwards.
        // (The smmu tlbi drops a translation a speculative walk may have cached before the remap.)
        assertThat(verdicts("machine generic { cache l1i none; poc l2 }", "smmu s0 table io tlb 1\n"
                + "device gpu at memory via s0\nthread kt on cpu0 in k {\n" + REMAP + "  smmu tlbi s0 va [0x10000]\n}\n"
                + "thread d on gpu after kt { r1 = load [0x10000] }\nexpect d.r1 == 0x22\n"))
                .containsExactly(Verdict.HOLDS);
    }

    @Test
    void explainListsTheSmmuAndItsTableAndJsonNamesTheSmmusTlb() {
        Path f = Cli.write(dir, "e.scn", "scenario \"e\"\n" + IO + "smmu s0 table io tlb 4\ndevice gpu at memory via s0\n"
                + "thread d on gpu { r1 = load [0x10000] }\nexpect d.r1 == 0x11\n");
        Cli.Result explain = Cli.run("explain", f.toString());
        assertThat(explain.exit()).isZero();
        assertThat(explain.out()).contains("smmu s0 table io tlb 4 (walks read the PoC)")
                .contains("pagetable io format v8-4k at 0x80100000 asid 1");
        Cli.Result json = Cli.run("run", "--json", f.toString());
        assertThat(json.exit()).isZero();
        assertThat(json.out()).contains("\"type\":\"tlb\",\"action\":\"filled\",\"smmu\":\"s0\"")
                .contains("s0 translates IOVA 0x10000 to PA 0x80200000");
    }
}
