package dev.stalecheck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.machine.MachineState;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.run.ScenarioRun;
import dev.stalecheck.run.SingleExecution;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Translation through page tables: faults, permissions, ASIDs, global entries, TLB capacity, explain. */
class MmuTest {
    private static final String TABLES = "ram 0x80100000 = 0x11\nram 0x80200000 = 0x22\n"
            + "pagetable a format v7-short at 0x80004000 {\n  map 0xc0000000 -> 0x80000000 size 1M section normal\n"
            + "  map 0x10000000 -> 0x80100000 size 4K page normal\n  map 0x20000000 -> 0x80100000 size 4K page normal ro\n}\n"
            + "pagetable b format v7-short at 0x80010000 {\n  map 0x10000000 -> 0x80200000 size 4K page normal\n}\n";

    @TempDir
    Path dir;

    private Scenario load(String body) {
        return ScenarioLoader.load(Cli.write(dir, "t.scn", "scenario \"m\"\nmachine generic { walker memory }\n"
                + TABLES + body), "t.scn");
    }

    private static List<Verdict> verdicts(ScenarioResult r) {
        return r.results().stream().map(ConditionResult::verdict).toList();
    }

    @Test
    void translationsFaultsAndPermissions() {
        // 0x30000000 is unmapped: translate and load give fault. 0x20000000 is read-only: the store faults and
        // leaves RAM alone, while a load through it works.
        ScenarioResult r = ScenarioRun.run(load("thread t on cpu0 in a {\n"
                + "  r1 = translate [0x10000010]; r2 = translate [0x30000000]; r3 = load [0x30000000]\n"
                + "  store [0x20000000] = 0x99; r4 = load [0x20000000]\n}\n"
                + "expect t.r1 == 0x80100010\nexpect t.r2 == fault && t.r3 == fault\nexpect t.r4 == 0x11\n"));
        assertThat(verdicts(r)).containsOnly(Verdict.HOLDS);
    }

    @Test
    void descFaultIsTheInvalidDescriptorInEveryFormat() {
        // desc(PT, fault) is written as documented; storing it unmaps 0x10000000 (the walker reads memory: clean it), so
        // after the tlbi the load faults. In a long format it is the word 0 too, whatever OA and attributes follow.
        ScenarioResult r = ScenarioRun.run(load("thread t on cpu0 in a {\n  r1 = load [0x10000000]\n"
                + "  store.w [entry(a, 0x10000000) + 0x40000000] = desc(a, fault)\n"
                + "  dc cvac [entry(a, 0x10000000) + 0x40000000]; dsb; tlbi all; dsb; isb\n"
                + "  r2 = load [0x10000000]\n}\nexpect t.r1 == 0x11 && t.r2 == fault\n"));
        assertThat(verdicts(r)).containsExactly(Verdict.HOLDS);
        Scenario v8 = ScenarioLoader.load(Cli.write(dir, "v8.scn", "scenario \"v\"\npagetable p format v8-4k at 0x4000"
                + " { map 0 -> 0 size 4K page normal }\nram 0x100 = 5\nthread t on cpu0 { store [0x100] = desc(p, fault, 0x1000, normal) }\n"
                + "expect ram[0x100] == 0\n"), "v8.scn");
        assertThat(verdicts(ScenarioRun.run(v8))).containsExactly(Verdict.HOLDS);
    }

    @Test
    void entriesAreTaggedWithTheTablesAsid() {
        // Tables a and b get ASIDs 1 and 2 in file order; 0x10000000 maps to different pages in each. Two threads on
        // one cpu share the TLB, but a's entry does not match b's ASID, so b walks its own table.
        ScenarioResult r = ScenarioRun.run(load("thread ta on cpu0 in a { r1 = load [0x10000000] }\n"
                + "thread tb on cpu0 in b after ta { r1 = load [0x10000000] }\nexpect ta.r1 == 0x11 && tb.r1 == 0x22\n"));
        assertThat(verdicts(r)).containsExactly(Verdict.HOLDS);
    }

    @Test
    void globalEntriesMatchEveryAsid() {
        // The same, but a maps 0x10000000 global: its TLB entry matches ASID 2 as well, so b reads a's page until the
        // entry is invalidated. This is why kernels never give user addresses global mappings.
        Scenario s = ScenarioLoader.load(Cli.write(dir, "g.scn", "scenario \"g\"\nmachine generic { walker memory }\n"
                + TABLES.replace("map 0x10000000 -> 0x80100000 size 4K page normal\n",
                        "map 0x10000000 -> 0x80100000 size 4K page normal global\n")
                + "thread ta on cpu0 in a { r1 = load [0x10000000] }\n"
                + "thread tb on cpu0 in b after ta { r1 = load [0x10000000]; tlbi all; r2 = load [0x10000000] }\n"
                + "expect tb.r1 == 0x11 && tb.r2 == 0x22\n"), "g.scn");
        assertThat(verdicts(ScenarioRun.run(s))).containsExactly(Verdict.HOLDS);
    }

