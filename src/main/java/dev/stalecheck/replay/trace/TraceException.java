package dev.stalecheck.replay.trace;

/** A malformed trace: reported as {@code file:line: message} (or {@code file: byte N: message}) with exit code 2. */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean truncated;

    /** An error at {@code line} of {@code file} (line 0: the file as a whole). */
    public TraceException(String file, long line, String message) {
        this(file + ":" + line + ": " + message, false);
    }

    private TraceException(String text, boolean truncated) {
        super(text);
        this.truncated = truncated;
    }

    /** A file that ends before its trace does, {@code offset} bytes into it: {@code replay --accept-truncated} may go on. */
    public static TraceException truncated(String file, long offset, String message) {
        return new TraceException(file + ": byte " + offset + ": " + message, true);
    }

    /** Damaged data found {@code offset} bytes into the file (not a cut: always an error). */
    public static TraceException corrupt(String file, long offset, String message) {
        return new TraceException(file + ": byte " + offset + ": " + message, false);
    }

    /** Whether the file was cut short, so that what came before it is a correct partial trace. */
    public boolean truncated() {
        return truncated;
    }
}
