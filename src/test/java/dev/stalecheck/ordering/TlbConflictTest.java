package dev.stalecheck.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TLB holding the old and the new translation of one address after a remap without break-before-make. */
class TlbConflictTest {
    @TempDir
    Path dir;

    /**
     * P0 remaps page 0x200000 from 0x80200000 (holding 1) to 0x80201000 (holding 2) without break-before-make; P1,
     * on another cpu, loads the page twice with {@code dsb ish; isb} between. {@code fin} records the final values.
     */
    private ScenarioResult remap(String ordering, String p0Barrier) {
        String text = "scenario \"remap\"\nexplore { ordering " + ordering + " }\n"
                + "machine generic { cpus 2; walker l1; tlb 2; cache l1d 64B 1-way 32B; cache l2 none; cache l1i none }\n"
                + "ram 0x80200000 = 1\nram 0x80201000 = 2\n"
                + "pagetable pt format v8-4k at 0x80010000 {\n"
                + "  map 0x0 -> 0x80000000 size 2M block normal\n"
                + "  map 0x200000 -> 0x80200000 size 4K page normal\n}\n"
                + "thread P0 on cpu0 in pt {\n"
                + "  store [entry(pt, 0x200000) - 0x80000000] = desc(pt, page, 0x80201000, normal)\n"
                + "  " + p0Barrier + "\n  tlbi va [0x200000] is\n}\n"
                + "thread P1 on cpu1 in pt { r0 = load [0x200000]; dsb ish; isb; r1 = load [0x200000] }\n"
                + "show P1.r0, P1.r1\n";
        return new ScenarioCheck(ScenarioLoader.load(Cli.write(dir, "remap.scn", text), "remap.scn"), Bounds.NONE,
                null).check();
    }

    private static List<String> rows(ScenarioResult r) {
        return r.outcomes().rows().stream().map(OutcomeRow::values)
                .map(v -> v.get(0).describe() + "," + v.get(1).describe()).toList();
    }

    @Test
    void underArmv8ASecondLoadMayUseTheOldTranslationAfterTheFirstUsedTheNew() {
        // The Arm ARM requires break-before-make because a TLB may then hold both entries and use either: before the
        // tlbi reaches cpu1, its TLB may hold 0x200000 -> 0x80200000 (walked before the store) and, after a
        // speculative walk that read the new descriptor, 0x200000 -> 0x80201000. The first load may use the new one
        // and the second the old one: (2, 1). herd7 allows exactly this (fact CoRR+remap+dsb.ishst+dsb.ish-isb).
        ScenarioResult r = remap("armv8", "dsb ishst");
        assertThat(rows(r)).contains("0x2,0x1", "0x1,0x2", "0x1,0x1", "0x2,0x2");
        assertThat(r.hazards()).extracting(HazardResult::kind).contains("tlb-conflict");
    }

    @Test
    void underScEachTranslationWalksOnlyOnAMissSoTheOldOneCannotComeBack() {
        // Under sc a walk happens only when the TLB lacks the address: once the first load used the new entry, the
        // old one is gone (the walk happened after a drop), so (2, 1) is impossible, and no TLB ever holds both.
        ScenarioResult r = remap("sc", "dsb ishst");
        assertThat(rows(r)).doesNotContain("0x2,0x1").contains("0x1,0x2");
        assertThat(r.hazards()).extracting(HazardResult::kind).doesNotContain("tlb-conflict");
    }

    @Test
    void breakBeforeMakeLeavesNoConflict() {
        // Break (store the invalid descriptor), dsb ishst, tlbi, dsb ish, then make: no walk can read a valid old
        // descriptor once the tlbi completed (it waits for the break's store), and an invalid descriptor is never
        // cached, so no TLB holds two translations of the page at any time.
        String text = "scenario \"bbm\"\nexplore { ordering armv8 }\n"
                + "machine generic { cpus 2; walker l1; tlb 2; cache l1d 64B 1-way 32B; cache l2 none; cache l1i none }\n"
                + "ram 0x80200000 = 1\nram 0x80201000 = 2\n"
                + "pagetable pt format v8-4k at 0x80010000 {\n"
                + "  map 0x0 -> 0x80000000 size 2M block normal\n"
                + "  map 0x200000 -> 0x80200000 size 4K page normal\n}\n"
                + "thread P0 on cpu0 in pt {\n"
                + "  store [entry(pt, 0x200000) - 0x80000000] = desc(pt, fault)\n"
                + "  dsb ishst; tlbi va [0x200000] is; dsb ish\n"
                + "  store [entry(pt, 0x200000) - 0x80000000] = desc(pt, page, 0x80201000, normal)\n}\n"
                + "thread P1 on cpu1 in pt { r0 = load [0x200000]; dsb ish; isb; r1 = load [0x200000] }\n"
                + "show P1.r0, P1.r1\n";
        ScenarioResult r = new ScenarioCheck(ScenarioLoader.load(Cli.write(dir, "bbm.scn", text), "bbm.scn"),
                Bounds.NONE, null).check();
        assertThat(r.hazards()).extracting(HazardResult::kind).doesNotContain("tlb-conflict");
        assertThat(rows(r)).doesNotContain("0x2,0x1");
    }
}
