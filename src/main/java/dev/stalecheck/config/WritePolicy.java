package dev.stalecheck.config;

/** Whether a cache level keeps stores (write-back, marking the line dirty) or passes them on (write-through). */
public enum WritePolicy {
    /** Stores that hit write the line and mark it dirty. */
    WRITE_BACK("write-back"),
    /** Stores update a present copy and always pass outward; lines stay as dirty as they were. */
    WRITE_THROUGH("write-through");

    private final String word;

    WritePolicy(String word) {
        this.word = word;
    }

    /** The word the scenario language uses. */
    public String word() {
        return word;
    }
}
