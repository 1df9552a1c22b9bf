package dev.stalecheck.explore;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.machine.LineLiveness;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.StaticTlbEntries;
import dev.stalecheck.mmu.TlbEntry;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.util.Fingerprint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What counts as "the same state" for the search: either the state exactly, or the state up to a permutation of
 * the ways within each set.
 *
 * <p>Why ways may be ignored: {@code check} explores every victim way, and no operation but set/way maintenance
 * names a way. Two states that differ only in which way of a set holds which line therefore have the same
 * successors up to that permutation, reach the same final outcomes (which ignore ways by definition), and one of
 * them may be skipped. A program with a set/way operation keeps exact identity. With dead lines and static TLB
 * entries, what those leave out does not count either ({@link LineLiveness}, {@link StaticTlbEntries}).
 */
final class StateIdentity {
    private final boolean symmetricWays;
    /** The dead-line analysis, or null when dead lines count like any other. */
    private final LineLiveness liveness;
    /** The TLB entries left out, or null. */
    private final StaticTlbEntries statics;

    StateIdentity(Program program) {
        this(program, null, null);
    }

    /**
     * The identity of {@code program}'s states; with {@code liveness}, clean lines it declares dead are left out
     * (see {@link LineLiveness}: states that differ only in dead lines reach the same final outcomes and hazards);
     * with {@code statics}, static TLB entries are (see {@link StaticTlbEntries}).
     */
    StateIdentity(Program program, LineLiveness liveness, StaticTlbEntries statics) {
        boolean setWay = false;
        for (ThreadProgram t : program.threads()) {
            for (Op op : t.ops()) {
                setWay |= op instanceof Op.DataCacheBySetWay;
            }
        }
        this.symmetricWays = !setWay;
        this.liveness = liveness != null && liveness.usable() ? liveness : null;
        this.statics = statics != null && statics.any() ? statics : null;
    }

    /** The fingerprint of {@link #tlb}, computed as {@link TlbState#fingerprint} does without building it. */
    private long tlbFingerprint(MachineState s, int cpu) {
        TlbState t = s.tlb(cpu);
        if (statics == null) {
            return t.fingerprint();
        }
        long h = Fingerprint.SEED;
        for (TlbEntry e : t.entries()) {
            if (!statics.contains(e)) {
                h = Fingerprint.combine(h, e.fingerprint());
            }
        }
        return h;
    }

    /** Cpu {@code cpu}'s TLB in {@code s} as identity sees it. */
    private TlbState tlb(MachineState s, int cpu) {
        return statics == null ? s.tlb(cpu) : s.tlb(cpu).without(statics::contains);
    }

    /** Whether the search ignores way placement. */
    boolean symmetricWays() {
        return symmetricWays;
    }

    /** The 64-bit fingerprint the visited set stores. */
    long fingerprint(MachineState s) {
        LineLiveness.View view = liveness == null ? null : liveness.view(s);
        boolean dropDead = view != null && view.anyDead();
        if (!symmetricWays && !dropDead && statics == null) {
            return s.fingerprint();
        }
        long h = Fingerprint.combine(Fingerprint.SEED, s.ram().fingerprint());
        for (int t = 0; t < s.threadCount(); t++) {
            h = Fingerprint.combine(h, s.thread(t).fingerprint());
        }
        h = Fingerprint.combine(h, s.resolutions().fingerprint());
        for (int t = 0; t < s.tlbCount(); t++) {
            h = Fingerprint.combine(h, tlbFingerprint(s, t));
        }
        for (int c = 0; c < s.cacheCount(); c++) {
            CacheState cs = s.cache(c);
            long fp = symmetricWays ? cs.waylessFingerprint() : cs.fingerprint();
            if (dropDead) {
                for (int i = 0; i < cs.validLines(); i++) {
                    if (view.dead(c, cs.lineAt(i))) {
                        fp -= cs.shareAt(i, symmetricWays);
                    }
                }
            }
            h = Fingerprint.combine(h, fp);
        }
        return h;
    }

    /** A full encoding with the same identity, for the fingerprint audit. */
    Object fullKey(MachineState s) {
        LineLiveness.View view = liveness == null ? null : liveness.view(s);
        boolean dropDead = view != null && view.anyDead();
        if (!symmetricWays && !dropDead && statics == null) {
            return s;
        }
        List<Object> key = new ArrayList<>();
        key.add(s.ram());
        for (int t = 0; t < s.threadCount(); t++) {
            key.add(s.thread(t));
        }
        key.add(s.resolutions());
        for (int t = 0; t < s.tlbCount(); t++) {
            key.add(tlb(s, t));
        }
        for (int c = 0; c < s.cacheCount(); c++) {
            CacheState cs = s.cache(c);
            List<List<Object>> lines = new ArrayList<>();
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                if (dropDead && view.dead(c, l)) {
                    continue;
                }
                lines.add(List.of(symmetricWays ? cs.setAt(i) : cs.setAt(i) * cs.ways() + cs.wayAt(i), l));
            }
            lines.sort(Comparator.<List<Object>>comparingInt(x -> (Integer) x.get(0))
                    .thenComparingLong(x -> ((CacheLine) x.get(1)).fingerprint()));
            key.add(lines);
        }
        return key;
    }
}
