package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of malformed input gets {@code file:line:col: message} on stderr and exit code 2: no stack trace,
 * nothing on stdout. Each case names the line and column the message must point at.
 */
class InputErrorsTest {
    private static final String HEAD = "scenario \"x\"\n";
    private static final String SPACE = "space s { 0x1000 -> 0x1000 size 4K normal }\n";
    private static final String IO = "pagetable io format v8-4k at 0x80100000 { map 0x10000 -> 0x80200000 size 4K page"
            + " normal }\n";

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("syntax", HEAD + SPACE + "thread t on cpu0 in s { store [0x1000 = 1 }\n", 3, 39,
                        "expected ']'"),
                Arguments.of("unknown preset", HEAD + "machine cortex-a99 { }\n", 2, 1, "unknown preset 'cortex-a99'"),
                Arguments.of("unknown machine setting", HEAD + "machine generic {\n  colour 3\n}\n", 3, 3,
                        "unknown machine setting 'colour'"),
                Arguments.of("unknown explore option", HEAD + "explore { lazy off }\n", 2, 11,
                        "unknown explore option 'lazy'"),
                Arguments.of("unknown ordering", HEAD + "explore { ordering tso }\n", 2, 20,
                        "unknown ordering 'tso' (expected sc or armv8)"),
                Arguments.of("ordering armv8 on an ARMv6 preset", HEAD + "explore { ordering armv8 }\nmachine arm1136 { }\n",
                        2, 20, "ordering armv8 needs an ARMv7-A or ARMv8-A machine: arm1136 is ARMv6"),
                Arguments.of("wait without a value", HEAD + "thread t on cpu0 { wait [0x0] = 1 }\n", 2, 31,
                        "expected '=='"),
                Arguments.of("unknown pou word", HEAD + "machine generic {\n  pou bogus\n}\n", 3, 7,
                        "unknown pou 'bogus' (expected a cache level (l2, l3, ...) or memory)"),
                Arguments.of("unknown poc word", HEAD + "machine generic {\n  poc RAM\n}\n", 3, 7,
                        "unknown poc 'RAM' (expected a cache level (l2, l3, ...) or memory)"),
                Arguments.of("unknown walker word", HEAD + "machine generic { walker l1x }\n", 2, 26,
                        "unknown walker 'l1x' (expected l1, a cache level (l2, l3, ...), memory or any)"),
                Arguments.of("unknown device point", HEAD + "device dma at l2x\n", 2, 15,
                        "unknown device point 'l2x' (expected memory or a shared cache level such as l2)"),
                Arguments.of("coherent device allocating in memory", HEAD + "device dma coherent allocate memory\n", 2, 30,
                        "unknown allocation level 'memory' (expected a shared cache level such as l3)"),
                Arguments.of("coherent device allocating in a private level", HEAD + "device dma coherent allocate l1d\n"
                        + "thread d on dma { store [0x0] = 1 }\n", 2, 30,
                        "device dma coherent allocate l1d: expected a shared level the machine has"),
                Arguments.of("a walk clause given twice", HEAD + "pagetable pt format v8-4k at 0x80010000 walk wb walk nc"
                        + " { map 0x0 -> 0x80000000 size 4K page normal }\n", 2, 49,
                        "'walk' is given twice for page table pt"),
                Arguments.of("a space named like an earlier table", HEAD
                        + "pagetable pt format v8-4k at 0x80010000 { map 0x0 -> 0x80000000 size 4K page normal }\n"
                        + "space pt { 0x0 -> 0x80000000 size 4K normal }\n", 3, 7, "pt is already defined"),
                Arguments.of("device via an unknown smmu", HEAD + IO + "device gpu at memory via smmu9\n"
                        + "thread d on gpu { r1 = load [0x10000] }\nexpect d.r1 == 0\n", 3, 26, "unknown smmu 'smmu9'"),
                Arguments.of("smmu tlbi of an unknown smmu", HEAD + IO + "smmu s0 table io\n"
                        + "thread k on cpu0 { smmu tlbi s1 all }\nexpect 1 == 1\n", 4, 30, "unknown smmu 's1'"),
                Arguments.of("via on a cpu thread", HEAD + IO + "smmu s0 table io\n"
                        + "thread k on cpu0 via s0 { dsb }\nexpect 1 == 1\n", 4, 18, "'via SMMU' belongs on a device"),
                Arguments.of("smmu without a table", HEAD + IO + "smmu s0 coherent\n", 3, 9,
                        "smmu s0 needs 'table NAME'"),
                Arguments.of("smmu with an unknown table", HEAD + "smmu s0 table nope\n", 2, 15,
                        "unknown page table 'nope' for smmu s0"),
                Arguments.of("smmu named twice", HEAD + IO + "smmu s0 table io\nsmmu s0 table io coherent\n", 4, 6,
                        "s0 is already defined"),
                Arguments.of("device named like an smmu", HEAD + IO + "smmu s0 table io\ndevice s0 at memory\n", 4, 8,
                        "s0 is already defined"),
                Arguments.of("smmu named like a table", HEAD + IO + "smmu io table io\n", 3, 6, "io is already defined"),
                // The same clash with the smmu declared first: the name check must not depend on the order.
                Arguments.of("table named like an earlier smmu", HEAD + "smmu io table pt\n" + IO, 3, 11,
                        "io is already defined"),
                Arguments.of("space named like an earlier smmu", HEAD + IO + "smmu s table io\n" + SPACE, 4, 7,
                        "s is already defined"),
                Arguments.of("smmu of a stage-2 table", HEAD
                        + "pagetable s2 format v8-4k at 0x81000000 stage 2 { map 0x0 -> 0x80000000 size 2M block normal }\n"
                        + "smmu s0 table s2\n", 3, 15, "is a stage-2 table or behind one"),
                Arguments.of("smmu tlbi on a device", HEAD + IO + "smmu s0 table io\ndevice gpu at memory via s0\n"
                        + "thread d on gpu { smmu tlbi s0 all }\nexpect 1 == 1\n", 5, 19, "can only load, store"),
                Arguments.of("unknown smmu tlbi operation", HEAD + IO + "smmu s0 table io\n"
                        + "thread k on cpu0 { smmu tlbi s0 vmall }\nexpect 1 == 1\n", 4, 33,
                        "unknown smmu tlbi operation 'vmall' (expected va [IOVA], asid or all)"),
                Arguments.of("unknown thread in condition", HEAD + SPACE + "thread t on cpu0 in s { r1 = load [0x1000] }\n"
                        + "expect nobody.r1 == 0\n", 4, 8, "unknown thread 'nobody'"),
                Arguments.of("unknown register in condition", HEAD + SPACE
                        + "thread t on cpu0 in s { r1 = load [0x1000] }\nexpect t.r9 == 0\n", 4, 8, "no register 'r9'"),
                Arguments.of("invalid geometry", HEAD + "machine generic {\n  cache l1d 48K 4-way 64B\n}\n", 3, 3,
                        "number of sets must be a power of two"),
                Arguments.of("level the machine lacks", HEAD + "machine generic {\n  invalidate l3 discard\n}\n", 3, 3,
                        "invalidate l3"),
                // A one-way set holds one line: the second cached line of set 0 is the error, reported at its line.
                Arguments.of("more cached lines than ways", HEAD + "machine generic { cache l2 64B 1-way 64B }\n"
                        + "cached l2 [0x80000000] = 1 dirty\ncached l2 [0x80000040] = 2 dirty\n", 4, 1,
                        "more lines in l2 set 0 than its 1 way"),
                // An inclusive L2 must hold every cached L1D line: its only way of set 0 already holds another line.
                Arguments.of("inclusive level full for a cached L1D line", HEAD + "machine generic { cache l2 64B 1-way 64B"
                        + " shared inclusive }\ncached l2 [0x80000040] = 1 clean\ncached cpu0.l1d [0x80000000] = 2 dirty\n",
                        4, 1, "inclusive l2 must hold this line too"),
                Arguments.of("inclusive level one", HEAD + "machine generic {\n  cache l1d 32K 4-way 64B inclusive\n}\n", 3,
                        3, "inclusive is for a level beyond l1"),
                Arguments.of("overlapping mappings", HEAD
                        + "space s { 0x1000 -> 0x1000 size 8K; 0x2000 -> 0x9000 size 4K }\n", 2, 1, "overlap"),
                Arguments.of("after cycle", HEAD + SPACE + "thread a on cpu0 in s after b { dsb }\n"
                        + "thread b on cpu0 in s after a { dsb }\n", 3, 8, "cycle"),
                Arguments.of("missing include", HEAD + "include \"nowhere.scn\"\n", 2, 1, "cannot find include"),
                Arguments.of("recursive macro", HEAD + SPACE + "macro m(a) { n(a) }\nmacro n(a) { m(a) }\n"
                        + "thread t on cpu0 in s { m(1) }\n", 4, 14, "macros may not recurse"),
                Arguments.of("huge loop", HEAD + SPACE + "thread t on cpu0 in s {\n  for i in 0 .. 0x7fffffffffffffff {\n"
                        + "    dsb\n  }\n}\n", 4, 3, "loop iterations"),
                Arguments.of("too many operations", HEAD + SPACE + "thread t on cpu0 in s {\n"
                        + "  for i in 0 .. 200000 { dsb }\n}\n", 4, 26, "more than 100000 operations"),
                Arguments.of("register read before set", HEAD + SPACE
                        + "thread t on cpu0 in s { store [0x1000] = r1 }\n", 3, 42, "register r1 is read before"),
                Arguments.of("unaligned access", HEAD + SPACE + "thread t on cpu0 in s { store.w [0x1002] = 1 }\n", 3, 25,
                        "not aligned"),
                Arguments.of("reserved word", HEAD + SPACE + "thread load on cpu0 in s { dsb }\n", 3, 8, "reserved word"),
                Arguments.of("deep parentheses", HEAD + "expect " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n",
                        2, 208, "nested deeper"),
                Arguments.of("macro defined twice in one file", HEAD + "macro m() { dsb }\nmacro m() { isb }\n", 3, 7,
                        "defined twice in this file"),
                Arguments.of("stage 3", HEAD + "pagetable pt format v8-4k at 0x4000 stage 3 { }\n", 2, 43,
                        "expected 'stage 2'"),
                Arguments.of("unknown walk attribute", HEAD + "pagetable a format v8-4k at 0x4000 walk wa { }\n", 2, 41,
                        "expected a walk attribute wb, wt or nc (or inner ATTR outer ATTR), found 'wa'"),
                Arguments.of("walk without an attribute", HEAD + "pagetable a format v8-4k at 0x4000 walk { }\n", 2, 41,
                        "expected a walk attribute wb, wt or nc (or inner ATTR outer ATTR), found '{'"),
                Arguments.of("walk inner without outer", HEAD + "pagetable a format v8-4k at 0x4000 walk inner nc { }\n",
                        2, 50, "expected 'outer' and its attribute after 'walk inner nc'"),
                Arguments.of("walk outer attribute missing", HEAD
                        + "pagetable a format v8-4k at 0x4000 walk inner nc outer { }\n", 2, 56,
                        "expected a walk attribute wb, wt or nc (or inner ATTR outer ATTR), found '{'"),
                Arguments.of("via a stage-1 table", HEAD + "pagetable a format v8-4k at 0x4000 { }\n"
                        + "pagetable b format v8-4k at 0x8000 via a { }\n", 3, 40, "'via' names a stage-2 table"),
                Arguments.of("unknown table format", HEAD + "pagetable pt format v9-64k at 0x4000 { }\n", 2, 21,
                        "unknown table format 'v9-64k'"),
                Arguments.of("unknown map kind", HEAD + "pagetable pt format v8-4k at 0x4000 {\n"
                        + "  map 0 -> 0 size 4K pagee\n}\n", 3, 22,
                        "unknown kind 'pagee' (expected section, supersection, page, large-page or block)"),
                Arguments.of("short kind in a long table", HEAD + "pagetable pt format v8-4k at 0x4000 {\n"
                        + "  map 0 -> 0 size 1M section\n}\n", 3, 3, "'section' is a v7-short kind; v8-4k maps block"),
                Arguments.of("unknown desc kind", HEAD + "pagetable pt format v7-short at 0x80004000 {"
                        + " map 0 -> 0 size 1M section }\n"
                        + "thread t on cpu0 in pt { store.w [0x100] = desc(pt, blok, 0x80100000, normal) }\n", 3, 53,
                        "unknown descriptor kind 'blok' (expected section, supersection, page, large-page, block,"
                        + " table or fault)"),
                Arguments.of("misaligned table root", HEAD + "pagetable pt format v7-short at 0x5000 { }\n", 2, 33,
                        "aligned to 16K"),
                Arguments.of("map already mapped", HEAD + "pagetable pt format v7-short at 0x80004000 {\n"
                        + "  map 0 -> 0 size 1M section\n  map 0 -> 0x100000 size 4K page\n}\n", 4, 3,
                        "already mapped by a section"),
                Arguments.of("table overlapping ram", HEAD + "ram 0x80004010 = 1\npagetable pt format v7-short at"
                        + " 0x80004000 { map 0 -> 0 size 1M section }\n", 3, 1, "overlap a 'ram' line"),
                Arguments.of("number too large", HEAD + "ram 0x1_0000_0000_0000_0000 = 1\n", 2, 5, "does not fit in 64 bits"),
                Arguments.of("missing scenario line", "thread t on cpu0 { dsb }\n", 1, 1, "a scenario starts with"),
                Arguments.of("cpu the machine lacks", HEAD + SPACE + "thread t on cpu3 in s { dsb }\n", 3, 13,
                        "the machine has no cpu3"),
                Arguments.of("division by zero in an address", HEAD + SPACE
                        + "thread t on cpu0 in s { load [0x1000 / 0] }\n", 3, 38, "division"),
                Arguments.of("mmu on without a space", HEAD + "thread t on cpu0 { mmu on }\n", 2, 20, "'mmu on' needs"),
                Arguments.of("set out of range", HEAD + SPACE + "thread t on cpu0 in s { dc cisw l1d, 4096, 0 }\n", 3, 25,
                        "set 4096 is out of range"),
                Arguments.of("unknown operation", HEAD + SPACE + "thread t on cpu0 in s { flush [0x1000] }\n", 3, 25,
                        "unknown operation 'flush'"),
                Arguments.of("block not closed before expect", HEAD + SPACE + "thread t on cpu0 in s {\n"
                        + "  r1 = load [0x1000]\nexpect t.r1 == 0\n", 5, 1,
                        "missing '}' before 'expect': thread t (opened at line 3, column 23) is not closed"),
                Arguments.of("loop not closed before thread", HEAD + SPACE + "thread t on cpu0 in s {\n"
                        + "  for i in 0 .. 1 { dsb\nthread u on cpu0 in s { dsb }\n", 5, 1,
                        "missing '}' before 'thread': the loop body (opened at line 4, column 19)"),
                Arguments.of("size suffix T", HEAD + SPACE + "ram 0x1000 = 1 size 1T\n", 3, 21,
                        "'1T' is not a number: a size is a number with an optional suffix K (KiB), M (MiB), G (GiB)"
                        + " or B (bytes)"),
                Arguments.of("lower-case size suffix", HEAD + "space s { 0x1000 -> 0x1000 size 4k normal }\n", 2, 33,
                        "'4k' is not a number"),
                Arguments.of("cache size suffix", HEAD + "machine generic { cache l1d 1T 4-way 64B }\n", 2, 29,
                        "'1T' is not a number"),
                Arguments.of("fetch width", HEAD + SPACE + "thread t on cpu0 in s { r1 = fetch.w [0x1000] }\n", 3, 35,
                        "a fetch takes no width suffix: it reads one 32-bit instruction"),
                Arguments.of("iall l1i without dc", HEAD + SPACE + "thread t on cpu0 in s { iall l1i }\n", 3, 25,
                        "unknown operation 'iall' (the instruction cache is invalidated by 'ic iallu'"),
                Arguments.of("dc iall l1i", HEAD + SPACE + "thread t on cpu0 in s { dc iall l1i }\n", 3, 25,
                        "cannot name the instruction cache l1i (the instruction cache is invalidated by 'ic iallu'"),
                Arguments.of("dc operation without dc", HEAD + SPACE + "thread t on cpu0 in s { civac [0x1000] }\n",
                        3, 25, "unknown operation 'civac' (data-cache operations start with dc: 'dc civac ...')"),
                Arguments.of("garbage bytes", HEAD + "\u0001\u0002 thread\n", 2, 1, "unexpected character"),
                Arguments.of("unterminated string", "scenario \"x\n", 1, 10, "unterminated string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedInputGetsAPositionedMessageAndExitTwo(String name, String text, int line, int col, String fragment) {
        Path f = Cli.write(dir, "bad.scn", text);
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(f + ":" + line + ":" + col + ": ").contains(fragment);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anEmptyFileIsRefused() {
        Path f = Cli.write(dir, "empty.scn", "  \n\n");
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(f + ":1:1: ").contains("is empty");
    }

    @Test
    void aBinaryFileIsRefused() throws IOException {
        Path f = dir.resolve("bin.scn");
        Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1, 2});
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(f + ":1:1: ").contains("binary file");
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        Path f = dir.resolve("latin1.scn");
        Files.write(f, new byte[] {'s', 'c', (byte) 0xe9, '\n'});
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not UTF-8");
    }

    @Test
    void aMissingFileIsRefused() {
        Cli.Result r = Cli.run("run", dir.resolve("nope.scn").toString());
        assertThat(r.exit()).isEqualTo(2);
        // A file that cannot be read has no line or column to blame: the message names the file and the reason.
        assertThat(r.err()).contains("cannot read " + dir.resolve("nope.scn") + ": no such file or directory")
                .doesNotContain(":1:1").doesNotContain("Exception");
    }

    @Test
    void includesNestedTooDeeplyAreRefused() {
        // f0 includes f1 includes ... f20: the 17th level of nesting is refused where it is written.
        for (int i = 1; i <= 20; i++) {
            Cli.write(dir, "f" + i + ".scn", "include \"f" + (i + 1) + ".scn\"\n");
        }
        Cli.write(dir, "f21.scn", "macro m() { dsb }\n");
        Path top = Cli.write(dir, "f0.scn", HEAD + "include \"f1.scn\"\n");
        Cli.Result r = Cli.run("run", top.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("f16.scn:1:1: includes nested deeper than 16");
    }

    @Test
    void macrosNestedTooDeeplyAreRefused() {
        StringBuilder b = new StringBuilder(HEAD + SPACE);
        for (int i = 0; i < 70; i++) {
            b.append("macro m").append(i).append("() { m").append(i + 1).append("() }\n");
        }
        b.append("macro m70() { dsb }\nthread t on cpu0 in s { m0() }\n");
        Path f = Cli.write(dir, "deep.scn", b.toString());
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("macros nested deeper than 64");
    }

    @Test
    void anIncludedFileMayNotDeclareAMachine() {
        Cli.write(dir, "inc.scn", "macro m() { dsb }\nmachine generic { }\n");
        Path f = Cli.write(dir, "top.scn", HEAD + "include \"inc.scn\"\n");
        Cli.Result r = Cli.run("run", f.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("inc.scn:2:1: an included file may not contain 'machine'");
    }
}
