package dev.stalecheck.replay.simulator;

import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.RefKind;

/**
 * Reproduces Valgrind cachegrind's counters exactly (Ir, I1mr, ILmr, Dr, D1mr, DLmr, Dw, D1mw, DLmw) for a lackey
 * trace of the same program run: a modify counts as one read; data sizes are capped at the smallest line size of
 * the three caches (cachegrind's min_line_size); on an L1 miss the LL is looked up with the same address range; there
 * is no dirty state; I and D misses share the LL.
 */
public final class CachegrindSimulator implements TraceSimulator {
    private final int minLineSize;
    private final CachegrindCache i1;
    private final CachegrindCache d1;
    private final CachegrindCache ll;
    private final Hierarchy hierarchy;
    /** Counters, in cachegrind's order. */
    private long ir;
    private long i1mr;
    private long ilmr;
    private long dr;
    private long d1mr;
    private long dlmr;
    private long dw;
    private long d1mw;
    private long dlmw;

    /** A simulator of the given caches. */
    public CachegrindSimulator(Hierarchy h) {
        this.i1 = new CachegrindCache(h.i1());
        this.d1 = new CachegrindCache(h.d1());
        this.ll = new CachegrindCache(h.ll());
        this.minLineSize = h.smallestLine();
        this.hierarchy = h;
    }

    @Override
    public void accept(RefBatch b) {
        byte[] kind = b.kinds();
        long[] address = b.addresses();
        int[] size = b.sizes();
        int count = b.count();
        for (int i = 0; i < count; i++) {
            long a = address[i];
            switch (kind[i]) {
                case RefKind.INSTR -> {
                    ir++;
                    if (i1.isMiss(a, size[i])) {
                        i1mr++;
                        if (ll.isMiss(a, size[i])) {
                            ilmr++;
                        }
                    }
                }
                case RefKind.LOAD, RefKind.MODIFY -> {
                    int s = Math.min(size[i], minLineSize);
                    dr++;
                    if (d1.isMiss(a, s)) {
                        d1mr++;
                        if (ll.isMiss(a, s)) {
                            dlmr++;
                        }
                    }
                }
                case RefKind.STORE -> {
                    int s = Math.min(size[i], minLineSize);
                    dw++;
                    if (d1.isMiss(a, s)) {
                        d1mw++;
                        if (ll.isMiss(a, s)) {
                            dlmw++;
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** The counters so far. */
    public CachegrindStats.Counters counters() {
        return new CachegrindStats.Counters(ir, i1mr, ilmr, dr, d1mr, dlmr, dw, d1mw, dlmw);
    }

    @Override
    public CachegrindStats statistics(long references, long skipped) {
        return new CachegrindStats(hierarchy, counters(), references, skipped);
    }
}
