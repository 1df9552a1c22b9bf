package dev.stalecheck.replay.report;

import dev.stalecheck.replay.simulator.ReplayStats;

/** Renders replay statistics in one format: one method per rule set, from the statistics record alone. */
public interface ReplayReporter extends ReplayStats.Visitor<String> {
    /** What stands between the statistics of several hierarchies simulated in one pass. */
    String separator();
}
