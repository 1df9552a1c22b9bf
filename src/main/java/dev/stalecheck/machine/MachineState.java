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
    private long fingerprint;
    private boolean hashed;

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

    TlbState[] tlbsCopy() {
        return tlbs.clone();
    }

    /** The LRU clock. */
    public long tick() {
        return tick;
    }

    /** 64-bit fingerprint of everything that can change future behaviour (computed once, on first use). */
    public long fingerprint() {
        if (!hashed) {
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
            fingerprint = Fingerprint.combine(h, resolutions.fingerprint());
            hashed = true;
        }
        return fingerprint;
    }

    CacheState[] cachesCopy() {
        return caches.clone();
    }

    ThreadState[] threadsCopy() {
        return threads.clone();
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
