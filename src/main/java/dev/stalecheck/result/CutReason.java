package dev.stalecheck.result;

/** Why a search stopped before it had explored every state. */
public enum CutReason {
    /** {@code --max-states}: the visited set held as many states as allowed (a deterministic cut). */
    MAX_STATES("max-states"),
    /** {@code --timeout}: the wall-clock limit passed. */
    TIMEOUT("timeout"),
    /** The memory budget was reached, or the spill files could not grow. */
    MEMORY("memory"),
    /** Every verdict was decided and the budget for the outcome table spent. */
    DECIDED("decided");

    private final String word;

    CutReason(String word) {
        this.word = word;
    }

    /** The reason as reports and the JSON write it. */
    public String word() {
        return word;
    }
}
