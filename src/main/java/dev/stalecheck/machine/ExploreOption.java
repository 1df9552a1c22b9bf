package dev.stalecheck.machine;

import dev.stalecheck.util.Worded;
import java.util.Optional;

/** An option of the language's {@code explore} block: one kind of spontaneous hardware event. */
public enum ExploreOption implements Worded {
    /** Spontaneous evictions of valid lines. */
    EVICTIONS("evictions"),
    /** Speculative fills of relevant lines. */
    PREFETCH("prefetch"),
    /** Dropping TLB entries. */
    TLB_EVICTIONS("tlb-evictions"),
    /** Hardware writing a dirty line back and keeping it. */
    CLEANS("cleans");

    private final String word;

    ExploreOption(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }

    /** The option a (lower-case) language word names, if any. */
    public static Optional<ExploreOption> fromWord(String word) {
        return Worded.fromWord(ExploreOption.class, word);
    }
}
