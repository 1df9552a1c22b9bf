package dev.stalecheck.replay.simulator;

import dev.stalecheck.config.MachineConfig;

/** The rule sets {@code replay} simulates a trace under, each by its own {@link TraceSimulator}. */
public enum Rules {
    /** The model's own rules (dirty state, write-backs, traffic per level) on a machine's hierarchy. */
    MODEL("model"),
    /** Valgrind cachegrind's counters, exactly. */
    CACHEGRIND("cachegrind"),
    /** Dinero IV's accounting: each line a reference touches is a demand fetch of its own. */
    DINERO("dinero");

    private final String word;

    Rules(String word) {
        this.word = word;
    }

    /** The rules' name on the command line. */
    public String word() {
        return word;
    }

    /** The rules named {@code word}, or null. */
    public static Rules fromWord(String word) {
        for (Rules r : values()) {
            if (r.word.equals(word)) {
                return r;
            }
        }
        return null;
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
