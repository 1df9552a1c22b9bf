package dev.stalecheck.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import dev.stalecheck.support.ScalingScenario;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search counts its transitions by kind, in merge order: hand-derived on a tiny case, and worker-blind. */
class SearchStatsTest {
    @TempDir
    Path dir;

    private SearchStats stats(String text, Bounds bounds) {
        Scenario scenario = ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn");
        return new Explorer(scenario.machine(), scenario.explore(), bounds).explore(new SearchListener() {
            @Override
            public void finalState(int stateId, dev.stalecheck.machine.MachineState state) {
            }

            @Override
            public void transition(int parentId, int eventIndex, int outcomeIndex,
                                   dev.stalecheck.machine.Outcome outcome) {
            }
        });
    }

    @Test
    void twoConflictingStoresOnAOneLineCache() {
        // One line of cache (16 bytes, 1 way), no fills, walks or TLB drops; the thread stores to A = 0x0, then to
        // B = 0x10, which shares the only set. Threads are tried before hardware events. Level 0: S0 (pc 0, empty)
        // has only the first store -> S1 (pc 1, A dirty). Level 1: S1's store to B evicts A as its forced victim
        // (part of the thread step) -> S2 (pc 2, B dirty, RAM A = 1); its spontaneous eviction of A -> S3 (pc 1,
        // empty, RAM A = 1). Level 2: S2 (every thread finished) evicts B -> S4 (pc 2, empty, both in RAM): the
        // only post-end transition; S3's store to B (no victim: the set is empty) reaches S2 again, seen already.
        // So 5 transitions: 3 thread steps, 2 evictions of l1d; 4 new states; depth 3. The queue (stored, not yet
        // expanded, besides the state being expanded) peaks at 2: {S2, S3} while S1 is expanded, {S3, S4} while
        // S2 is.
        String text = "scenario \"two\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { store [0x0] = 1; store [0x10] = 2 }\n"
                + "explore { prefetch off; tlb-evictions off }\nshow ram[0x0]\n";
        SearchStats s = stats(text, Bounds.NONE.withWorkers(1));
        assertThat(s.transitions()).isEqualTo(5);
        assertThat(s.byKind()).containsExactly(Map.entry("thread", 3L), Map.entry("evict l1d", 2L));
        assertThat(s.newStates()).isEqualTo(4);
        assertThat(s.postEnd()).isEqualTo(1);
        assertThat(s.depth()).isEqualTo(3);
        assertThat(s.peakQueue()).isEqualTo(2);
        assertThat(s.cut()).isNull();
        assertThat(s.states()).as("the initial state and 4 new ones").isEqualTo(5);
    }

    @Test
    void theCountsAreTheSameForOneAndFourWorkers() {
        // The scaling case with 12 lines and dc ivac: thousands of states over many chunks; the counts are made
        // while merging in queue order, so any worker count must give the same record (but for the clock).
        String text = ScalingScenario.text(12, "ivac");
        SearchStats one = stats(text, Bounds.NONE.withWorkers(1));
        SearchStats four = stats(text, Bounds.NONE.withWorkers(4));
        assertThat(one.transitions()).isGreaterThan(10_000);
        assertThat(one.byKind()).containsKeys("thread", "evict l1d");
        assertThat(four).usingRecursiveComparison().ignoringFields("elapsedMillis").isEqualTo(one);
        long sum = one.byKind().values().stream().mapToLong(Long::longValue).sum();
        assertThat(sum).as("every transition has exactly one kind").isEqualTo(one.transitions());
    }

    @Test
    void aMaxStatesCutIsCountedAlikeAndNamed() {
        String text = ScalingScenario.text(12, "ivac");
        Bounds cut = new Bounds(1000, 0, false, 1);
        SearchStats one = stats(text, cut);
        SearchStats three = stats(text, cut.withWorkers(3));
        assertThat(one.cut()).isEqualTo(CutReason.MAX_STATES);
        assertThat(one.states()).isEqualTo(1000);
        assertThat(one.newStates()).as("the initial state and 999 new ones").isEqualTo(999);
        assertThat(three).usingRecursiveComparison().ignoringFields("elapsedMillis").isEqualTo(one);
    }
}
