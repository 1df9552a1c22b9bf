package dev.stalecheck.replay;

/** Feeds synthetic reference streams to a simulator (used to bring a buffer into a given cache state). */
public final class RefBatches {
    private RefBatches() {
    }

    /**
     * Loads {@code lines} lines from {@code base}, then stores to a {@code dirtyFraction} of them spread evenly (every
     * line whose index crosses the next multiple of 1/fraction).
     */
    public static void feed(ModelSimulator sim, long lines, long base, int lineBytes, double dirtyFraction) {
        RefBatch b = new RefBatch();
        for (long i = 0; i < lines; i++) {
            b.add(RefKind.LOAD, base + i * lineBytes, 8);
            if (b.full()) {
                sim.accept(b);
                b.count = 0;
            }
        }
        double acc = 0;
        for (long i = 0; i < lines; i++) {
            acc += dirtyFraction;
            if (acc >= 1 - 1e-9) {
                acc -= 1;
                b.add(RefKind.STORE, base + i * lineBytes, 8);
                if (b.full()) {
                    sim.accept(b);
                    b.count = 0;
                }
            }
        }
        sim.accept(b);
    }
}
