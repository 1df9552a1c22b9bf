package dev.stalecheck.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Point;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.program.Op;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.run.ScenarioRun;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Constructs of the scenario language, each checked through what it lowers to or how it runs. */
class LanguageTest {
    private static final String SPACE = "space s { 0x1000 -> 0x1000 size 64K normal }\n";

    @TempDir
    Path dir;

    private Scenario load(String text) {
        return ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn");
    }

    private ScenarioResult run(String text) {
        return ScenarioRun.run(load(text));
    }

    private static List<Op> ops(Scenario s, int thread) {
        return s.machine().program().threads().get(thread).ops();
    }

    private static Verdict verdict(ScenarioResult r, int i) {
        return r.results().get(i).verdict();
    }

    @Test
    void lexicalDetails() {
        // Comments, ';' separators, '_' in numbers, K suffix, case-insensitive mnemonics, strings with escapes.
        Scenario s = load("scenario \"a \\\"quoted\\\" \\\\ name\" # comment\n" + SPACE
                + "thread t on cpu0 in s { STORE [0x1_000] = 1; DC CIVAC [0x1000]; r1 = LOAD [1K * 4] }\n"
                + "expect t.r1 == 0  # not the stored 1: 4K is another address\n");
        assertThat(s.name()).isEqualTo("a \"quoted\" \\ name");
        assertThat(ops(s, 0)).extracting(Op::describe)
                .containsExactly("store.d [0x1000] = 0x1", "dc civac [0x1000]", "r1 = load.d [0x1000]");
        assertThat(s.conditions().get(0).text()).isEqualTo("t.r1 == 0");
    }

    @Test
    void expressionPrecedenceAndValues() {
        // Tightest first: unary; * / %; + -; << >>; &; ^; |; comparisons; &&; ||.
        ScenarioResult r = run("scenario \"p\"\n" + SPACE + "thread t on cpu0 in s {\n"
                + "  store [0x1000] = 1 + 2 * 3\n"            // 7
                + "  store [0x1008] = 1 << 2 + 1\n"           // 1 << 3 = 8
                + "  store [0x1010] = 6 & 3 ^ 1\n"            // (6 & 3) ^ 1 = 3
                + "  store [0x1018] = 1 | 2 ^ 3\n"            // 1 | (2 ^ 3) = 1
                + "  store [0x1020] = -1 >> 60\n"             // logical shift of all ones: 0xf
                + "  store [0x1028] = 1 << 64\n"              // shifts by 64 or more give 0
                + "  store [0x1030] = 0 - 1 < 1\n"            // unsigned: 0xffff... < 1 is false: 0
                + "  store [0x1038] = 1 || 0 && 0\n"          // && binds tighter: 1 || (0 && 0) = 1
                + "  dc civac [0x1000]; dc civac [0x1020]\n"
                + "}\n"
                + "expect ram[0x1000] == 7 && ram[0x1008] == 8 && ram[0x1010] == 3 && ram[0x1018] == 1\n"
                + "expect ram[0x1020] == 0xf && ram[0x1028] == 0 && ram[0x1030] == 0 && ram[0x1038] == 1\n");
        assertThat(r.results()).extracting(ConditionResult::verdict).containsExactly(Verdict.HOLDS, Verdict.HOLDS);
    }

    @Test
    void faultValues() {
        // Division by zero in a stored value gives fault: the store writes nothing and says so. A load that faults
        // leaves fault in its register; == compares fault, and fault never holds as a condition.
        ScenarioResult r = run("scenario \"f\"\n" + SPACE + "thread t on cpu0 in s {\n"
                + "  r1 = load [0x99000]\n  store [0x1000] = 1 / 0\n}\n"
                + "expect t.r1 == fault\nexists t.r1\nexpect t.r1 + 1 == fault\n");
        assertThat(r.results()).extracting(ConditionResult::verdict)
                .containsExactly(Verdict.HOLDS, Verdict.UNREACHABLE, Verdict.HOLDS);
        assertThat(r.execution().trace().get(1).effects()).extracting(e -> e.describe()).contains("store of fault wrote nothing");
    }

