package dev.stalecheck.replay;

import java.util.List;

/**
 * Prices cache maintenance on the fast path's cache state. The cost model (assumptions, see docs/cost.md): a by-VA
 * operation looks the line up at every level before the PoC except {@code outer} ones, paying that level's hit
 * latency; a dirty line written
 * back costs the next level's hit latency (or memory's); a set/way instruction costs {@code setWayCycles} per line
 * slot; a whole-level operation walks the level at {@code wholeLevelCycles} per slot; a barrier costs
 * {@code barrierCycles}.
 */
public final class MaintenancePass {
    private final ModelSimulator sim;
    private final long[] hitCycles;
    private final long memoryCycles;
    private final long setWayCycles;
    private final long wholeLevelCycles;
    private final long barrierCycles;
    long cycles;
    long writeBacks;
    long lookups;
    long operations;

    /** A pass over {@code sim}'s caches with these latencies (one hit latency per data level, innermost first). */
    public MaintenancePass(ModelSimulator sim, long[] hitCycles, long memoryCycles, long setWayCycles,
                           long wholeLevelCycles, long barrierCycles) {
        this.sim = sim;
        this.hitCycles = hitCycles;
        this.memoryCycles = memoryCycles;
        this.setWayCycles = setWayCycles;
        this.wholeLevelCycles = wholeLevelCycles;
        this.barrierCycles = barrierCycles;
    }

    private long writeCost(int k) {
        return k < hitCycles.length ? hitCycles[k] : memoryCycles;
    }

    private void writeBack(List<ModelLevel> path, int k, long addr) {
        writeBacks++;
        cycles += writeCost(k);
        sim.writeBack(path, k, addr);
    }

    /** One by-VA operation on the line of {@code addr}: clean and/or invalidate, at every data level. */
    public void byAddress(long addr, boolean clean, boolean invalidate) {
        operations++;
        List<ModelLevel> path = sim.dataPath();
        for (int k = 0; k < path.size(); k++) {
            ModelLevel l = path.get(k);
            if (l.outer) {
                continue;
            }
            lookups++;
            cycles += hitCycles[k];
            int slot = l.find(addr >>> l.lineBits);
            if (slot < 0) {
                continue;
            }
            if (l.dirty(slot) && (clean || sim.invalidateCleans(k))) {
                writeBack(path, k + 1, l.tag(slot) << l.lineBits);
            }
            if (invalidate) {
                l.drop(slot);
            } else {
                l.setDirty(slot, false);
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
        List<ModelLevel> path = sim.dataPath();
        ModelLevel l = path.get(k);
        for (int slot = 0; slot < l.slots(); slot++) {
            if (perInstruction) {
                operations++;
            }
            cycles += perSlot;
            long tag = l.tag(slot);
            if (tag != -1) {
                if (l.dirty(slot)) {
                    writeBack(path, k + 1, tag << l.lineBits);
                }
                l.drop(slot);
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
