package dev.stalecheck.replay;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's rules on a trace (language page, "How data moves"): fills allocate in every level on the way; stores
 * write-allocate or pass outward; dirty lines are written back on eviction into the next level that holds them
 * (marking it dirty), else memory, never allocating; clean and invalidate records act on every level as
 * {@code dc cvac} and {@code dc ivac} would (an {@code any} invalidate takes its first value, discard).
 * Accesses that straddle lines touch each line.
 */
public final class ModelSimulator {
    private final List<ModelLevel> dataPath = new ArrayList<>();
    private final List<ModelLevel> instructionPath = new ArrayList<>();
    private final List<ModelLevel> levels = new ArrayList<>();
    private final boolean[] invalidateCleans;
    long memoryReads;
    long memoryWrites;

    /** A simulator of {@code config}'s cache levels (one cpu). */
    public ModelSimulator(MachineConfig config) {
        ModelLevel l1i = null;
        for (CacheLevelConfig c : config.levels()) {
            ModelLevel l = new ModelLevel(c);
            levels.add(l);
            if (c.isInstruction()) {
                l1i = l;
            } else {
                dataPath.add(l);
                if (!c.isLevelOne()) {
                    instructionPath.add(l);
                }
            }
        }
        if (l1i != null) {
            instructionPath.add(0, l1i);
        }
        invalidateCleans = new boolean[dataPath.size()];
        for (int i = 0; i < dataPath.size(); i++) {
            invalidateCleans[i] = config.invalidatePolicy(dataPath.get(i).name) == InvalidatePolicy.CLEAN;
        }
    }

    /** Simulates every reference of a batch. */
    public void accept(RefBatch b) {
        for (int i = 0; i < b.count; i++) {
            byte k = b.kind[i];
            long a = b.address[i];
            int size = Math.max(1, b.size[i]);
            List<ModelLevel> path = k == RefKind.INSTR ? instructionPath : dataPath;
            int lineBits = path.isEmpty() ? 6 : path.get(0).lineBits;
            long first = a >>> lineBits;
            long last = (a + size - 1) >>> lineBits;
            for (long line = first; line <= last; line++) {
                long addr = line << lineBits;
                switch (k) {
                    case RefKind.INSTR, RefKind.LOAD -> read(path, 0, addr);
                    case RefKind.STORE -> write(path, 0, addr);
                    case RefKind.MODIFY -> {
                        read(path, 0, addr);
                        write(path, 0, addr);
                    }
                    case RefKind.CLEAN -> maintain(addr, false);
                    case RefKind.INVALIDATE -> maintain(addr, true);
                    default -> {
                    }
                }
            }
        }
    }

    private void read(List<ModelLevel> path, int k, long addr) {
        if (k >= path.size()) {
            memoryReads++;
            return;
        }
        ModelLevel l = path.get(k);
        long block = addr >>> l.lineBits;
        if (l.demandLookup(block) >= 0) {
            return;
        }
        read(path, k + 1, addr);
        l.fillBytes += l.lineBytes;
        install(path, k, block, false);
    }

    private void install(List<ModelLevel> path, int k, long block, boolean dirty) {
        ModelLevel l = path.get(k);
        int slot = l.victim(block);
        if (l.tag(slot) != -1 && l.dirty(slot)) {
            l.writeBacks++;
            l.bytesOut += l.lineBytes;
            writeBack(path, k + 1, l.tag(slot) << l.lineBits);
        }
        l.install(slot, block, dirty);
    }

    /** Writes a line back into the first level from {@code k} that holds it (marking it dirty), else memory. */
    void writeBack(List<ModelLevel> path, int k, long addr) {
        for (int j = k; j < path.size(); j++) {
            ModelLevel l = path.get(j);
            int slot = l.find(addr >>> l.lineBits);
            if (slot >= 0) {
                l.setDirty(slot, true);
                return;
            }
        }
        memoryWrites++;
    }

    private void write(List<ModelLevel> path, int k, long addr) {
        if (k >= path.size()) {
            memoryWrites++;
            return;
        }
        ModelLevel l = path.get(k);
        long block = addr >>> l.lineBits;
        int slot = l.demandLookup(block);
        if (slot >= 0) {
            if (l.writeBack) {
                l.setDirty(slot, true);
                return;
            }
            l.bytesOut += 8;
            write(path, k + 1, addr);
            return;
        }
        if (l.writeAllocate) {
            read(path, k + 1, addr);
            l.fillBytes += l.lineBytes;
            install(path, k, block, true);
            return;
        }
        l.bytesOut += 8;
        write(path, k + 1, addr);
    }

    private void maintain(long addr, boolean invalidate) {
        for (int k = 0; k < dataPath.size(); k++) {
            ModelLevel l = dataPath.get(k);
            int slot = l.find(addr >>> l.lineBits);
            if (slot < 0) {
                continue;
            }
            boolean writeBackNow = l.dirty(slot) && (!invalidate || invalidateCleans[k]);
            if (writeBackNow) {
                l.writeBacks++;
                l.bytesOut += l.lineBytes;
                writeBack(dataPath, k + 1, addr);
            }
            if (invalidate) {
                l.drop(slot);
            } else {
                l.setDirty(slot, false);
            }
        }
    }

    /** Classifies every level's misses as compulsory, capacity or conflict. */
    public ModelSimulator classify() {
        levels.forEach(ModelLevel::classify);
        return this;
    }

    /** The data path's levels, innermost first. */
    List<ModelLevel> dataPath() {
        return dataPath;
    }

    /** Whether an invalidate at data level {@code k} writes a dirty line back first. */
    boolean invalidateCleans(int k) {
        return invalidateCleans[k];
    }

    /** The levels, in path order. */
    List<ModelLevel> levels() {
        return levels;
    }
}
