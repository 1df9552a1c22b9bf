package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.cache.CacheState;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Explorer;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.explore.SearchListener;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Inclusion as an invariant (docs/semantics.md item 31): in every state the plain search reaches on random scenarios
 * of machines with an {@code inclusive} level, every line of an included L1 data cache has a copy of its physical
 * line in that level. Checked on every transition's target, so a step that breaks it anywhere is caught.
 */
class InclusionInvariantTest {
    @Provide
    Arbitrary<DeadLinesTest.Shape> shapes() {
        // Machines 5 and 6 of DeadLinesTest.text have an inclusive L2 or L3.
        return new DeadLinesTest().shapes().filter(s -> s.machine() >= 5);
    }

    @Property(tries = 60)
    void everyIncludedL1dLineIsInTheInclusiveLevel(@ForAll("shapes") DeadLinesTest.Shape shape) throws IOException {
        Path d = Files.createTempDirectory("incl");
        Scenario scenario = ScenarioLoader.load(Cli.write(d, "r.scn", DeadLinesTest.text(shape)), "r.scn");
        Machine m = scenario.machine();
        List<String> broken = new ArrayList<>();
        check(m, m.initialState(), broken);
        new Explorer(m, new ExploreOptions(true, true, true, false), new Bounds(20_000, 0, false, 1), Reductions.NONE)
                .explore(new SearchListener() {
                    @Override
                    public void finalState(int stateId, MachineState state) {
                    }

                    @Override
                    public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
                        if (broken.isEmpty()) {
                            check(m, outcome.next(), broken);
                        }
                    }
                });
        assertThat(broken).as(DeadLinesTest.text(shape)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aCoherentDeviceWriteTakesTheOtherHalfOfALargerInclusiveLineWithIt() {
        // The L2 line (32 bytes) holds two L1D lines (16 bytes). The cpu's dirty store to the second half stays in L1D;
        // the coherent device then writes the first half and snoops the L2 line away. Inclusion means the L1D line of
        // the second half leaves with it, its dirty bytes first merged into the L2 line and pushed to RAM with the
        // other dirty copies: RAM holds both values in every execution (a review found the L1D line left behind).
        String text = "scenario \"halves\"\nmachine generic { cpus 1; cache l1d 64B 2-way 16B; cache l1i none;"
                + " cache l2 128B 2-way 32B shared inclusive }\nspace k { 0xc0000000 -> 0x80000000 size 8K normal }\n"
                + "device dma coherent\nthread t0 on cpu0 in k { store [0xc0000010] = 2 }\n"
                + "thread t1 on dma after t0 { store [0x80000000] = 1 }\n"
                + "expect ram[0x80000010] == 2 && ram[0x80000000] == 1\n";
        Scenario s = ScenarioLoader.load(Cli.write(Path.of(System.getProperty("java.io.tmpdir")), "halves.scn", text),
                "halves.scn");
        assertThat(new ScenarioCheck(s, Bounds.NONE, null).check().results().get(0).verdict().name())
                .isEqualTo("HOLDS");
    }

    /** Adds to {@code broken} each L1D line of {@code s} that an inclusive level on its cpu's path lacks. */
    private static void check(Machine m, MachineState s, List<String> broken) {
        for (CacheInstance l1 : m.topology().instances()) {
            if (!l1.level().name().equals("l1d")) {
                continue;
            }
            CacheState lines = s.cache(l1.id());
            for (int i = 0; i < lines.validLines(); i++) {
                long pa = lines.lineAt(i).physicalAddress();
                for (int id : m.topology().dataPath(l1.cpu())) {
                    CacheInstance outer = m.topology().instance(id);
                    if (outer.level().inclusive() && !holds(s.cache(id), outer, pa)) {
                        broken.add(outer.name() + " lacks " + Long.toHexString(pa) + " held by " + l1.name());
                    }
                }
            }
        }
    }

    private static boolean holds(CacheState c, CacheInstance outer, long pa) {
        long line = outer.lineOf(pa);
        for (int colour = 0; colour < outer.index().colours(); colour++) {
            if (c.wayOf(outer.index().setOf(line, colour), line) >= 0) {
                return true;
            }
        }
        return false;
    }
}
