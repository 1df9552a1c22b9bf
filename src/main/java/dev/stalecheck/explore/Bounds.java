package dev.stalecheck.explore;

/**
 * Limits on a search. A search cut short by {@code maxStates}, {@code timeoutMillis} or its memory budget is
 * incomplete, and its open verdicts are UNKNOWN.
 *
 * @param maxStates         most distinct states to store (a deterministic cut)
 * @param timeoutMillis     wall-clock limit in milliseconds, 0 for none (not deterministic)
 * @param auditFingerprints keep every state in full to prove no two distinct states shared a fingerprint
 * @param workers           threads that expand states (at least 1); results never depend on it
 * @param memory            the heap the search may fill and where it spills (results never depend on spilling)
 */
public record Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints, int workers, SearchMemory memory) {
    /** No limit but memory, on every core. */
    public static final Bounds NONE = new Bounds(Long.MAX_VALUE, 0, false);

    /** Checks the worker count. */
    public Bounds {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
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
        return new Bounds(maxStates, timeoutMillis, auditFingerprints, n, memory);
    }

    /** The same limits with another memory budget and spill directory. */
    public Bounds withMemory(SearchMemory m) {
        return new Bounds(maxStates, timeoutMillis, auditFingerprints, workers, m);
    }

    /** One worker per core the JVM may use. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }
}
