package dev.stalecheck.explore;

import dev.stalecheck.result.SearchStats;

/**
 * What a search did.
 *
 * @param states               distinct states stored
 * @param transitions          transitions explored
 * @param complete             false when a bound cut the search short
 * @param cutBy                {@code max-states}, {@code timeout}, or empty
 * @param collisionProbability estimated probability that two distinct states shared a fingerprint (n^2 / 2^65)
 * @param auditedCollisions    with the audit on, distinct states found sharing a fingerprint (else -1)
 * @param millis               wall time
 * @param stats                transitions by kind, new states, depth, queue length and cut
 */
public record Exploration(long states, long transitions, boolean complete, String cutBy, double collisionProbability,
                          long auditedCollisions, long millis, SearchStats stats) {
}
