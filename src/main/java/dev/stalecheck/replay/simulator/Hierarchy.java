package dev.stalecheck.replay.simulator;

/**
 * The caches cachegrind's and Dinero IV's rules simulate: split level-1 instruction and data caches and a unified
 * last level.
 *
 * @param i1 the instruction cache ({@code --I1})
 * @param d1 the data cache ({@code --D1})
 * @param ll the last level ({@code --LL})
 */
public record Hierarchy(Geometry i1, Geometry d1, Geometry ll) {
    /** The smallest of the three line sizes. */
    public int smallestLine() {
        return Math.min(i1.lineBytes(), Math.min(d1.lineBytes(), ll.lineBytes()));
    }
}
