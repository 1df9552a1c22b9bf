package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Explorer;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.explore.SearchListener;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import dev.stalecheck.support.NaiveExplorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Programs with an SMMU against the naive reference explorer and against the plain search: random small scenarios
 * in which a kernel thread rewrites an IO page table (map, unmap, clean, barriers, SMMU TLB invalidates) while one or
 * two devices behind a coherent or non-coherent SMMU load and store through it. Every reduction together must find
 * exactly the reference's final outcomes, and the same verdicts, outcomes and hazards as no reduction at all.
 */
class SmmuDifferentialTest {
    /** A random scenario: machine, SMMU coherence and TLB size, device attachment, threads as op codes, options. */
    record Shape(int machine, boolean coherent, int tlb, int device, List<Integer> kernel, List<List<Integer>> devices,
                 int options) {
    }

    private static final String[] MACHINES = {
        "machine generic { cache l1d 128B 2-way 32B; cache l1i none; cache l2 none }",
        "machine generic { cache l1d 128B 2-way 32B; cache l1i none; cache l2 256B 2-way 32B shared }",
        "machine generic { cache l1d 128B 2-way 32B; cache l1i none; cache l2 256B 2-way 32B shared; poc l2 }",
    };

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<List<Integer>> kernel = Arbitraries.integers().between(0, 8).list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<List<Integer>> device = Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(2);
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 2), kernel,
                device.list().ofMinSize(1).ofMaxSize(2), Arbitraries.integers().between(0, 3)).as(Shape::new);
    }

    /** The scenario text of a shape. */
    static String text(Shape s) {
        String entry = "[entry(io, 0x11000) - 8 - 0x80100000 + 0xc0100000]";   // IOVA 0x10000's descriptor
        StringBuilder b = new StringBuilder("scenario \"random-smmu\"\n").append(MACHINES[s.machine()]).append('\n')
                .append("ram 0x80200000 = 0x11\nram 0x80400000 = 0x22\n")
                .append("pagetable io format v8-4k at 0x80100000 {\n")
                .append("  map 0x10000 -> 0x80200000 size 4K page normal\n")
                .append("  map 0x11000 -> 0x80201000 size 4K page normal\n}\n")
                .append("smmu s0 table io tlb ").append(s.tlb()).append(s.coherent() ? " coherent" : "").append('\n')
                .append("device gpu ").append(new String[] {"at memory", "coherent", "at memory"}[s.device()])
                .append(" via s0\n")
                .append("space k { 0xc0100000 -> 0x80100000 size 16K normal }\n")
                .append("thread kt on cpu0 in k {\n");
        for (int code : s.kernel()) {
            b.append(switch (code) {
                case 0 -> "  store " + entry + " = desc(io, page, 0x80400000, normal)";
                case 1 -> "  store " + entry + " = desc(io, fault)";
                case 2 -> "  dc cvac " + entry;
                case 3 -> "  dsb sy";
                case 4 -> "  smmu tlbi s0 va [0x10000]";
                case 5 -> "  smmu tlbi s0 all";
                case 6 -> "  store [0xc0100000] = 0";    // the root table's first descriptor: every walk faults
                case 7 -> "  smmu tlbi s0 asid";
                default -> "  dmb st";
            }).append('\n');
        }
        b.append("}\n");
        for (int d = 0; d < s.devices().size(); d++) {
            boolean after = (s.options() & (1 << d)) != 0;
            b.append("thread d").append(d).append(" on gpu").append(after ? " after kt" : "").append(" {\n");
            int reg = 0;
            for (int code : s.devices().get(d)) {
                b.append(switch (code) {
                    case 0, 1 -> "  r" + ++reg + " = load [0x10000]";
                    case 2 -> "  store [0x10000] = " + (0x40 + d);
                    default -> "  r" + ++reg + " = load [0x11000]";
                }).append('\n');
            }
            b.append("}\n");
            for (int r = 1; r <= reg; r++) {
                b.append("show d").append(d).append(".r").append(r).append('\n');
            }
        }
        b.append("expect ram[0x80200000] == 0x11\nshow ram[0x80400000]\n");
        return b.toString();
    }

    @Property(tries = 150)
    void everyReductionKeepsTheReferenceOutcomesVerdictsAndHazards(@ForAll("shapes") Shape shape) throws IOException {
        Path d = Files.createTempDirectory("smmu-diff");
        String text = text(shape);
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", text), "r.scn");
        Machine m = scenario.machine();
        Set<OutcomeKey> expected = new HashSet<>();
        try {
            for (MachineState s : new NaiveExplorer(m, scenario.explore(), 30_000).finalStates()) {
                expected.add(OutcomeKey.of(m, s));
            }
        } catch (IllegalStateException tooBig) {
            Assume.that(false);
        }
        Set<OutcomeKey> found = new HashSet<>();
        new Explorer(m, scenario.explore(), Bounds.NONE, Reductions.ALL).explore(new SearchListener() {
            @Override
            public void finalState(int stateId, MachineState state) {
                found.add(OutcomeKey.of(m, state));
            }

            @Override
            public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
            }
        });
        assertThat(found).as(text).isEqualTo(expected);
        JsonNode plain = PartialOrderTest.kept(JsonReport.render(
                TableReachTest.check(scenario, Reductions.NONE, Long.MAX_VALUE).check()));
        JsonNode all = PartialOrderTest.kept(JsonReport.render(
                TableReachTest.check(scenario, Reductions.ALL, Long.MAX_VALUE).check()));
        assertThat(all).as(text).isEqualTo(plain);
    }
}
