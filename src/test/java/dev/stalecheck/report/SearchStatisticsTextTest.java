package dev.stalecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statistics line under a single scenario's report, written from the result's search record alone. */
class SearchStatisticsTextTest {
    /** {@code spilledBytes} of visited set, and then 3 MiB of log, spilled; {@code audited} -1 for no audit. */
    private static SearchStats stats(long states, CutReason cut, String stopReason, long audited, long spilledBytes) {
        double p = (double) states * states / Math.pow(2, 65);
        return new SearchStats(states, 7, states - 1, 0, 3, 2, Map.of("thread", 7L), cut, stopReason,
                new SearchStats.Fingerprints(p, audited), new SearchStats.Spill(spilledBytes, spilledBytes > 0 ? 3L << 20 : 0, "/spill"), 12);
    }

    @Test
    void aCompleteSearchSaysSoWithItsCollisionBound() {
        // 5 states: 25 / 2^65 = 6.8e-19.
        assertThat(TextReport.statistics(stats(5, null, "", -1, 0))).isEqualTo("explored 5 states and 7 transitions"
                + " in 12 ms; every execution of the model; fingerprint collision probability below 6.8e-19");
    }

    @Test
    void aStopOnceDecidedPointsToFullAndAnAuditCountsItsCollisions() {
        assertThat(TextReport.statistics(stats(5, CutReason.DECIDED, "", 0, 0)))
                .contains("; stopped once every verdict was decided (--full explores the rest,")
                .endsWith("; audit: 0 collisions");
    }

    @Test
    void aMemoryCutNamesTheSpillAndWhyItStopped() {
        // 2 GiB of visited set and 3 MiB of log spilled; the last line is the stop with its reason and the hint.
        String text = TextReport.statistics(stats(5, CutReason.MEMORY, "the disk is full", -1, 2L << 30));
        assertThat(text.lines()).containsExactly(
                "explored 5 states and 7 transitions in 12 ms; cut short by memory; fingerprint collision probability"
                        + " below 6.8e-19",
                "spilled 2.0 GB of the visited set and 3 MB of the state log to files in /spill",
                "search stopped: the disk is full after 5 states (" + TextReport.MEMORY_HINT + ")");
    }
}