    @Test
    void synonymsLowerToTheSameOperations() {
        Scenario s = load("scenario \"syn\"\n" + SPACE + "thread t on cpu0 in s {\n"
                + "  dccmvac [0x1000]; dccimvac [0x1000]; dcimvac [0x1000]; dccmvau [0x1000]; icimvau [0x1000]\n"
                + "  iciallu; dccsw l1d, 0, 0; dccisw l1d, 1, 1; dcisw l1d, 2, 0\n"
                + "  tlbi vmalle1is; tlbi vae1 [0x1000]; tlbi aside1is 3; tlbi all is; dsb ish; dmb; isb\n}\n");
        assertThat(ops(s, 0)).extracting(Op::describe).containsExactly(
                "dc cvac [0x1000]", "dc civac [0x1000]", "dc ivac [0x1000]", "dc cvau [0x1000]", "ic ivau [0x1000]",
                "ic iallu", "dc csw l1d, 0, 0", "dc cisw l1d, 1, 1", "dc isw l1d, 2, 0",
                "tlbi all is", "tlbi va [0x1000]", "tlbi asid 3 is", "tlbi all is", "dsb ish", "dmb", "isb");
    }

    @Test
    void loopsWithStepAndTheLineConstant() {
        // generic has 64-byte data lines: 'line' is 64, so the loop visits 0x1000, 0x1040, 0x1080.
        Scenario s = load("scenario \"loop\"\n" + SPACE
                + "thread t on cpu0 in s { for a in 0x1000 .. 0x10c0 step line { dc cvac [a] } }\n");
        assertThat(ops(s, 0)).extracting(Op::describe)
                .containsExactly("dc cvac [0x1000]", "dc cvac [0x1040]", "dc cvac [0x1080]");
    }

    @Test
    void macrosBindWhenExpandedAndTheLastDefinitionInIncludeOrderWins() {
        // lib.scn defines helper() and wrap(); the top file redefines helper() after including lib.scn. wrap()
        // calls helper(), which binds when expanded, so it uses the top file's version.
        Cli.write(dir, "lib.scn", "macro helper(a) { dc cvac [a] }\nmacro wrap(a) { helper(a + 8) }\n");
        Scenario s = load("scenario \"m\"\ninclude \"lib.scn\"\ninclude \"lib.scn\"\n"
                + "macro helper(a) { dc civac [a] }\n" + SPACE + "thread t on cpu0 in s { wrap(0x1000) }\n");
        assertThat(ops(s, 0)).extracting(Op::describe).containsExactly("dc civac [0x1008]");
    }

    @Test
    void macroParametersAreSubstitutedByValueAndRegistersAreTheCallers() {
        Scenario s = load("scenario \"m\"\n" + SPACE + "macro put(a, v) { store [a] = v }\n"
                + "thread t on cpu0 in s { r1 = load [0x1000]; put(0x1008, r1 + 1) }\n");
        assertThat(ops(s, 0).get(1).describe()).isEqualTo("store.d [0x1008] = (r1 + 0x1)");
    }

    @Test
    void storedValuesDescribeTheirOperatorsAsWritten() {
        Scenario s = load("scenario \"o\"\n" + SPACE + "thread t on cpu0 in s {\n  r1 = load [0x1000]\n"
                + "  store [0x1008] = ~r1 >> 2 != -r1\n  store [0x1010] = !r1 || r1 % 3 <= 1\n}\n");
        assertThat(ops(s, 0)).extracting(Op::describe).containsExactly("r1 = load.d [0x1000]",
                "store.d [0x1008] = ((~r1 >> 0x2) != -r1)", "store.d [0x1010] = (!r1 || ((r1 % 0x3) <= 0x1))");
    }

    @Test
    void existsForallAndNotExists() {
        Scenario s = load("scenario \"q\"\n" + SPACE
                + "thread t on cpu0 in s { store [0x1000] = 5; r1 = load [0x1000] }\n"
                + "forall t.r1 == 5\nexists t.r1 == 4\n~exists t.r1 == 4\n");
        assertThat(s.conditions()).extracting(Condition::kind)
                .containsExactly(ConditionKind.FORALL, ConditionKind.EXISTS, ConditionKind.NOT_EXISTS);
        ScenarioResult r = ScenarioRun.run(s);
        assertThat(r.results()).extracting(ConditionResult::kind).containsExactly("expect", "exists", "expect");
        assertThat(r.results()).extracting(ConditionResult::keyword).containsExactly("forall", "exists", "~exists");
        assertThat(r.results().get(2).condition()).isEqualTo("!(t.r1 == 4)");
        assertThat(r.results()).extracting(ConditionResult::verdict)
                .containsExactly(Verdict.HOLDS, Verdict.UNREACHABLE, Verdict.HOLDS);
    }

