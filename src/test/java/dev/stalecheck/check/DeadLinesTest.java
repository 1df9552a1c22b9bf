package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The dead-line reduction ({@code LineLiveness}) treats states that differ only in clean lines nothing can read
 * any more as one state. It must change nothing a user sees but the state and transition counts: verdicts, final
 * outcomes, hazards and every counterexample, on the shipped scenarios and on random ones (prefetch on, one to
 * three cache levels, an instruction cache with fetches, devices, two cpus, page tables).
 */
class DeadLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The JSON report without the counts that a reduction changes by design. */
    static JsonNode comparable(String json) {
        try {
            ObjectNode n = (ObjectNode) JSON.readTree(json);
            n.remove("states");
            n.remove("search");
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ScenarioCheck check(Scenario s, Reductions r, long maxStates) {
        return new ScenarioCheck(s, new Bounds(maxStates, 0, false, 1), null, r);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.stalecheck.support.ScenarioFiles#all")
    void shippedScenariosReportTheSameWithAndWithout(Path file) {
        // LineLiveness's class comment: a dead line can change no outcome, hazard or step of a counterexample;
        // only fewer states are stored.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        ScenarioCheck with = check(scenario, Reductions.ALL, Long.MAX_VALUE);
        ScenarioCheck without = check(scenario, new Reductions(true, false), Long.MAX_VALUE);
        assertThat(comparable(JsonReport.render(with.check()))).isEqualTo(comparable(JsonReport.render(without.check())));
        assertThat(with.exploration().states()).isLessThanOrEqualTo(without.exploration().states());
    }

    private long[] statesAndTransitions(String text, Reductions r) {
        Scenario scenario = ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn");
        ScenarioCheck c = check(scenario, r, Long.MAX_VALUE);
        c.check();
        return new long[] {c.exploration().states(), c.exploration().transitions()};
    }

    @Test
    void aLineNothingReadsAgainIsNotPrefetchedAfterTheEnd() {
        // One 16-byte line of L1D (1 set, 1 way); the thread stores 1 to it. Without the reduction (PinnedCountsTest):
        //   S0 start -> store: S2; prefetch: S1     S1 clean 0 -> store: S2; evict: S0
        //   S2 dirty 1 -> evict: S3                 S3 empty, RAM 1 -> prefetch: S4      S4 clean 1 -> evict: S3
        // 5 states, 7 transitions. With it, S4's line is clean and no operation is left: S4 counts as S3, and the
        // prefetch from S3 is not tried (it would only add a dead line). S1's line is live (the store is to come).
        // 4 states (S0-S3), 5 transitions.
        String text = "scenario \"b\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { store [0x0] = 1 }\nshow ram[0x0]\n";
        assertThat(statesAndTransitions(text, new Reductions(true, false))).containsExactly(5, 7);
        assertThat(statesAndTransitions(text, Reductions.ALL)).containsExactly(4, 5);
    }

    @Test
    void anInstructionCacheWithoutFetchesHoldsOnlyDeadLines() {
        // A load of one line with an L1I and an L1D of one 16-byte line each, no L2. Nothing fetches, so an L1I copy
        // is always dead. Without the reduction the L1I line (absent/present) doubles the data-side states:
        //   data side: D0 pc0 empty, D1 pc0 clean (prefetched), D2 pc1 clean (loaded or hit), D3 pc1 empty:
        //   D0 -> load D2, fill D1;  D1 -> load D2, evict D0;  D2 -> evict D3;  D3 -> fill D2.
        // Each with the L1I line absent or present (fill / evict it from any of them): 8 states. With the
        // reduction the L1I half collapses (4 states) and, once the load is done, the L1D line is dead too: D2
        // counts as D3 and the prefetch from D3 is skipped, leaving D0, D1, D2: 3 states.
        String text = "scenario \"i\"\nmachine generic { cache l2 none; cache l1d 16B 1-way 16B; cache l1i 16B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { r1 = load [0x0] }\nshow t.r1\n";
        assertThat(statesAndTransitions(text, new Reductions(true, false))[0]).isEqualTo(8);
        assertThat(statesAndTransitions(text, Reductions.ALL)[0]).isEqualTo(3);
    }

    @Test
    void anInstructionCacheCopyOfAPageTableLineIsDeadWithoutFetches() {
        // Walks read descriptors through the data side only (here from L1D), so a table line is never dead in L1D,
        // but nothing reads an L1I copy of it when no thread fetches. With the reduction the L1I never holds a live
        // line and its fills are skipped, so the machine with an L1I stores exactly the states of the same machine
        // without one. The table lies inside the section, so speculative fills may reach its lines. (Treating table
        // lines as live in every cache kept L1I copies of descriptors apart: 24 states against fewer.)
        String withL1i = "scenario \"p\"\nmachine generic { cache l2 none; cache l1d 64B 2-way 16B; cache l1i 64B 2-way 16B;"
                + " walker l1 }\npagetable pt format v7-short at 0x80010000 {\n  map 0xc0000000 -> 0x80000000 size 1M"
                + " section normal\n}\nthread t on cpu0 in pt {\n  r1 = load [0xc0000000]\n  store [0xc0000000] = 1\n}\n"
                + "show t.r1\nshow ram[0x80000000]\n";
        String withoutL1i = withL1i.replace("cache l1i 64B 2-way 16B;", "cache l1i none;");
        long[] reduced = statesAndTransitions(withL1i, Reductions.ALL);
        assertThat(reduced[0]).isEqualTo(statesAndTransitions(withoutL1i, Reductions.ALL)[0]);
        assertThat(statesAndTransitions(withL1i, new Reductions(true, false))[0]).isGreaterThan(reduced[0]);
    }

    /** A random scenario's shape: machine, cpus, threads as op codes, and whether threads use a page table. */
    record Shape(int machine, int cpus, boolean table, boolean device, List<List<Integer>> threads) {
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<List<Integer>> thread = Arbitraries.integers().between(0, 8 * 4 - 1).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.integers().between(0, 6), Arbitraries.integers().between(1, 2),
                Arbitraries.of(false, false, true), Arbitraries.of(true, false), thread.list().ofMinSize(1).ofMaxSize(2))
                .as(Shape::new);
    }

    /**
     * The scenario text of a shape: small caches so that forced victims happen, prefetch on; a device thread runs
     * after the first thread when its first operation code is even, and is {@code coherent} when that code is a
     * multiple of 3 ({@code coherent allocate l2} when it is also odd and the machine has an L2). Stores of kind 1 go through a non-cacheable alias of the same memory, so a cpu's clean copy can
     * differ from RAM and supply another cpu's or the coherent device's read (semantics items 8 and 23).
     */
    static String text(Shape s) {
        String[] machines = {
            "machine generic { cpus %d; cache l1d 128B 2-way 16B; cache l1i 128B 2-way 16B; cache l2 none }",
            "machine generic { cpus %d; cache l1d 64B 2-way 16B; cache l1i 64B 2-way 16B; cache l2 256B 2-way 32B shared;"
                + " invalidate l1d discard }",
            "machine generic { cpus %d; cache l1d 64B 2-way 16B; cache l1i none; cache l2 128B 2-way 16B shared;"
                + " cache l3 256B 2-way 16B shared system; pou l2; invalidate l1d clean }",
            "machine cortex-a9 { cpus %d; cache l1d 64B 2-way 32B; cache l1i 64B 2-way 32B; cache l2 128B 2-way 32B shared outer }",
            "machine generic { cpus %d; cache l1d 64B 2-way 16B; cache l1i none; cache l2 128B 2-way 16B shared; poc l2 }",
            "machine generic { cpus %d; cache l1d 64B 2-way 16B; cache l1i 64B 2-way 16B; cache l2 128B 2-way 32B shared"
                + " inclusive; invalidate l2 discard }",
            "machine generic { cpus %d; cache l1d 64B 2-way 16B; cache l1i none; cache l2 128B 2-way 16B shared;"
                + " cache l3 128B 1-way 16B shared inclusive; pou l2; invalidate l3 any }",
        };
        long[] offsets = {0x0, 0x10, 0x40, 0x1000};
        StringBuilder b = new StringBuilder("scenario \"random\"\n").append(String.format(machines[s.machine()], s.cpus()))
                .append('\n');
        String context;
        if (s.table()) {
            b.append("pagetable pt format v7-short at 0x80100000 {\n")
                    .append("  map 0xc0000000 -> 0x80000000 size 1M section normal\n")
                    .append("  map 0xc0100000 -> 0x80000000 size 1M section normal-nc\n}\n");
            context = "pt";
        } else {
            b.append("space k { 0xc0000000 -> 0x80000000 size 8K normal\n  0xc0100000 -> 0x80000000 size 8K normal-nc }\n");
            context = "k";
        }
        if (s.device()) {
            int first = s.threads().get(s.threads().size() - 1).get(0);
            boolean coherent = first % 3 == 0;
            boolean allocates = coherent && first % 2 == 1 && s.machine() != 0;
            b.append(allocates ? "device dma coherent allocate l2\n" : coherent ? "device dma coherent\n"
                    : "device dma at memory\n");
        }
        for (int t = 0; t < s.threads().size(); t++) {
            boolean isDevice = s.device() && t == s.threads().size() - 1;
            boolean waits = isDevice && t > 0 && s.threads().get(t).get(0) % 2 == 0;
            b.append("thread t").append(t).append(isDevice ? " on dma" : " on cpu" + (t % s.cpus()) + " in " + context)
                    .append(waits ? " after t0" : "").append(" {\n");
            int reg = 0;
            for (int code : s.threads().get(t)) {
                long off = offsets[code % offsets.length];
                String a = isDevice ? String.format("0x%x", 0x80000000L + off) : String.format("0x%x", 0xc0000000L + off);
                int kind = code / offsets.length;
                if (isDevice) {
                    b.append(kind % 2 == 0 ? "  store [" + a + "] = " + (code + 1) : "  r" + ++reg + " = load [" + a + "]");
                } else {
                    b.append(switch (kind) {
                        case 0 -> "  store [" + a + "] = " + (code + 1);
                        case 1 -> "  store [" + String.format("0x%x", 0xc0100000L + off) + "] = " + (code + 1);
                        case 2 -> "  r" + ++reg + " = load [" + a + "]";
                        case 3 -> "  dc civac [" + a + "]";
                        case 4 -> "  dc ivac [" + a + "]";
                        case 5 -> "  dc cvac [" + a + "]";
                        case 6 -> s.machine() == 2 ? "  dsb" : "  r" + ++reg + " = fetch [" + a + "]";
                        default -> "  ic ivau [" + a + "]";
                    });
                }
                b.append('\n');
            }
            b.append("}\n");
            for (int r = 1; r <= reg; r++) {
                b.append("show t").append(t).append(".r").append(r).append('\n');
            }
        }
        b.append("show ram[0x80000000]\nshow ram[0x80000040]\n");
        return b.toString();
    }

    @Property(tries = 250)
    void randomScenariosReportTheSameWithAndWithout(@ForAll("shapes") Shape shape) throws IOException {
        // The same claim on random scenarios; a search the bound cuts is skipped (its counts depend on the order).
        Path d = Files.createTempDirectory("dead-lines");
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", text(shape)), "r.scn");
        ScenarioCheck without = check(scenario, new Reductions(true, false), 40_000);
        String a = JsonReport.render(without.check());
        Assume.that(without.exploration().isComplete());
        ScenarioCheck with = check(scenario, Reductions.ALL, 40_000);
        String b = JsonReport.render(with.check());
        assertThat(comparable(b)).as(text(shape)).isEqualTo(comparable(a));
        ScenarioCheck deadOnly = check(scenario, new Reductions(false, true), 40_000);
        assertThat(comparable(JsonReport.render(deadOnly.check()))).isEqualTo(comparable(a));
    }

    @Property(tries = 60)
    void randomScenariosWithOperationsInFlightReportTheSameWithAndWithout(@ForAll("shapes") Shape shape)
            throws IOException {
        // Under ordering armv8 any remaining operation may perform next: the analysis then counts every remaining
        // reader (LineLiveness, "Operations in flight"), and must still change nothing but the counts.
        Path d = Files.createTempDirectory("dead-lines-armv8");
        String text = text(shape).replaceFirst("\n", "\nexplore { ordering armv8 }\n");
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", text), "r.scn");
        ScenarioCheck without = check(scenario, new Reductions(true, false), 40_000);
        String a = JsonReport.render(without.check());
        Assume.that(without.exploration().isComplete());
        ScenarioCheck with = check(scenario, Reductions.ALL, 40_000);
        assertThat(comparable(JsonReport.render(with.check()))).as(text).isEqualTo(comparable(a));
    }

    static Stream<Path> orderingExamples() throws IOException {
        // The Cortex-A8 pmd pair stores 90,000 to 150,000 states each way: left to GoldenScenariosTest.
        try (Stream<Path> s = Files.list(Path.of("examples/ordering"))) {
            return s.filter(p -> p.toString().endsWith(".scn") && !p.getFileName().toString().startsWith("pmd-"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orderingExamples")
    void orderingExamplesReportTheSameWithAndWithout(Path file) {
        // The same claim on the barrier examples, with operations in flight.
        Scenario scenario = ScenarioLoader.load(file, file.toString());
        ScenarioCheck with = check(scenario, Reductions.ALL, Long.MAX_VALUE);
        ScenarioCheck without = check(scenario, new Reductions(true, false), Long.MAX_VALUE);
        assertThat(comparable(JsonReport.render(with.check()))).isEqualTo(comparable(JsonReport.render(without.check())));
        assertThat(with.exploration().states()).isLessThanOrEqualTo(without.exploration().states());
    }

    @Test
    void aDeviceAtMemoryReadsThePocLevelWhenThePocIsACache() {
        // With poc l2 a device "at memory" starts at the PoC: it reads L2. A clean L2 copy holding 5 over RAM's 0 is
        // therefore read by the device's load unless hardware evicts it first: two final outcomes, dd.r = 5 or 0.
        // (Treating such a device as blind to caches made the copy dead and lost the outcome 0.)
        String text = "scenario \"d\"\nmachine generic { cache l1d 32B 1-way 16B; cache l1i 32B 1-way 16B;"
                + " cache l2 64B 1-way 16B shared; pou l2; poc l2 }\nram 0x1000 = 0\ncached l2 [0x1000] = 5 clean\n"
                + "space s { 0x1000 -> 0x1000 size 4K normal }\nthread t on cpu0 in s { dmb }\ndevice d at memory\n"
                + "thread dd on d after t { r = load [0x1000] }\nshow dd.r\n";
        Scenario scenario = ScenarioLoader.load(Cli.write(dir, "d.scn", text), "d.scn");
        assertThat(check(scenario, Reductions.ALL, Long.MAX_VALUE).check().outcomes().finalOutcomes()).isEqualTo(2);
        assertThat(check(scenario, new Reductions(true, false), Long.MAX_VALUE).check().outcomes().finalOutcomes()).isEqualTo(2);
    }
}
