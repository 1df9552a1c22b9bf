package dev.stalecheck.config;

/** What an invalidate without clean does to a dirty line at one level. */
public enum InvalidatePolicy {
    /** The dirty line is dropped and its data is lost. */
    DISCARD("discard"),
    /** The dirty line is written back first, then dropped (as some cores do). */
    CLEAN("clean"),
    /** Unknown core: chosen once per execution for the level, where it first matters. */
    ANY("any");

    private final String word;

    InvalidatePolicy(String word) {
        this.word = word;
    }

    /** The word the scenario language uses. */
    public String word() {
        return word;
    }

    /** The policy a language word names. */
    public static InvalidatePolicy fromWord(String word) {
        for (InvalidatePolicy p : values()) {
            if (p.word.equals(word)) {
                return p;
            }
        }
        throw new ConfigException("invalidate: expected discard, clean or any, not '" + word + "'");
    }
}
