package dev.stalecheck.result;

/** Which driver made a result. */
public enum Mode {
    /** {@code stalecheck run}: one deterministic execution. */
    RUN("run"),
    /** {@code stalecheck check}: every execution of the model. */
    CHECK("check");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    /** The mode as the JSON writes it. */
    public String word() {
        return word;
    }
}
