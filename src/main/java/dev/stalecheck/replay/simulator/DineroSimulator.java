package dev.stalecheck.replay.simulator;

import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.RefKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Dinero IV's accounting over split L1 caches and a unified last level, with its default policies: each block a
 * reference touches is its own demand fetch (counted per cache, with the extra blocks as multi-block references);
 * a lackey modify is a read then a write of the same bytes; clean and invalidate records act on every level.
 */
public final class DineroSimulator implements TraceSimulator {
    private final DineroCache i1;
    private final DineroCache d1;
    private final DineroCache ll;
    private final Hierarchy hierarchy;

    /** A simulator of the given caches. */
    public DineroSimulator(Hierarchy h) {
        this.ll = new DineroCache("l2-ucache", h.ll(), null);
        this.i1 = new DineroCache("l1-icache", h.i1(), this.ll);
        this.d1 = new DineroCache("l1-dcache", h.d1(), this.ll);
        this.hierarchy = h;
    }

    @Override
    public void accept(RefBatch b) {
        for (int i = 0; i < b.count(); i++) {
            long a = b.addresses()[i];
            int s = b.sizes()[i];
            switch (b.kinds()[i]) {
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

    @Override
    public DineroStats statistics(long references, long skipped) {
        List<DineroStats.Cache> caches = new ArrayList<>();
        for (DineroCache c : List.of(i1, d1, ll)) {
            caches.add(c.statistics());
        }
        return new DineroStats(hierarchy, caches, references, skipped);
    }
}
