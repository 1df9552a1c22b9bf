package dev.stalecheck.explore;

/**
 * Limits on a search. A search cut short by {@code maxStates} or {@code timeoutMillis} is incomplete, and its open
 * verdicts are UNKNOWN.
 *
 * @param maxStates         most distinct states to store (a deterministic cut)
 * @param timeoutMillis     wall-clock limit in milliseconds, 0 for none (not deterministic)
 * @param auditFingerprints keep every state in full to prove no two distinct states shared a fingerprint
 * @param workers           threads that expand states (at least 1); results never depend on it
 */
public record Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints, int workers) {
    /** No limit but memory, on every core. */
    public static final Bounds NONE = new Bounds(Long.MAX_VALUE, 0, false);

    /** Checks the worker count. */
    public Bounds {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1");
        }
    }

    /** These limits with one worker per available core. */
    public Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints) {
        this(maxStates, timeoutMillis, auditFingerprints, defaultWorkers());
    }

    /** The same limits with {@code n} workers. */
    public Bounds withWorkers(int n) {
        return new Bounds(maxStates, timeoutMillis, auditFingerprints, n);
    }

    /** One worker per core the JVM may use. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }
}
