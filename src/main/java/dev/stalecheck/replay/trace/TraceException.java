package dev.stalecheck.replay.trace;

/** A malformed trace: reported as {@code file:line: message} with exit code 2. */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error at {@code line} of {@code file} (line 0: the file as a whole). */
    public TraceException(String file, long line, String message) {
        super(file + ":" + line + ": " + message);
    }
}
