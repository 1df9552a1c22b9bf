package dev.stalecheck.replay;

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
}
