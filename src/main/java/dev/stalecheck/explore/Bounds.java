package dev.stalecheck.explore;

import java.util.function.LongSupplier;

/**
 * Limits on a search. A search cut short by {@code maxStates}, {@code timeoutMillis} or its memory budget is
 * incomplete, and its open verdicts are UNKNOWN.
 *
 * @param maxStates         most distinct states to store (a deterministic cut)
 * @param timeoutMillis     wall-clock limit in milliseconds, 0 for none (not deterministic)
 * @param auditFingerprints keep every state in full to prove no two distinct states shared a fingerprint
 * @param workers           threads that expand states (at least 1); results never depend on it
 * @param memory            the heap the search may fill and where it spills (results never depend on spilling)
 * @param clock             the nanosecond clock the timeout and the search's time are read from ({@link System#nanoTime}
 *                          but in tests, which give a clock that makes a timeout cut deterministic)
 */
public record Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints, int workers, SearchMemory memory,
                     LongSupplier clock) {
    /** No limit but memory, on every core. */
    public static final Bounds NONE = new Bounds(Long.MAX_VALUE, 0, false);

    /** Checks the worker count. */
    public Bounds {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    /** These limits, timed by the system's clock. */
    public Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints, int workers, SearchMemory memory) {
        this(maxStates, timeoutMillis, auditFingerprints, workers, memory, System::nanoTime);
    }

    /** These limits with the default memory budget (the whole heap) and spill directory. */
    public Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints, int workers) {
        this(maxStates, timeoutMillis, auditFingerprints, workers, SearchMemory.defaults());
    }

    /** These limits with one worker per available core. */
    public Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints) {
        this(maxStates, timeoutMillis, auditFingerprints, defaultWorkers());
    }

    /** The same limits with {@code n} workers. */
    public Bounds withWorkers(int n) {
        return new Bounds(maxStates, timeoutMillis, auditFingerprints, n, memory, clock);
    }

    /** The same limits with another memory budget and spill directory. */
    public Bounds withMemory(SearchMemory m) {
        return new Bounds(maxStates, timeoutMillis, auditFingerprints, workers, m, clock);
    }

    /** The same limits timed by another nanosecond clock. */
    public Bounds withClock(LongSupplier nanoTime) {
        return new Bounds(maxStates, timeoutMillis, auditFingerprints, workers, memory, nanoTime);
    }

    /** One worker per core the JVM may use. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }
}
