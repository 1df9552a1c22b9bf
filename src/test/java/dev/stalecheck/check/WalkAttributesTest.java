package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A table's walk attributes ({@code walk}) decide which levels its descriptor reads look in, on top of the machine's
 * walker (docs/semantics.md item 33). One kernel thread rewrites a section descriptor, optionally cleans it, invalidates
 * the TLB and loads through the new section; the verdict says whether every walk saw the new descriptor.
 */
class WalkAttributesTest {
    @TempDir
    Path dir;

    private Verdict verdict(String machine, String walk, String clean) {
        String text = "scenario \"w\"\nmachine " + machine + "\nram 0x80300000 = 0x77\n"
                + "pagetable pt format v7-short at 0x80004000 " + walk + " {\n"
                + "  map 0xc0000000 -> 0x80000000 size 1M section normal\n}\n"
                + "thread k on cpu0 in pt {\n"
                + "  store.w [entry(pt, 0xc0300000, 1) + 0x40000000] = desc(pt, section, 0x80300000, normal)\n"
                + clean
                + "  dsb\n  tlbi va [0xc0300000]\n  dsb\n  isb\n"
                + "  r1 = load.w [0xc0300000]\n}\nexpect k.r1 == 0x77\n";
        Scenario s = ScenarioLoader.load(Cli.write(dir, "w.scn", text), "w.scn");
        List<ConditionResult> results = new ScenarioCheck(s, Bounds.NONE, null).check().results();
        assertThat(results).hasSize(1);
        return results.get(0).verdict();
    }

    @ParameterizedTest(name = "{0} {1} clean={2}: {3}")
    @CsvSource(delimiter = '|', value = {
        // Cortex-A9 (walker l1, L1D wt-bypass, PL310 outer): a write-through walk skips L1D (A9 TRM 7.4.3: write-through
        // is Non-cacheable in its L1D) but reads the PL310, so the clean to the PL310 is needed and enough.
        "cortex-a9 { }| walk wt|false|FAILS",
        "cortex-a9 { }| walk wt|true|HOLDS",
        // Inner write-back, outer Non-cacheable: L1D is read but the PL310 is not. Once the L1D line leaves (evicted
        // dirty, or cleaned and then evicted) the new entry sits dirty in the PL310 while RAM is old, so with or
        // without the clean the walk may read the old, faulting entry.
        "cortex-a9 { }| walk inner wb outer nc|false|FAILS",
        "cortex-a9 { }| walk inner wb outer nc|true|FAILS",
        // Cortex-A15: L1D and L2 are wt-bypass, so a write-through walk reads RAM; dc cvac reaches RAM (PoC memory).
        // The same walk write-back reads L1D and needs no clean.
        "cortex-a15 { }| walk wt|false|FAILS",
        "cortex-a15 { }| walk wt|true|HOLDS",
        "cortex-a15 { }| walk wb|false|HOLDS",
        // A walker that reads memory reads RAM whatever the attributes: write-back still needs the clean.
        "generic { walker memory; cache l1i none }| walk wb|false|FAILS",
        "generic { walker memory; cache l1i none }| walk wb|true|HOLDS",
        // walker any with a Non-cacheable table: every start reads RAM (the PoC), so the clean is needed and enough.
        "generic { walker any; cache l1i none }| walk nc|false|FAILS",
        "generic { walker any; cache l1i none }| walk nc|true|HOLDS",
        // The PoC at L2: a Non-cacheable walk sees L2 (what every observer sees) but not L1D, so a clean to the PoC,
        // which leaves the line in L2, is enough.
        "generic { walker l1; poc l2; cache l1i none }| walk nc|false|FAILS",
        "generic { walker l1; poc l2; cache l1i none }| walk nc|true|HOLDS",
    })
    void theWalkReadsTheLevelsItsAttributesAndTheWalkerAllow(String machine, String walk, boolean clean,
                                                             Verdict expected) {
        String op = clean ? "  dc cvac [entry(pt, 0xc0300000, 1) + 0x40000000]\n" : "";
        assertThat(verdict(machine, walk, op)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "stage 2 maps the guest's table {0}: {1}")
    @CsvSource({"normal,HOLDS", "normal-nc,FAILS", "normal-wt,HOLDS", "device,FAILS"})
    void aGuestsStageOneWalkTakesTheLessCacheableOfItsAttributesAndStageTwos(String stage2, Verdict expected) {
        // The hypervisor rewrites a guest's stage-1 descriptor through its own write-back mapping, without a clean:
        // the new descriptor is dirty in L1D. The guest's stage-1 walk is write-back by its TCR (no walk clause), but
        // its descriptor accesses are translated by stage 2 and take the less cacheable of the two attributes (Arm
        // ARM: stage-1 walk accesses are themselves subject to stage 2). Through a normal or normal-wt stage-2
        // mapping the walk stays cacheable and the walker (l1, no wt-bypass level) reads L1D: the new descriptor.
        // Through normal-nc or device it is Non-cacheable and reads RAM, where the old descriptor still is.
        String text = "scenario \"g\"\nmachine generic { walker l1; cache l1i none; cache l2 none }\n"
                + "ram 0x80400000 = 0x5678\n"
                + "pagetable s2 format v8-4k at 0x81000000 stage 2 {\n"
                + "  map 0x0 -> 0x80000000 size 2M block " + stage2 + "\n"
                + "  map 0x400000 -> 0x80400000 size 2M block normal\n}\n"
                + "pagetable gpt format v8-4k at 0x100000 via s2 {\n"
                + "  map 0x0 -> 0x0 size 2M block normal\n  map 0x40000000 -> 0x0 size 2M block normal\n}\n"
                + "space hyp { 0xc0000000 -> 0x80000000 size 2M normal }\n"
                + "thread h on cpu0 in hyp {\n"
                + "  store [entry(gpt, 0x40000000) + 0xc0000000] = desc(gpt, block, 0x400000, normal)\n"
                + "  dsb ish\n  tlbi vmalls12e1is s2\n  dsb ish\n}\n"
                + "thread g on cpu0 in gpt after h {\n  r1 = load [0x40000000]\n}\n"
                + "expect g.r1 == 0x5678\n";
        Scenario s = ScenarioLoader.load(Cli.write(dir, "g.scn", text), "g.scn");
        List<ConditionResult> results = new ScenarioCheck(s, Bounds.NONE, null).check().results();
        assertThat(results).hasSize(1);
        assertThat(results.get(0).verdict()).isEqualTo(expected);
    }
}