    @Test
    void widthsZeroExtendAndRamRangesCompareEveryElement() {
        ScenarioResult r = run("scenario \"w\"\nram 0x2000 = 0xff size 16\n" + SPACE
                + "thread t on cpu0 in s { r1 = load.b [0x2003]; r2 = load.h [0x2002]; r3 = load.w [0x2004] }\n"
                + "expect t.r1 == 0xff && t.r2 == 0xffff && t.r3 == 0xffffffff\n"
                + "expect ram.b[0x2000 .. 0x2010] == 0xff\nexpect ram.w[0x2000 .. 0x2014] == 0xffffffff\n");
        assertThat(r.results()).extracting(ConditionResult::verdict)
                .containsExactly(Verdict.HOLDS, Verdict.HOLDS, Verdict.FAILS);
    }

    @Test
    void cachedLinesStartInTheCache() {
        // A dirty line at the start is what the load reads (L1 hit), while RAM still holds 0.
        ScenarioResult r = run("scenario \"c\"\ncached cpu0.l1d [0x1000] = 9 dirty\n" + SPACE
                + "thread t on cpu0 in s { r1 = load [0x1000] }\nexpect t.r1 == 9\nexpect ram[0x1000] == 0\n");
        assertThat(r.results()).extracting(ConditionResult::verdict).containsExactly(Verdict.HOLDS, Verdict.HOLDS);
    }

    @Test
    void devicesAndAfter() {
        // The device at memory reads RAM after the cpu's store: the store is still dirty in L1D, so it reads 0.
        ScenarioResult r = run("scenario \"d\"\ndevice dma at memory\n" + SPACE
                + "thread t on cpu0 in s { store [0x1000] = 3 }\nthread d on dma after t { r1 = load [0x1000] }\n"
                + "expect d.r1 == 3\n");
        assertThat(verdict(r, 0)).isEqualTo(Verdict.FAILS);
    }

    @Test
    void machineOverridesApplyToThePreset() {
        Scenario s = load("scenario \"mo\"\nmachine cortex-a9 {\n  cpus 2; cache l2 none\n"
                + "  cache l1d 16K 4-way 32B pipt write-back no-write-allocate\n  invalidate l1d discard\n  word 32\n}\n");
        assertThat(s.config().cpus()).isEqualTo(2);
        assertThat(s.config().level("l2")).isEmpty();
        assertThat(s.config().pou()).as("pou l2 moved outward with l2 removed").isEqualTo(Point.MEMORY);
        assertThat(s.config().level("l1d").orElseThrow().writeAllocate()).isFalse();
        assertThat(s.config().level("l1d").orElseThrow().geometry().sizeBytes()).isEqualTo(16 * 1024);
    }

    @Test
    void eachExploreOptionTurnsItsOwnEvent() {
        // The default is everything but cleans; each line below flips exactly one field, and the last word wins.
        assertThat(load("scenario \"e\"\nexplore { evictions off }\n").explore())
                .isEqualTo(new ExploreOptions(false, true, true, false));
        assertThat(load("scenario \"e\"\nexplore { prefetch off }\n").explore())
                .isEqualTo(new ExploreOptions(true, false, true, false));
        assertThat(load("scenario \"e\"\nexplore { tlb-evictions off }\n").explore())
                .isEqualTo(new ExploreOptions(true, true, false, false));
        assertThat(load("scenario \"e\"\nexplore { cleans on; evictions off; evictions on }\n").explore())
                .isEqualTo(new ExploreOptions(true, true, true, true));
    }

    @Test
    void anAliasingVipTDataCacheOnArmv7Warns() {
        Scenario s = load("scenario \"v\"\nmachine cortex-a8 { cache l1d 32K 4-way 64B vipt }\n");
        assertThat(s.warnings()).singleElement().asString().contains("aliasing vipt data cache");
    }

    @Test
    void showAddsTermsToTheOutcomeTable() {
        ScenarioResult r = run("scenario \"s\"\n" + SPACE + "thread t on cpu0 in s { r1 = load [0x1000] }\n"
                + "expect t.r1 == 0\nshow ram[0x1000], t.r1\n");
        assertThat(r.outcomes().terms()).containsExactly("t.r1", "ram[0x1000]");
    }

    @Test
    void aFileWithoutMachineIsGeneric() {
        assertThat(load("scenario \"g\"\n").config().name()).isEqualTo("generic");
    }
}