    @Test
    void tlbiAsidDropsOnlyThatAsidsEntries() {
        Scenario s = load("thread ta on cpu0 in a { r1 = load [0x10000000]; r2 = load [0xc0000000] }\n"
                + "thread tb on cpu0 in b after ta { tlbi asid a }\n");
        List<dev.stalecheck.machine.Outcome> steps = new SingleExecution(s.machine()).run();
        MachineState before = steps.get(1).next();
        MachineState after = steps.get(2).next();
        assertThat(before.tlb(0).size()).isEqualTo(2);
        assertThat(after.tlb(0).size()).isZero();
    }

    @Test
    void aFullTlbDropsAnEntryToFillAnother() {
        // tlb 1: the second translation replaces the first.
        Scenario s = ScenarioLoader.load(Cli.write(dir, "f.scn", "scenario \"f\"\nmachine generic { walker memory; tlb 1 }\n"
                + TABLES + "thread t on cpu0 in a { r1 = load [0x10000000]; r2 = load [0xc0000000] }\n"), "f.scn");
        List<dev.stalecheck.machine.Outcome> steps = new SingleExecution(s.machine()).run();
        MachineState end = steps.get(1).next();
        assertThat(end.tlb(0).size()).isEqualTo(1);
        assertThat(end.tlb(0).entries().get(0).vaBase()).isEqualTo(0xc0000000L);
    }

    @Test
    void explainListsEveryDescriptor() {
        Path f = Cli.write(dir, "e.scn", "scenario \"e\"\n" + TABLES);
        Cli.Result r = Cli.run("explain", f.toString());
        assertThat(r.exit()).isZero();
        // a: first level at 0x80004000; its first second-level table in the next free 1K after it (0x80008000).
        assertThat(r.out()).contains("pagetable a format v7-short at 0x80004000 asid 1")
                .contains("0x80007000: 0x80031c0e  VA 0xc0000000..0xc00fffff section -> 0x80000000 normal")
                .contains("0x80004400: 0x80008001  VA 0x10000000..0x100fffff -> second-level table 0x80008000")
                .contains("0x80008000: 0x80100c7e  VA 0x10000000..0x10000fff small-page -> 0x80100000 normal")
                .contains("pagetable b format v7-short at 0x80010000 asid 2");
    }

    @Test
    void explainGivesTheRangeEachLongDescriptorCovers() {
        // v8-4k: a level-0 entry covers 512G, level 1 1G, level 2 2M, level 3 4K; the high root's entries cover the
        // upper half of the 48-bit space. A stage-2 table's ranges are IPAs; v7-lpae starts with 1G entries at level 1.
        Path f = Cli.write(dir, "l.scn", "scenario \"l\"\n"
                + "pagetable h format v8-4k at 0x80040000 high 0x80050000 {\n"
                + "  map 0x200000 -> 0x80000000 size 2M block normal\n"
                + "  map 0xffff000000201000 -> 0x80000000 size 4K page normal\n}\n"
                + "pagetable s2 format v8-4k at 0x81000000 stage 2 { map 0x40000000 -> 0x80000000 size 2M block normal }\n"
                + "pagetable l format v7-lpae at 0x80020000 { map 0xc0000000 -> 0x80000000 size 2M block normal }\n");
        Cli.Result r = Cli.run("explain", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("level 0 VA 0x0..0x7fffffffff -> next-level table")
                .contains("level 2 VA 0x200000..0x3fffff block -> 0x80000000 normal")
                .contains("level 0 VA 0xffff000000000000..0xffff007fffffffff -> next-level table")
                .contains("level 3 VA 0xffff000000201000..0xffff000000201fff page -> 0x80000000 normal")
                .contains("0x81000008: 0x0000000081002003  level 1 IPA 0x40000000..0x7fffffff -> next-level table")
                .contains("level 2 IPA 0x40000000..0x401fffff block -> PA 0x80000000 normal")
                .contains("0x80020018: 0x0000000080021003  level 1 VA 0xc0000000..0xffffffff -> next-level table")
                .contains("level 2 VA 0xc0000000..0xc01fffff block -> 0x80000000 normal");
    }

    @Test
    void explainPrintsAWalkClauseAndNoneForWriteBack() {
        // The walk clause is part of the table's header line; 'walk wb' is what a table without one does, so it is
        // not printed, and 'walk inner nc outer nc' reads back as 'walk nc'.
        Path f = Cli.write(dir, "w.scn", "scenario \"w\"\n"
                + "pagetable s2 format v8-4k at 0x81000000 stage 2 walk nc { map 0x0 -> 0x80000000 size 2M block normal }\n"
                + "pagetable a format v7-short at 0x80004000 walk inner nc outer wb { }\n"
                + "pagetable b format v7-short at 0x80010000 walk wb { }\n"
                + "pagetable c format v8-4k at 0x80020000 walk inner nc outer nc { }\n");
        Cli.Result r = Cli.run("explain", f.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("pagetable s2 format v8-4k at 0x81000000 stage 2 vmid 1 walk nc\n")
                .contains("pagetable a format v7-short at 0x80004000 asid 1 walk inner nc outer wb\n")
                .contains("pagetable b format v7-short at 0x80010000 asid 2\n")
                .contains("pagetable c format v8-4k at 0x80020000 asid 3 walk nc\n");
    }
}
