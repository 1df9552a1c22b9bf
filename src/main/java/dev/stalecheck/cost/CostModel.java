package dev.stalecheck.cost;

import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.replay.simulator.ModelSimulator;

/**
 * Prices each {@link Strategy} for a buffer of a given size and state on a machine: the buffer is first brought into
 * the requested state with the fast cache simulator (loads, then stores to the dirty lines, spread evenly), then the
 * strategy runs on that state under a {@link LatencyTable}.
 */
public final class CostModel {
    /** Where the buffer lies. */
    static final long BASE = 0x8000_0000L;

    private final MachineConfig config;
    private final LatencyTable latency;

    /** A cost model of {@code config} with {@code latency}. */
    public CostModel(MachineConfig config, LatencyTable latency) {
        this.config = config;
        this.latency = latency;
    }

    /**
     * The cost of one strategy.
     *
     * @param cycles     total cycles
     * @param writeBacks lines written back
     * @param operations maintenance instructions issued
     */
    public record Cost(long cycles, long writeBacks, long operations) {
    }

    /** Prices {@code strategy} for {@code bytes} of buffer, {@code dirtyFraction} of its lines dirty (negative: not cached). */
    public Cost price(Strategy strategy, long bytes, double dirtyFraction) {
        ModelSimulator sim = new ModelSimulator(config);
        int line = config.smallestDataLine();
        long lines = Math.max(1, (bytes + line - 1) / line);
        if (dirtyFraction >= 0) {
            RefBatches.feed(sim, lines, BASE, line, dirtyFraction);
        }
        MaintenancePass pass = new MaintenancePass(sim, latency);
        int levels = config.dataPathLevels().size();
        switch (strategy) {
            case IVAC_LOOP -> loop(pass, lines, line, false, true);
            case CIVAC_LOOP -> loop(pass, lines, line, true, true);
            case CVAC_THEN_IVAC -> {
                loop(pass, lines, line, true, false);
                loop(pass, lines, line, false, true);
            }
            case SET_WAY -> {
                for (int k = 0; k < levels; k++) {
                    if (!config.dataPathLevels().get(k).outer()) {
                        pass.setWay(k);
                    }
                }
                pass.barrier();
            }
            default -> {
                for (int k = 0; k < levels; k++) {
                    if (!config.dataPathLevels().get(k).outer()) {
                        pass.wholeLevel(k);
                    }
                }
                pass.barrier();
            }
        }
        return new Cost(pass.cycles(), pass.writeBacks(), pass.operations());
    }

    private static void loop(MaintenancePass pass, long lines, int line, boolean clean, boolean invalidate) {
        for (long i = 0; i < lines; i++) {
            pass.byAddress(BASE + i * line, clean, invalidate);
        }
        pass.barrier();
    }
}
