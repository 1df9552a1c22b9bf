package dev.stalecheck.replay.simulator;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.WritePolicy;
import java.util.Arrays;

/**
 * One cache level of the replay fast path: mutable, allocation-free arrays of tags, dirty bits and LRU stamps, and
 * the level's counters. It follows the model's rules (write-back or write-through, write-allocate or not).
 */
final class ModelLevel {
    final String name;
    final int lineBits;
    final int lineBytes;
    private final int ways;
    private final int setsMask;
    private final long[] tags;
    private final boolean[] dirty;
    private final long[] stamp;
    final boolean writeBack;
    final boolean writeAllocate;
    /** An outer cache: maintained only by physical address, never by the core's by-VA or set/way operations. */
    final boolean outer;
    /** Holds every line of the L1 data cache: a line leaving it drops L1D's copy ({@code inclusive}). */
    final boolean inclusive;
    private long clock;
    long references;
    long hits;
    long misses;
    long writeBacks;
    long fillBytes;
    long bytesOut;
    /** Classifies misses when {@code --classify} is on, else null. */
    MissClassifier classifier;

    ModelLevel(CacheLevelConfig c) {
        this.name = c.name();
        this.lineBytes = c.geometry().lineBytes();
        this.lineBits = c.geometry().lineShift();
        this.ways = c.geometry().ways();
        this.setsMask = c.geometry().sets() - 1;
        this.tags = new long[c.geometry().sets() * ways];
        Arrays.fill(tags, -1);
        this.dirty = new boolean[tags.length];
        this.stamp = new long[tags.length];
        this.writeBack = c.writePolicy() == WritePolicy.WRITE_BACK;
        this.writeAllocate = c.writeAllocate() && writeBack;
        this.outer = c.outer();
        this.inclusive = c.inclusive();
    }

    /** Number of line slots (sets x ways). */
    int slots() {
        return tags.length;
    }

    /** The counters so far. */
    ModelStats.Level statistics() {
        ModelStats.MissKinds kinds = classifier == null ? null
                : new ModelStats.MissKinds(classifier.compulsory, classifier.capacity, classifier.conflict);
        return new ModelStats.Level(name, references, hits, misses, writeBacks, fillBytes, bytesOut, kinds);
    }

    /** Turns on miss classification. */
    void classify() {
        classifier = new MissClassifier(tags.length);
    }

    /** A demand lookup: counts the reference, the hit or miss (and its kind), touches a hit; returns the slot or -1. */
    int demandLookup(long block) {
        references++;
        int slot = find(block);
        if (classifier != null) {
            classifier.reference(block, slot < 0);
        }
        if (slot >= 0) {
            hits++;
            touch(slot);
        } else {
            misses++;
        }
        return slot;
    }

    /** The slot holding {@code block}, or -1. */
    int find(long block) {
        int base = (int) (block & setsMask) * ways;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == block) {
                return i;
            }
        }
        return -1;
    }

    void touch(int slot) {
        stamp[slot] = ++clock;
    }

    /** The slot to fill {@code block} into: an invalid way, else the least recently used. */
    int victim(long block) {
        int base = (int) (block & setsMask) * ways;
        int best = base;
        for (int i = base; i < base + ways; i++) {
            if (tags[i] == -1) {
                return i;
            }
            if (stamp[i] < stamp[best]) {
                best = i;
            }
        }
        return best;
    }

    long tag(int slot) {
        return tags[slot];
    }

    boolean dirty(int slot) {
        return dirty[slot];
    }

    void install(int slot, long block, boolean isDirty) {
        tags[slot] = block;
        dirty[slot] = isDirty;
        touch(slot);
    }

    void setDirty(int slot, boolean d) {
        dirty[slot] = d;
    }

    void drop(int slot) {
        tags[slot] = -1;
        dirty[slot] = false;
    }
}
