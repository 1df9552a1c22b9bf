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
            hits.add(switch (l.depth()) {
                case 1 -> 4L;
                case 2 -> 20L;
                default -> 40L;
            });
        }
        return new LatencyTable(hits.stream().mapToLong(Long::longValue).toArray(), 100, 2, 1, 10);
    }
}
