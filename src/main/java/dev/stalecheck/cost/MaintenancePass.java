package dev.stalecheck.cost;

import dev.stalecheck.replay.simulator.ModelSimulator;

/**
 * Prices cache maintenance on the fast path's cache state. The cost model (assumptions, see docs/cost.md): a by-VA
 * operation looks the line up at every level before the PoC except {@code outer} ones, paying that level's hit
 * latency; a dirty line written back costs the next level's hit latency (or memory's); a set/way instruction costs
 * {@code setWayCycles} per line slot; a whole-level operation walks the level at {@code wholeLevelCycles} per slot;
 * a barrier costs {@code barrierCycles}.
 */
public final class MaintenancePass {
    private final ModelSimulator sim;
    private final long[] hitCycles;
    private final long memoryCycles;
    private final long setWayCycles;
    private final long wholeLevelCycles;
    private final long barrierCycles;
    private long cycles;
    private long writeBacks;
    private long operations;

    /** A pass over {@code sim}'s caches with these latencies (one hit latency per data level, innermost first). */
    public MaintenancePass(ModelSimulator sim, LatencyTable latency) {
        this.sim = sim;
        this.hitCycles = latency.hitCycles();
        this.memoryCycles = latency.memoryCycles();
        this.setWayCycles = latency.setWayCycles();
        this.wholeLevelCycles = latency.wholeLevelCycles();
        this.barrierCycles = latency.barrierCycles();
    }

    /** A line written back from data level {@code k - 1} into level {@code k} (or memory, past the last). */
    private void wroteBack(int k) {
        writeBacks++;
        cycles += k < hitCycles.length ? hitCycles[k] : memoryCycles;
    }

    /** One by-VA operation on the line of {@code addr}: clean and/or invalidate, at every data level. */
    public void byAddress(long addr, boolean clean, boolean invalidate) {
        operations++;
        for (int k = 0; k < sim.dataLevels(); k++) {
            if (sim.isOuter(k)) {
                continue;
            }
            cycles += hitCycles[k];
            if (sim.maintainLine(k, addr, clean, invalidate)) {
                wroteBack(k + 1);
            }
        }
    }

    /** Clean+invalidate of every slot of data level {@code k}, one set/way instruction per slot. */
    public void setWay(int k) {
        sweep(k, setWayCycles, true);
    }

    /** Clean+invalidate of every slot of data level {@code k} by one whole-level operation. */
    public void wholeLevel(int k) {
        sweep(k, wholeLevelCycles, false);
    }

    private void sweep(int k, long perSlot, boolean perInstruction) {
        if (!perInstruction) {
            operations++;
        }
        for (int slot = 0; slot < sim.slots(k); slot++) {
            if (perInstruction) {
                operations++;
            }
            cycles += perSlot;
            if (sim.flushSlot(k, slot)) {
                wroteBack(k + 1);
            }
        }
    }

    /** A barrier. */
    public void barrier() {
        cycles += barrierCycles;
    }

    /** Cycles so far. */
    public long cycles() {
        return cycles;
    }

    /** Lines written back so far. */
    public long writeBacks() {
        return writeBacks;
    }

    /** Instructions issued so far. */
    public long operations() {
        return operations;
    }
}
