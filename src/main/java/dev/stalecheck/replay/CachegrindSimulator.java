package dev.stalecheck.replay;

/**
 * Reproduces Valgrind cachegrind's counters exactly (Ir, I1mr, ILmr, Dr, D1mr, DLmr, Dw, D1mw, DLmw) for a lackey
 * trace of the same program run: a modify counts as one read; data sizes are capped at the smallest line size of
 * the three caches (cachegrind's min_line_size); on an L1 miss the LL is looked up with the same address range; there
 * is no dirty state; I and D misses share the LL.
 */
public final class CachegrindSimulator {
    private final int minLineSize;
    private final CachegrindCache i1;
    private final CachegrindCache d1;
    private final CachegrindCache ll;
    /** Counters, in cachegrind's order. */
    long ir;
    long i1mr;
    long ilmr;
    long dr;
    long d1mr;
    long dlmr;
    long dw;
    long d1mw;
    long dlmw;

    /** A simulator of the given caches, each {@code {size, assoc, line}}. */
    public CachegrindSimulator(int[] i1, int[] d1, int[] ll) {
        this.i1 = new CachegrindCache(i1[0], i1[1], i1[2]);
        this.d1 = new CachegrindCache(d1[0], d1[1], d1[2]);
        this.ll = new CachegrindCache(ll[0], ll[1], ll[2]);
        this.minLineSize = Math.min(i1[2], Math.min(d1[2], ll[2]));
    }

    /** Simulates every reference of a batch. */
    public void accept(RefBatch b) {
        byte[] kind = b.kind;
        long[] address = b.address;
        int[] size = b.size;
        for (int i = 0; i < b.count; i++) {
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

    /** The counters in cachegrind's order: Ir I1mr ILmr Dr D1mr DLmr Dw D1mw DLmw. */
    public long[] counters() {
        return new long[] {ir, i1mr, ilmr, dr, d1mr, dlmr, dw, d1mw, dlmw};
    }

    /** Cachegrind's counter names, in {@link #counters()} order. */
    public static final String[] NAMES = {"Ir", "I1mr", "ILmr", "Dr", "D1mr", "DLmr", "Dw", "D1mw", "DLmw"};
}
