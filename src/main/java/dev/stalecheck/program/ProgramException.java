package dev.stalecheck.program;

/**
 * A program the model cannot run (unknown level, set or way out of range, misaligned access, ...).
 *
 * <p>Carries the thread and operation index so a front end can point at the source position.
 */
public final class ProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int thread;
    private final int op;
    private final int cachedLine;

    /** An error at operation {@code op} of thread {@code thread} (-1 for either when not about one). */
    public ProgramException(String message, int thread, int op) {
        this(message, thread, op, -1);
    }

    private ProgramException(String message, int thread, int op, int cachedLine) {
        super(message);
        this.thread = thread;
        this.op = op;
        this.cachedLine = cachedLine;
    }

    /** An error in the program's {@code index}-th {@code cached} line. */
    public static ProgramException inCachedLine(String message, int index) {
        return new ProgramException(message, -1, -1, index);
    }

    /** Index of the {@code cached} line at fault, or -1. */
    public int cachedLine() {
        return cachedLine;
    }

    /** Index of the thread, or -1. */
    public int thread() {
        return thread;
    }

    /** Index of the operation in the thread, or -1. */
    public int op() {
        return op;
    }
}
