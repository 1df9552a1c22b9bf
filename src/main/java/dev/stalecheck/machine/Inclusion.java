package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;

/**
 * Inclusive cache levels (docs/semantics.md item 31): an {@code inclusive} level holds every line of the L1 data
 * caches on its path, so a line leaving it takes their copies with it, and an L1D fill allocates there first.
 */
final class Inclusion {
    private Inclusion() {
    }

    /**
     * Before the line at {@code set}/{@code way} of cache {@code id} leaves it: when {@code id} is an {@code inclusive}
     * level and no other colour of the same physical line stays there, every copy of its bytes in the L1 data caches
     * it includes is removed (back-invalidated), a dirty copy's bytes first written into the leaving line, which
     * becomes dirty. What happens to that line next (write-back, or a discard) is the caller's.
     */
    static void backInvalidate(StepExecution x, int id, int set, int way) {
        int[] l1ds = x.topology().includedShared(id);
        CacheLine outer = l1ds.length == 0 ? null : x.line(id, set, way);
        if (outer == null || x.findAllColours(id, outer.physicalAddress()).size() > 1) {
            return;
        }
        long pa = outer.physicalAddress();
        for (int d : l1ds) {
            int step = x.instance(d).lineBytes();
            for (long a = pa; a < pa + outer.sizeBytes(); a += step) {
                for (StepExecution.Located l : x.findAllColours(d, a)) {
                    CacheLine inner = x.line(d, l.set(), l.way());
                    if (inner.isDirty()) {
                        x.observer().writeBack(d, inner.sizeBytes());
                        CacheLine target = x.line(id, set, way);
                        long[] merged = StepExecution.merge(target, inner.physicalAddress(), inner.words());
                        x.put(id, set, way, target.withData(merged, true, target.lastUse()),
                                Effect.LineAction.RECEIVED_WRITE_BACK);
                    }
                    x.remove(d, l.set(), l.way(), Effect.LineAction.BACK_INVALIDATED);
                }
            }
        }
    }

    /**
     * Back-invalidates, in every {@code inclusive} level holding {@code pa}'s line, the L1D copies of that line's
     * bytes ({@link #backInvalidate}): a coherent device's write does so before it pushes dirty copies and snoops
     * every copy away, so that an L1D line of another part of a larger outer line neither outlives it nor loses
     * its dirty bytes.
     */
    static void backInvalidateLine(StepExecution x, long pa) {
        for (CacheInstance c : x.topology().instances()) {
            if (!c.isInstruction()) {
                for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                    backInvalidate(x, c.id(), l.set(), l.way());
                }
            }
        }
    }

    /**
     * Before cache {@code id} allocates {@code pa}'s line: when {@code id} is an L1 data cache inside {@code inclusive}
     * levels, each of them that lacks the line (in every colour) allocates it clean first, outermost first, with the
     * bytes of the nearest holder beyond it or RAM (its victim back-invalidating its own L1D copies).
     */
    static void includeOutward(StepExecution x, int id, long va, long pa) {
        int[] outers = x.topology().includersShared(id);
        for (int i = outers.length - 1; i >= 0; i--) {
            int outerId = outers[i];
            if (x.findAnyColour(outerId, pa) != null) {
                continue;
            }
            CacheInstance c = x.instance(outerId);
            long linePa = c.lineOf(pa);
            long[] data = null;
            for (int next : x.topology().beyondShared(outerId)) {
                StepExecution.Located holder = x.findAnyColour(next, pa);
                if (holder != null) {
                    data = StepExecution.slice(x.line(next, holder.set(), holder.way()), linePa, c.lineBytes());
                    break;
                }
            }
            if (data == null) {
                x.observer().memoryLineRead();
                data = x.ramLine(linePa, c.lineBytes());
            }
            x.allocateLine(outerId, va, pa, data, false);
        }
    }
}
