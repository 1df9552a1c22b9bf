package dev.stalecheck.replay.report;

/** The formats {@code replay} prints its statistics in. */
public enum ReportFormat {
    /** Tables for a person, in the layout of the tool whose rules were followed. */
    TEXT,
    /** One JSON object per hierarchy (JSON Lines for several). */
    JSON;

    /** A reporter of this format. */
    public ReplayReporter reporter() {
        return switch (this) {
            case TEXT -> new TextReplayReporter();
            case JSON -> new JsonReplayReporter();
        };
    }
}
