package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheState;
import dev.stalecheck.memory.PhysicalMemory;
import dev.stalecheck.mmu.TlbState;
import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/**
 * The whole machine at one moment as an immutable value: every cache instance, RAM, every thread, and the
 * {@code any} choices fixed so far.
 *
 * <p>{@code tick} (the LRU clock) is not part of the identity: {@link #equals} and {@link #fingerprint}
 * ignore it, like the lines' LRU ages.
 */
public final class MachineState {
    private final CacheState[] caches;
    private final PhysicalMemory ram;
    private final ThreadState[] threads;
    private final Resolutions resolutions;
    private final TlbState[] tlbs;
    private final long tick;
    /** The fingerprint once computed, else 0 (then computed again: the value is the same whichever thread asks). */
    private volatile long fingerprint;

    MachineState(CacheState[] caches, PhysicalMemory ram, ThreadState[] threads, Resolutions resolutions,
                 TlbState[] tlbs, long tick) {
        this.caches = caches;
        this.ram = ram;
        this.threads = threads;
        this.resolutions = resolutions;
        this.tlbs = tlbs;
        this.tick = tick;
    }

    /** The contents of cache instance {@code id}. */
    public CacheState cache(int id) {
        return caches[id];
    }

    /** Number of cache instances. */
    public int cacheCount() {
        return caches.length;
    }

    /** Physical memory. */
    public PhysicalMemory ram() {
        return ram;
    }

    /** Thread {@code index}'s state. */
    public ThreadState thread(int index) {
        return threads[index];
    }

    /** Number of threads. */
    public int threadCount() {
        return threads.length;
    }

    /** The {@code any} choices fixed so far. */
    public Resolutions resolutions() {
        return resolutions;
    }

    /** Cpu {@code cpu}'s TLB. */
    public TlbState tlb(int cpu) {
        return tlbs[cpu];
    }

    /** Number of TLBs (one per cpu). */
    public int tlbCount() {
        return tlbs.length;
    }

    /** The TLB array itself: a step shares it until it changes a TLB (then it copies it). Never modified. */
    TlbState[] tlbsShared() {
        return tlbs;
    }

    /**
     * Reads the parts of {@code states} the next steps will need, one level of the object graph at a time across all
     * of them, and returns a value derived from what it read (so that the reads are not optimised away).
     *
     * <p>Why: a breadth-first search expands a state long after it was built, when its objects have left the
     * processor's caches. Following one state's references one by one waits for each miss in turn; reading the same
     * level of many states at once lets the processor wait for many misses together.
     */
    public static long prefetch(MachineState[] states) {
        long sink = 0;
        for (MachineState s : states) {
            sink += s.tick + s.threads.length + s.caches.length;
        }
        for (MachineState s : states) {
            for (ThreadState t : s.threads) {
                sink += t.pc();
            }
            for (CacheState c : s.caches) {
                sink += c.validLines();
            }
            sink += s.ram.fingerprint();
        }
        for (MachineState s : states) {
            for (ThreadState t : s.threads) {
                sink += t.registers().fingerprint();
            }
            for (CacheState c : s.caches) {
                for (int i = 0; i < c.validLines(); i++) {
                    sink += c.lineAt(i).physicalAddress();
                }
            }
        }
        for (MachineState s : states) {
            for (CacheState c : s.caches) {
                for (int i = 0; i < c.validLines(); i++) {
                    sink += c.lineAt(i).read(0, 1);
                }
            }
        }
        return sink;
    }

    /** The LRU clock. */
    public long tick() {
        return tick;
    }

    /** 64-bit fingerprint of everything that can change future behaviour (computed once, on first use). */
    public long fingerprint() {
        long known = fingerprint;
        if (known == 0) {
            long h = Fingerprint.combine(Fingerprint.SEED, ram.fingerprint());
            for (CacheState c : caches) {
                h = Fingerprint.combine(h, c.fingerprint());
            }
            for (ThreadState t : threads) {
                h = Fingerprint.combine(h, t.fingerprint());
            }
            for (TlbState t : tlbs) {
                h = Fingerprint.combine(h, t.fingerprint());
            }
            known = Fingerprint.combine(h, resolutions.fingerprint());
            fingerprint = known;
        }
        return known;
    }

    /** The cache array itself: a step shares it until it changes a cache (then it copies it). Never modified. */
    CacheState[] cachesShared() {
        return caches;
    }

    /** The thread array itself: a step shares it until it changes a thread (then it copies it). Never modified. */
    ThreadState[] threadsShared() {
        return threads;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineState s && s.fingerprint() == fingerprint() && s.ram.equals(ram)
                && Arrays.equals(s.caches, caches) && Arrays.equals(s.threads, threads) && Arrays.equals(s.tlbs, tlbs)
                && s.resolutions.equals(resolutions);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint());
    }
}
