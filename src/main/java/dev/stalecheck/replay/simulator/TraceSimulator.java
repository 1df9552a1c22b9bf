package dev.stalecheck.replay.simulator;

import dev.stalecheck.replay.trace.RefBatch;

/** A cache simulator that {@code replay} feeds every batch of references to, then asks for its statistics. */
public interface TraceSimulator {
    /** Simulates every reference of {@code batch}. */
    void accept(RefBatch batch);

    /** What it counted, for traces of {@code references} references with {@code skipped} malformed lines. */
    ReplayStats statistics(long references, long skipped);
}
