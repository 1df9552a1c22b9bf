package dev.stalecheck.replay.simulator;

import it.unimi.dsi.fastutil.longs.LongLinkedOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * Classifies a level's misses the classic way (Hill's three Cs): compulsory (the first reference to the line ever),
 * capacity (a fully associative LRU cache of the same number of lines would miss too), conflict (it would hit).
 * Memory grows with the distinct lines touched.
 */
final class MissClassifier {
    private final int lines;
    private final LongOpenHashSet seen = new LongOpenHashSet();
    private final LongLinkedOpenHashSet fullyAssociative = new LongLinkedOpenHashSet();
    long compulsory;
    long capacity;
    long conflict;

    MissClassifier(int lines) {
        this.lines = lines;
    }

    /** Records a reference to {@code block}; {@code missed} says whether the real cache missed. */
    void reference(long block, boolean missed) {
        boolean first = seen.add(block);
        boolean faHit = fullyAssociative.addAndMoveToLast(block) == false;
        if (!faHit && fullyAssociative.size() > lines) {
            fullyAssociative.removeFirstLong();
        }
        if (!missed) {
            return;
        }
        if (first) {
            compulsory++;
        } else if (!faHit) {
            capacity++;
        } else {
            conflict++;
        }
    }
}
