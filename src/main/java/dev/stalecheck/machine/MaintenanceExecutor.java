package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.program.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Cache maintenance: by VA (to PoC or PoU, every cpu), by set/way and whole level (issuing cpu only),
 * I-cache invalidates, and {@code outer} operations by physical address.
 *
 * <p>By-VA operations visit every level before the point, innermost first (Arm ARM B2.2.6 / D4.4.7: maintenance
 * "to the point of coherency" affects every cache before it); data written back by one level is in the next
 * before that level is visited. On a VIPT level only the set of the VA's colour is looked at, so maintenance
 * through another alias misses the line. {@code outer} levels are skipped.
 */
final class MaintenanceExecutor {
    private MaintenanceExecutor() {
    }

    static void byAddress(StepExecution x, Op.DcKind kind, Access a) {
        if (kind == Op.DcKind.ZVA) {
            zeroLine(x, a);
            return;
        }
        int pointDepth = (kind == Op.DcKind.CVAU ? x.config().pou() : x.config().poc()).depth();
        for (CacheLevelConfig level : x.config().dataPathLevels()) {
            if (level.outer() || level.depth() >= pointDepth) {
                continue;
            }
            for (int id : x.topology().instancesOfShared(level.name())) {
                CacheInstance c = x.instance(id);
                int colour = c.index().colourOf(a.va());
                int way = x.find(id, a.pa(), colour);
                x.observer().maintenanceLookups(id, 1);
                if (way < 0) {
                    continue;
                }
                int set = x.setOf(id, a.pa(), colour);
                if (kind.cleans() && kind.invalidates()) {
                    x.cleanInvalidate(id, set, way);
                } else if (kind.cleans()) {
                    x.clean(id, set, way);
                } else {
                    x.invalidate(id, set, way);
                }
            }
        }
    }

    /**
     * {@code dc zva}: a cacheable write-back access allocates the L1D line dirty and all zeros (other cpus' copies
     * removed, no fill); otherwise the zeros are stored as the mapping says.
     */
    private static void zeroLine(StepExecution x, Access a) {
        int[] path = x.topology().dataPath(a.cpu());
        int lineBytes = x.config().smallestDataLine();
        long pa = a.pa() & -(long) lineBytes;
        long va = a.va() & -(long) lineBytes;
        if (a.cacheable() && path.length > 0) {
            int id = path[0];
            CacheInstance c = x.instance(id);
            if (a.shareable()) {
                for (CacheInstance other : x.topology().instances()) {
                    if (!other.isShared() && other.cpu() != a.cpu() && !other.isInstruction()) {
                        for (StepExecution.Located l : x.findAllColours(other.id(), pa)) {
                            x.remove(l.cache(), l.set(), l.way(), Effect.LineAction.SNOOPED);
                        }
                    }
                }
            }
            int colour = c.index().colourOf(va);
            int set = x.setOf(id, pa, colour);
            int way = x.find(id, pa, colour);
            long[] zeros = new long[c.lineBytes() / 8];
            if (way < 0) {
                Inclusion.includeOutward(x, id, va, pa);
                way = x.allocateWay(id, set);
                x.put(id, set, way, new CacheLine(c.lineOf(pa), true, zeros, x.tick()), Effect.LineAction.WRITTEN);
            } else {
                x.put(id, set, way, x.line(id, set, way).withData(zeros, true, x.tick()), Effect.LineAction.WRITTEN);
            }
            return;
        }
        AccessExecutor.storeToMemory(x, pa, 8, 0, "dc zva of " + dev.stalecheck.util.Hex.of(va));
        for (int off = 8; off < lineBytes; off += 8) {
            AccessExecutor.writeMemory(x, pa + off, 8, 0);
        }
    }

    static void bySetWay(StepExecution x, int cpu, Op.DataCacheBySetWay op) {
        int id = x.topology().instance(cpu, op.level());
        x.observer().maintenanceLookups(id, 1);
        apply(x, op.action(), id, op.set(), op.way());
    }

    static void wholeLevel(StepExecution x, int cpu, Op.DataCacheWholeLevel op) {
        int id = x.topology().instance(cpu, op.level());
        CacheInstance c = x.instance(id);
        x.observer().maintenanceLookups(id, (long) c.level().geometry().sets() * c.ways());
        forEveryLine(x, id, (set, way) -> apply(x, op.action(), id, set, way));
    }

    private static void apply(StepExecution x, Op.LineAction action, int id, int set, int way) {
        switch (action) {
            case CLEAN -> x.clean(id, set, way);
            case CLEAN_INVALIDATE -> x.cleanInvalidate(id, set, way);
            case INVALIDATE -> x.invalidate(id, set, way);
            default -> throw new IllegalStateException(action.name());
        }
    }

    /** A visitor of (set, way) pairs. */
    private interface SlotVisitor {
        void visit(int set, int way);
    }

    /** Visits every valid line present at the start, in slot order (a snapshot: the visit may change the cache). */
    private static void forEveryLine(StepExecution x, int id, SlotVisitor visitor) {
        CacheState snapshot = x.cache(id);
        List<int[]> slots = new ArrayList<>();
        for (int i = 0; i < snapshot.validLines(); i++) {
            slots.add(new int[] {snapshot.setAt(i), snapshot.wayAt(i)});
        }
        for (int[] s : slots) {
            visitor.visit(s[0], s[1]);
        }
    }

    static void instructionCache(StepExecution x, int cpu, Op.IcKind kind, Access a) {
        switch (kind) {
            case IVAU -> {
                for (int c = 0; c < x.config().cpus(); c++) {
                    int id = x.topology().instructionCache(c);
                    if (id < 0) {
                        continue;
                    }
                    int colour = x.instance(id).index().colourOf(a.va());
                    int way = x.find(id, a.pa(), colour);
                    if (way >= 0) {
                        x.remove(id, x.setOf(id, a.pa(), colour), way, Effect.LineAction.INVALIDATED);
                    }
                }
            }
            case IALLU -> invalidateAllInstruction(x, cpu);
            case IALLUIS -> {
                for (int c = 0; c < x.config().cpus(); c++) {
                    invalidateAllInstruction(x, c);
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static void invalidateAllInstruction(StepExecution x, int cpu) {
        int id = x.topology().instructionCache(cpu);
        if (id >= 0) {
            forEveryLine(x, id, (set, way) -> x.remove(id, set, way, Effect.LineAction.INVALIDATED));
        }
    }

    static void outer(StepExecution x, Op.OuterKind kind, long pa) {
        for (CacheInstance c : x.topology().instances()) {
            if (!c.level().outer()) {
                continue;
            }
            int id = c.id();
            if (kind == Op.OuterKind.FLUSH_ALL) {
                forEveryLine(x, id, (set, way) -> x.cleanInvalidate(id, set, way));
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(id, pa)) {
                switch (kind) {
                    case CLEAN -> x.clean(id, l.set(), l.way());
                    case INVALIDATE -> x.invalidate(id, l.set(), l.way());
                    case FLUSH -> x.cleanInvalidate(id, l.set(), l.way());
                    default -> throw new IllegalStateException(kind.name());
                }
            }
        }
    }
}
