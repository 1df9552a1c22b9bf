package dev.stalecheck.config;

/** Whether lines still present in a cache hit while the cpu runs with SCTLR.C = 0. */
public enum DisabledHits {
    /** Accesses with caches off never look up the caches. */
    NO("no"),
    /** Accesses with caches off hit a present line (innermost copy on the cpu's path). */
    YES("yes"),
    /** Unknown core: chosen once per execution, where it first matters. */
    ANY("any");

    private final String word;

    DisabledHits(String word) {
        this.word = word;
    }

    /** The word the scenario language uses. */
    public String word() {
        return word;
    }

    /** The setting a language word names. */
    public static DisabledHits fromWord(String word) {
        for (DisabledHits d : values()) {
            if (d.word.equals(word)) {
                return d;
            }
        }
        throw new ConfigException("disabled-hits: expected yes, no or any, not '" + word + "'");
    }
}
