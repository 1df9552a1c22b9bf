package dev.stalecheck.explore;

/**
 * A search's progress so far, in merge order.
 *
 * @param states      distinct states stored
 * @param transitions transitions explored
 * @param depth       the deepest breadth-first level reached
 * @param queue       states stored but not yet expanded
 */
public record SearchProgress(long states, long transitions, int depth, long queue) {
}
