package dev.stalecheck.replay;

import java.util.List;

/**
 * Dinero IV's accounting over split L1 caches and a unified last level, with its default policies: each block a
 * reference touches is its own demand fetch (counted per cache, with the extra blocks as multi-block references);
 * a lackey modify is a read then a write of the same bytes; clean and invalidate records act on every level.
 */
public final class DineroSimulator {
    private final DineroCache i1;
    private final DineroCache d1;
    private final DineroCache ll;

    /** A simulator of the given caches, each {@code {size, assoc, line}}. */
    public DineroSimulator(int[] i1, int[] d1, int[] ll) {
        this.ll = new DineroCache("l2-ucache", ll[0], ll[1], ll[2], null);
        this.i1 = new DineroCache("l1-icache", i1[0], i1[1], i1[2], this.ll);
        this.d1 = new DineroCache("l1-dcache", d1[0], d1[1], d1[2], this.ll);
    }

    /** Simulates every reference of a batch. */
    public void accept(RefBatch b) {
        for (int i = 0; i < b.count; i++) {
            long a = b.address[i];
            int s = b.size[i];
            switch (b.kind[i]) {
                case RefKind.INSTR -> i1.ref(DineroCache.INSTR, a, s);
                case RefKind.LOAD -> d1.ref(DineroCache.READ, a, s);
                case RefKind.STORE -> d1.ref(DineroCache.WRITE, a, s);
                case RefKind.MODIFY -> {
                    d1.ref(DineroCache.READ, a, s);
                    d1.ref(DineroCache.WRITE, a, s);
                }
                case RefKind.CLEAN -> {
                    d1.clean(a, s);
                    ll.clean(a, s);
                }
                case RefKind.INVALIDATE -> {
                    i1.invalidate(a, s);
                    d1.invalidate(a, s);
                    ll.invalidate(a, s);
                }
                default -> {
                }
            }
        }
    }

    /** The caches, nearest the processor first. */
    List<DineroCache> caches() {
        return List.of(i1, d1, ll);
    }
}
