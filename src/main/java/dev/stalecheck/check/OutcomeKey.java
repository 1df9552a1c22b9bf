package dev.stalecheck.check;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.cache.CacheState;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.util.Fingerprint;

/**
 * The identity of a final outcome (language page, Results): two final states are one outcome when they agree on
 * every thread's registers, on RAM, and on which dirty lines (cache instance, colour, physical line, bytes — not the
 * way) are still cached. Counts over outcomes therefore do not change when the search gets smarter.
 */
final class OutcomeKey {
    private OutcomeKey() {
    }

    static long of(Machine machine, MachineState s) {
        long h = Fingerprint.combine(Fingerprint.SEED, s.ram().fingerprint());
        for (int t = 0; t < s.threadCount(); t++) {
            h = Fingerprint.combine(h, s.thread(t).registers().fingerprint());
        }
        long dirty = 0;
        for (CacheInstance c : machine.topology().instances()) {
            CacheState cs = s.cache(c.id());
            for (int i = 0; i < cs.validLines(); i++) {
                CacheLine l = cs.lineAt(i);
                if (l.isDirty()) {
                    long k = Fingerprint.combine(Fingerprint.combine(c.id(), c.index().colourOfSet(cs.setAt(i))),
                            l.fingerprint());
                    dirty += Fingerprint.mix(k);
                }
            }
        }
        return Fingerprint.combine(h, dirty);
    }
}
