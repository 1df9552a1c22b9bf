package dev.stalecheck.replay.simulator;

/**
 * One cache under Dinero IV's accounting with its default policies (LRU, write-back, write-allocate, demand fetch,
 * no sub-blocks): every block a reference touches is its own demand fetch; a miss fetches the whole block from the
 * next level (a write that covers the whole block needs no fetch); a dirty victim is written to the next level after
 * that fetch.
 */
final class DineroCache {
    /** Access types, Dinero IV's order: read, write, instruction fetch. */
    static final int READ = 0;
    static final int WRITE = 1;
    static final int INSTR = 2;

    private final String name;
    private final DineroCache next;
    private final int assoc;
    private final int lineBits;
    private final int setsMask;
    /** Block numbers per set, most recent first; -1 is an empty way. */
    private final long[] blocks;
    private final boolean[] dirty;
    private final long[] fetches = new long[3];
    private final long[] misses = new long[3];
    private long multiblockRefs;
    private long writeBacks;
    private long bytesFromNext;
    private long bytesToNext;

    DineroCache(String name, Geometry g, DineroCache next) {
        int sets = g.sets();
        this.name = name;
        this.next = next;
        this.assoc = g.ways();
        this.lineBits = Integer.numberOfTrailingZeros(g.lineBytes());
        this.setsMask = sets - 1;
        this.blocks = new long[sets * assoc];
        this.dirty = new boolean[sets * assoc];
        java.util.Arrays.fill(blocks, -1L);
    }

    int lineBytes() {
        return 1 << lineBits;
    }

    /** The counters so far. */
    DineroStats.Cache statistics() {
        return new DineroStats.Cache(name, byType(fetches), byType(misses), multiblockRefs, writeBacks, bytesFromNext,
                bytesToNext);
    }

    private static DineroStats.ByType byType(long[] counts) {
        return new DineroStats.ByType(counts[READ], counts[WRITE], counts[INSTR]);
    }

    /** A reference of {@code size} bytes at {@code a}: split into one demand fetch per block it touches. */
    void ref(int type, long a, int size) {
        long end = a + Math.max(size, 1);
        long first = a >>> lineBits;
        long last = (end - 1) >>> lineBits;
        for (long b = first; b <= last; b++) {
            long from = Math.max(a, b << lineBits);
            long to = Math.min(end, (b + 1) << lineBits);
            if (b != first) {
                multiblockRefs++;
            }
            refBlock(type, b, (int) (to - from));
        }
    }

    private void refBlock(int type, long block, int size) {
        int base = (int) (block & setsMask) * assoc;
        int way = find(base, block);
        fetches[type]++;
        long victim = -1;
        if (way >= 0) {
            boolean d = dirty[base + way];
            shiftDown(base, way);
            blocks[base] = block;
            dirty[base] = d || type == WRITE;
        } else {
            misses[type]++;
            int lru = base + assoc - 1;
            if (blocks[lru] >= 0 && dirty[lru]) {
                victim = blocks[lru];
            }
            shiftDown(base, assoc - 1);
            blocks[base] = block;
            dirty[base] = type == WRITE;
        }
        int line = lineBytes();
        if (way < 0 && (type != WRITE || size != line)) {
            bytesFromNext += line;
            if (next != null) {
                next.ref(type == WRITE ? READ : type, block << lineBits, line);
            }
        }
        if (victim >= 0) {
            writeBack(victim);
        }
    }

    private void writeBack(long block) {
        writeBacks++;
        bytesToNext += lineBytes();
        if (next != null) {
            next.ref(WRITE, block << lineBits, lineBytes());
        }
    }

    /** Writes back the dirty blocks of {@code [a, a+size)} and keeps them (Dinero IV's copy-back), then below. */
    void clean(long a, int size) {
        forEachBlock(a, size, (base, way) -> {
            if (dirty[base + way]) {
                dirty[base + way] = false;
                writeBack(blocks[base + way]);
            }
        });
    }

    /** Drops the blocks of {@code [a, a+size)} without writing them back (Dinero IV's invalidate). */
    void invalidate(long a, int size) {
        forEachBlock(a, size, this::shiftUp);
    }

    private interface WayAction {
        void apply(int base, int way);
    }

    private void forEachBlock(long a, int size, WayAction action) {
        long last = (a + Math.max(size, 1) - 1) >>> lineBits;
        for (long b = a >>> lineBits; b <= last; b++) {
            int base = (int) (b & setsMask) * assoc;
            int way = find(base, b);
            if (way >= 0) {
                action.apply(base, way);
            }
        }
    }

    private int find(int base, long block) {
        for (int i = 0; i < assoc; i++) {
            if (blocks[base + i] == block) {
                return i;
            }
        }
        return -1;
    }

    /** Moves ways 0..way-1 one place down (towards LRU), freeing way 0. */
    private void shiftDown(int base, int way) {
        System.arraycopy(blocks, base, blocks, base + 1, way);
        System.arraycopy(dirty, base, dirty, base + 1, way);
    }

    /** Removes {@code way}, moving the older ways up; the last way becomes empty. */
    private void shiftUp(int base, int way) {
        int n = assoc - 1 - way;
        System.arraycopy(blocks, base + way + 1, blocks, base + way, n);
        System.arraycopy(dirty, base + way + 1, dirty, base + way, n);
        blocks[base + assoc - 1] = -1;
        dirty[base + assoc - 1] = false;
    }
}
