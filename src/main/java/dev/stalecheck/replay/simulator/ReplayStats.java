package dev.stalecheck.replay.simulator;

/** What one simulator counted over the traces: one record per rule set, each rendered by every reporter. */
public sealed interface ReplayStats permits CachegrindStats, DineroStats, ModelStats {
    /** References read from the traces. */
    long references();

    /** Malformed lines skipped ({@code --skip-bad}). */
    long skipped();

    /** Hands this record to the method of {@code visitor} for its rule set. */
    <R> R accept(Visitor<R> visitor);

    /**
     * Does something with the statistics of each rule set (a reporter renders them); adding a rule set adds a
     * method here, so no reporter can forget it.
     *
     * @param <R> what it makes
     */
    interface Visitor<R> {
        /** Cachegrind's counters. */
        R cachegrind(CachegrindStats s);

        /** Dinero IV's accounting. */
        R dinero(DineroStats s);

        /** The model's per-level statistics for one machine. */
        R model(ModelStats s);
    }
}
