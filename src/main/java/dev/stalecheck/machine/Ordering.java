package dev.stalecheck.machine;

import dev.stalecheck.util.Worded;
import java.util.Optional;

/** How a cpu thread's operations are ordered (the language's {@code explore { ordering ... }}). */
public enum Ordering implements Worded {
    /** Every operation is one atomic step, taken in program order: barriers change nothing. */
    SC("sc"),
    /**
     * Operations are issued in program order and perform later, out of order where no rule orders them; loads and
     * stores translate at a point between the last context-synchronization point and their perform (docs/ordering.md).
     */
    ARMV8("armv8");

    private final String word;

    Ordering(String word) {
        this.word = word;
    }

    @Override
    public String word() {
        return word;
    }

    /** The ordering a (lower-case) language word names, if any. */
    public static Optional<Ordering> fromWord(String word) {
        return Worded.fromWord(Ordering.class, word);
    }
}
