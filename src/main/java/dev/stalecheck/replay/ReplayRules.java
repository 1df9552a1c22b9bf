package dev.stalecheck.replay;

import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.replay.simulator.CachegrindSimulator;
import dev.stalecheck.replay.simulator.DineroSimulator;
import dev.stalecheck.replay.simulator.Hierarchy;
import dev.stalecheck.replay.simulator.ModelSimulator;
import dev.stalecheck.replay.simulator.TraceSimulator;
import dev.stalecheck.util.Worded;
import java.util.Optional;

/** The accounting rules {@code replay} follows ({@code --rules}). */
public enum ReplayRules implements Worded {
    /** The model's own: dirty state, write-backs and traffic per level of one or more presets. */
    MODEL,
    /** Valgrind cachegrind's counters, exactly. */
    CACHEGRIND,
    /** Dinero IV's accounting: each line a reference touches is its own demand fetch. */
    DINERO;

    @Override
    public String word() {
        return switch (this) {
            case MODEL -> "model";
            case CACHEGRIND -> "cachegrind";
            case DINERO -> "dinero";
        };
    }

    /** The rules a command-line word names, if any. */
    public static Optional<ReplayRules> fromWord(String word) {
        return Worded.fromWord(ReplayRules.class, word);
    }

    /** Whether these rules simulate three caches given by geometry ({@code --I1}, {@code --D1}, {@code --LL}). */
    public boolean takesGeometry() {
        return this != MODEL;
    }

    /** A simulator of split level-1 caches and a last level under these rules (not the model's). */
    public TraceSimulator simulator(Hierarchy caches) {
        return switch (this) {
            case CACHEGRIND -> new CachegrindSimulator(caches);
            case DINERO -> new DineroSimulator(caches);
            case MODEL -> throw new IllegalStateException("the model's rules simulate a machine: use model(config)");
        };
    }

    /** A simulator of {@code config}'s hierarchy under the model's rules, classifying misses or not. */
    public static TraceSimulator model(MachineConfig config, boolean classify) {
        ModelSimulator s = new ModelSimulator(config);
        return classify ? s.classify() : s;
    }
}
