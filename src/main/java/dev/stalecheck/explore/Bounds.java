package dev.stalecheck.explore;

/**
 * Limits on a search. A search cut short by either is incomplete, and its open verdicts are UNKNOWN.
 *
 * @param maxStates        most distinct states to store (a deterministic cut)
 * @param timeoutMillis    wall-clock limit in milliseconds, 0 for none (not deterministic)
 * @param auditFingerprints keep every state in full to prove no two distinct states shared a fingerprint
 */
public record Bounds(long maxStates, long timeoutMillis, boolean auditFingerprints) {
    /** No limit but memory. */
    public static final Bounds NONE = new Bounds(Long.MAX_VALUE, 0, false);
}
