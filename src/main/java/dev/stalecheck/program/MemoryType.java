package dev.stalecheck.program;

/** The memory attributes of a mapping, as the scenario language names them. */
public enum MemoryType {
    /** Normal memory, write-back cacheable (the default). */
    NORMAL("normal"),
    /** Normal memory, write-through cacheable. */
    NORMAL_WT("normal-wt"),
    /** Normal memory, non-cacheable. */
    NORMAL_NC("normal-nc"),
    /** Device memory: non-cacheable. */
    DEVICE("device");

    private final String word;

    MemoryType(String word) {
        this.word = word;
    }

    /** The word the scenario language uses. */
    public String word() {
        return word;
    }

    /** Whether accesses through this type may allocate in caches. */
    public boolean isCacheable() {
        return this == NORMAL || this == NORMAL_WT;
    }

    /** The type a language word names, or {@code null}. */
    public static MemoryType fromWord(String word) {
        for (MemoryType t : values()) {
            if (t.word.equals(word)) {
                return t;
            }
        }
        return null;
    }
}
