package dev.stalecheck.cost;

import dev.stalecheck.replay.simulator.ModelSimulator;
import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.RefKind;

/** Feeds synthetic reference streams to a simulator (used to bring a buffer into a given cache state). */
final class RefBatches {
    private RefBatches() {
    }

    /**
     * Loads {@code lines} lines from {@code base}, then stores to a {@code dirtyFraction} of them spread evenly (every
     * line whose index crosses the next multiple of 1/fraction).
     */
    static void feed(ModelSimulator sim, long lines, long base, int lineBytes, double dirtyFraction) {
        RefBatch b = new RefBatch();
        for (long i = 0; i < lines; i++) {
            add(sim, b, RefKind.LOAD, base + i * lineBytes);
        }
        double acc = 0;
        for (long i = 0; i < lines; i++) {
            acc += dirtyFraction;
            if (acc >= 1 - 1e-9) {
                acc -= 1;
                add(sim, b, RefKind.STORE, base + i * lineBytes);
            }
        }
        sim.accept(b);
    }

    /** Adds an 8-byte reference, handing the batch to {@code sim} and emptying it when full. */
    private static void add(ModelSimulator sim, RefBatch b, byte kind, long address) {
        b.add(kind, address, 8);
        if (b.full()) {
            sim.accept(b);
            b.clear();
        }
    }
}
