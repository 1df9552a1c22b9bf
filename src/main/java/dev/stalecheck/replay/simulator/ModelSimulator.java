package dev.stalecheck.replay.simulator;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.RefKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's rules on a trace (language page, "How data moves"): fills allocate in every level on the way; stores
 * write-allocate or pass outward; dirty lines are written back on eviction into the next level that holds them
 * (marking it dirty), else memory, never allocating; clean and invalidate records act on every level as
 * {@code dc cvac} and {@code dc ivac} would (an {@code any} invalidate takes its first value, discard); a line
 * leaving an {@code inclusive} level drops the L1D's copy, a dirty one's bytes going with it.
 * Accesses that straddle lines touch each line. The cost model ({@code dev.stalecheck.cost}) also drives it, one
 * maintenance operation at a time ({@link #maintainLine}, {@link #flushSlot}).
 */
public final class ModelSimulator implements TraceSimulator {
    private final List<ModelLevel> dataPath = new ArrayList<>();
    private final List<ModelLevel> instructionPath = new ArrayList<>();
    private final List<ModelLevel> levels = new ArrayList<>();
    private final boolean[] invalidateCleans;
    private final String machine;
    private long memoryReads;
    private long memoryWrites;

    /** A simulator of {@code config}'s cache levels (one cpu). */
    public ModelSimulator(MachineConfig config) {
        this.machine = config.name();
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

    @Override
    public void accept(RefBatch b) {
        for (int i = 0; i < b.count(); i++) {
            byte k = b.kinds()[i];
            long a = b.addresses()[i];
            int size = Math.max(1, b.sizes()[i]);
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
        backInvalidate(l, slot);
        if (l.tag(slot) != -1 && l.dirty(slot)) {
            l.writeBacks++;
            l.bytesOut += l.lineBytes;
            writeBack(path, k + 1, l.tag(slot) << l.lineBits);
        }
        l.install(slot, block, dirty);
    }

    /**
     * Before the line in {@code slot} of {@code l} leaves it: when {@code l} is an {@code inclusive} level beyond the
     * L1 data cache, L1D's copies of its bytes are dropped, a dirty one written into the leaving line (one L1D
     * write-back; the line is then dirty).
     */
    private void backInvalidate(ModelLevel l, int slot) {
        if (!l.inclusive || l.tag(slot) == -1 || dataPath.isEmpty() || !dataPath.get(0).name.equals("l1d")) {
            return;
        }
        ModelLevel l1 = dataPath.get(0);
        long base = l.tag(slot) << l.lineBits;
        for (long a = base; a < base + l.lineBytes; a += l1.lineBytes) {
            int s = l1.find(a >>> l1.lineBits);
            if (s < 0) {
                continue;
            }
            if (l1.dirty(s)) {
                l1.writeBacks++;
                l1.bytesOut += l1.lineBytes;
                l.setDirty(slot, true);
            }
            l1.drop(s);
        }
    }

    /** Writes a line back into the first level from {@code k} that holds it (marking it dirty), else memory. */
    private void writeBack(List<ModelLevel> path, int k, long addr) {
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

    /** A trace's clean or invalidate record: {@code dc cvac} or {@code dc ivac} of the line at every data level. */
    private void maintain(long addr, boolean invalidate) {
        for (int k = 0; k < dataPath.size(); k++) {
            ModelLevel l = dataPath.get(k);
            int slot = l.find(addr >>> l.lineBits);
            if (slot >= 0) {
                release(k, slot, addr, !invalidate, invalidate);
            }
        }
    }

    /**
     * Ends a maintenance operation on {@code slot} of data level {@code k}: an invalidate first back-invalidates
     * L1D's copies at an {@code inclusive} level; a dirty line is written back into the next level that holds
     * {@code addr} (or memory) when {@code clean}, or when the level's invalidate cleans; then it is dropped
     * ({@code invalidate}) or kept clean. Returns whether it was written back.
     */
    private boolean release(int k, int slot, long addr, boolean clean, boolean invalidate) {
        ModelLevel l = dataPath.get(k);
        if (invalidate) {
            backInvalidate(l, slot);
        }
        boolean writeBack = l.dirty(slot) && (clean || invalidateCleans[k]);
        if (writeBack) {
            l.writeBacks++;
            l.bytesOut += l.lineBytes;
            writeBack(dataPath, k + 1, addr);
        }
        if (invalidate) {
            l.drop(slot);
        } else {
            l.setDirty(slot, false);
        }
        return writeBack;
    }

    /** The number of data levels (the data path's length). */
    public int dataLevels() {
        return dataPath.size();
    }

    /** Whether data level {@code k} is an outer cache, which the core's by-VA and set/way operations pass over. */
    public boolean isOuter(int k) {
        return dataPath.get(k).outer;
    }

    /** Line slots (sets x ways) of data level {@code k}. */
    public int slots(int k) {
        return dataPath.get(k).slots();
    }

    /**
     * A by-VA clean and/or invalidate of the line of {@code addr} at data level {@code k} alone: a dirty line is
     * written back first when cleaned, or when the level's invalidate cleans; returns whether it was.
     */
    public boolean maintainLine(int k, long addr, boolean clean, boolean invalidate) {
        ModelLevel l = dataPath.get(k);
        int slot = l.find(addr >>> l.lineBits);
        if (slot < 0) {
            return false;
        }
        return release(k, slot, l.tag(slot) << l.lineBits, clean, invalidate);
    }

    /** Whether data level {@code k} holds the line of {@code addr} dirty. */
    public boolean holdsDirty(int k, long addr) {
        ModelLevel l = dataPath.get(k);
        int slot = l.find(addr >>> l.lineBits);
        return slot >= 0 && l.dirty(slot);
    }

    /** Cleans and invalidates slot {@code slot} of data level {@code k}; returns whether it wrote a dirty line back. */
    public boolean flushSlot(int k, int slot) {
        ModelLevel l = dataPath.get(k);
        long tag = l.tag(slot);
        if (tag == -1) {
            return false;
        }
        return release(k, slot, tag << l.lineBits, true, true);
    }

    /** Classifies every level's misses as compulsory, capacity or conflict. */
    public ModelSimulator classify() {
        levels.forEach(ModelLevel::classify);
        return this;
    }

    @Override
    public ModelStats statistics(long references, long skipped) {
        List<ModelStats.Level> out = new ArrayList<>();
        for (ModelLevel l : levels) {
            out.add(l.statistics());
        }
        return new ModelStats(machine, out, memoryReads, memoryWrites, references, skipped);
    }
}
