package dev.stalecheck.explore;

import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.CacheTopology;
import dev.stalecheck.machine.Event;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts a search's transitions by kind, new states, depth and queue length, as the merge sees them. */
final class TransitionCounts {
    /** Per cache instance id, the index of its level name in {@link #levels}. */
    private final int[] levelOf;
    /** Level names in report order (l1d, l1i, private levels, shared levels inner to outer). */
    private final List<String> levels = new ArrayList<>();
    private final long[] evictions;
    private final long[] fills;
    private long threadSteps;
    private long walks;
    private long translations;
    private long tlbDrops;
    private long cleans;
    private long postEnd;
    private long newStates;
    private int depth;
    private long peakQueue;

    TransitionCounts(CacheTopology topology) {
        levelOf = new int[topology.size()];
        for (CacheInstance c : topology.instances()) {
            String name = c.level().name();
            if (!levels.contains(name)) {
                levels.add(name);
            }
            levelOf[c.id()] = levels.indexOf(name);
        }
        evictions = new long[levels.size()];
        fills = new long[levels.size()];
    }

    /** One transition by {@code e}; {@code postEnd} when every thread had finished in the state it leaves. */
    void transition(Event e, boolean fromFinished) {
        if (fromFinished) {
            postEnd++;
        }
        if (e.runsOperation()) {
            threadSteps++;
        } else if (e instanceof Event.Translate) {
            translations++;
        } else if (e instanceof Event.Evict v) {
            evictions[levelOf[v.cache()]]++;
        } else if (e instanceof Event.SpeculativeFill f) {
            fills[levelOf[f.cache()]]++;
        } else if (e instanceof Event.SpeculativeWalk || e instanceof Event.SmmuWalk) {
            walks++;
        } else if (e instanceof Event.TlbDrop) {
            tlbDrops++;
        } else if (e instanceof Event.HardwareClean) {
            cleans++;
        }
    }

    /** The last transition stored a new state at breadth-first level {@code level}, leaving {@code queue} queued. */
    void newState(int level, long queue) {
        newStates++;
        depth = Math.max(depth, level);
        peakQueue = Math.max(peakQueue, queue);
    }

    int depth() {
        return depth;
    }

    /** The record of a search that stored {@code states} states in {@code millis} ms; {@code cut} null if complete. */
    SearchStats stats(long states, long transitions, CutReason cut, String stopReason,
                      SearchStats.Fingerprints fingerprints, SearchStats.Spill spill, long millis) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        put(byKind, "thread", threadSteps);
        for (int i = 0; i < levels.size(); i++) {
            put(byKind, "evict " + levels.get(i), evictions[i]);
        }
        for (int i = 0; i < levels.size(); i++) {
            put(byKind, "fill " + levels.get(i), fills[i]);
        }
        put(byKind, "translate early", translations);
        put(byKind, "walk", walks);
        put(byKind, "tlb drop", tlbDrops);
        put(byKind, "clean", cleans);
        return new SearchStats(states, transitions, newStates, postEnd, depth, peakQueue, byKind, cut, stopReason,
                fingerprints, spill, millis);
    }

    private static void put(Map<String, Long> byKind, String kind, long n) {
        if (n > 0) {
            byKind.put(kind, n);
        }
    }
}
