package dev.stalecheck.cost;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The cycle costs the cost model uses. These are assumptions, not measurements (no public source gives cycle counts
 * for maintenance operations): by default an L1 hit costs 4 cycles, an L2 hit 20, an L3 hit 40, memory 100; a
 * set/way instruction 2 cycles per slot, a whole-level walk 1 cycle per slot, a barrier 10. Every figure can be
 * overridden.
 *
 * @param hitCycles        per data level, innermost first
 * @param memoryCycles     a write-back or fill from memory
 * @param setWayCycles     one set/way instruction
 * @param wholeLevelCycles one slot of a whole-level walk
 * @param barrierCycles    one dsb
 */
public record LatencyTable(long[] hitCycles, long memoryCycles, long setWayCycles, long wholeLevelCycles,
                           long barrierCycles) {
    /** The default table for a machine's data levels. */
    public static LatencyTable defaults(MachineConfig config) {
        List<Long> hits = new ArrayList<>();
        for (CacheLevelConfig l : config.dataPathLevels()) {
            hits.add(defaultHitCycles(l.depth()));
        }
        return new LatencyTable(hits.stream().mapToLong(Long::longValue).toArray(), 100, 2, 1, 10);
    }

    /** The default hit latency of a level at {@code depth} (1 for L1). */
    private static long defaultHitCycles(int depth) {
        return switch (depth) {
            case 1 -> 4L;
            case 2 -> 20L;
            default -> 40L;
        };
    }

    /**
     * The hit latency of {@code level} of {@code config}: a data level's own entry; an instruction level takes the
     * entry of the data level at its depth, else the default for its depth.
     */
    public long hitCycles(MachineConfig config, CacheLevelConfig level) {
        List<CacheLevelConfig> data = config.dataPathLevels();
        int i = data.indexOf(level);
        if (i < 0) {
            for (int k = 0; k < data.size(); k++) {
                if (data.get(k).depth() == level.depth()) {
                    i = k;
                    break;
                }
            }
        }
        return i < 0 ? defaultHitCycles(level.depth()) : hitCycles[i];
    }

    /**
     * This table with the overrides of a {@code --latency} option ({@code l1d=4,l2=30,memory=150}; null: none) for
     * {@code config}, the machine called {@code machine} in error messages.
     *
     * @throws IllegalArgumentException for a malformed entry, a negative figure or an unknown level
     */
    public LatencyTable overridden(String spec, MachineConfig config, String machine) {
        if (spec == null) {
            return this;
        }
        long[] hits = hitCycles.clone();
        long memory = memoryCycles;
        long setWay = setWayCycles;
        long whole = wholeLevelCycles;
        long barrier = barrierCycles;
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            long v;
            try {
                v = Long.parseLong(kv.length == 2 ? kv[1].trim() : "x");
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--latency " + part + ": expected NAME=CYCLES");
            }
            if (v < 0) {
                throw new IllegalArgumentException("--latency " + part + ": cycles cannot be negative");
            }
            String name = kv[0].trim();
            switch (name) {
                case "memory" -> memory = v;
                case "setway" -> setWay = v;
                case "whole" -> whole = v;
                case "barrier" -> barrier = v;
                default -> {
                    int i = config.dataPathLevels().stream().map(l -> l.name()).toList().indexOf(name);
                    if (i < 0) {
                        throw new IllegalArgumentException("--latency " + part + ": " + machine + " has no data level "
                                + name + " (use l1d, l2, ..., memory, setway, whole or barrier)");
                    }
                    hits[i] = v;
                }
            }
        }
        return new LatencyTable(hits, memory, setWay, whole, barrier);
    }
}
