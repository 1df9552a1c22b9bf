package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State, transition and outcome counts of tiny scenarios, derived by hand. */
class PinnedCountsTest {
    @TempDir
    Path dir;

    /** A check without the dead-line reduction, whose smaller counts DeadLinesTest derives. */
    private ScenarioCheck check(String text) {
        ScenarioCheck c = new ScenarioCheck(ScenarioLoader.load(Cli.write(dir, "t.scn", text), "t.scn"), Bounds.NONE, null,
                new Reductions(true, false));
        c.check();
        return c;
    }

    @Test
    void twoIndependentThreadsWithoutCaches() {
        // No cache level: no hardware events. Threads a and b run one store each, in either order:
        // states (pc_a, pc_b) = (0,0), (1,0), (0,1), (1,1); transitions: 2 from (0,0), 1 from each middle state.
        // Both orders end with the same RAM: one final outcome.
        ScenarioCheck c = check("scenario \"a\"\nmachine generic { cache l1i none; cache l1d none; cache l2 none }\n"
                + "thread a on cpu0 { store [0x0] = 1 }\nthread b on cpu0 { store [0x8] = 2 }\n");
        assertThat(c.exploration().states()).isEqualTo(4);
        assertThat(c.exploration().transitions()).isEqualTo(4);
    }

    @Test
    void oneLineCacheWithPrefetch() {
        // One 16-byte line of L1D (1 set, 1 way); the thread stores 1 to it. States:
        //   S0 start (pc 0, empty, RAM 0)  -> store: S2; prefetch: S1
        //   S1 (pc 0, clean 0)             -> store hits: S2 (same state: LRU ages are not identity); evict: S0
        //   S2 (pc 1, dirty 1, RAM 0)      -> evict (write-back): S3
        //   S3 (pc 1, empty, RAM 1)        -> prefetch: S4
        //   S4 (pc 1, clean 1, RAM 1)      -> evict: S3
        // 5 states, 7 transitions. Final states S2, S3, S4; S3 and S4 agree on RAM and hold no dirty line, so they
        // are one outcome: 2 final outcomes.
        ScenarioCheck c = check("scenario \"b\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { store [0x0] = 1 }\nshow ram[0x0]\n");
        assertThat(c.exploration().states()).isEqualTo(5);
        assertThat(c.exploration().transitions()).isEqualTo(7);
        ScenarioResult r = new ScenarioCheck(ScenarioLoader.load(dir.resolve("t.scn"), "t.scn"), Bounds.NONE, null).check();
        assertThat(r.outcomes().finalOutcomes()).isEqualTo(2);
        assertThat(r.outcomes().rows()).extracting(o -> o.values().get(0).describe() + " x" + o.count()).containsExactly("0x0 x1", "0x1 x1");
    }

    @Test
    void oneLineCacheWithoutPrefetch() {
        // The same without speculative fills: S0 -> S2 -> S3, 3 states and 2 transitions.
        ScenarioCheck c = check("scenario \"c\"\nmachine generic { cache l1i none; cache l2 none; cache l1d 16B 1-way 16B }\n"
                + "space s { 0 -> 0 size 4K }\nthread t on cpu0 in s { store [0x0] = 1 }\nexplore { prefetch off }\n");
        assertThat(c.exploration().states()).isEqualTo(3);
        assertThat(c.exploration().transitions()).isEqualTo(2);
    }
}
