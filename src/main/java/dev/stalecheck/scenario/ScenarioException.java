package dev.stalecheck.scenario;

/** An input error in a scenario: reported as {@code file:line:col: message} with exit code 2. */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SourcePosition position;
    private final String detail;

    /** An error at {@code position}. */
    public ScenarioException(SourcePosition position, String detail) {
        super(position + ": " + detail);
        this.position = position;
        this.detail = detail;
    }

    /**
     * An error about a file as a whole that no position inside it explains (it cannot be read, it is a
     * directory): reported as the message alone.
     */
    public ScenarioException(String detail) {
        super(detail);
        this.position = null;
        this.detail = detail;
    }

    /** Where, or null for an error about the file as a whole. */
    public SourcePosition position() {
        return position;
    }

    /** The message without the position. */
    public String detail() {
        return detail;
    }
}
