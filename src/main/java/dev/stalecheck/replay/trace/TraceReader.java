package dev.stalecheck.replay.trace;

import java.io.IOException;

/** Reads a trace in batches; one implementation per format. */
public interface TraceReader extends AutoCloseable {
    /** Fills {@code batch} (cleared first); returns false at the end of the trace. */
    boolean read(RefBatch batch) throws IOException;

    /** Malformed lines skipped so far (with {@code --skip-bad}). */
    long skipped();

    @Override
    void close() throws IOException;
}
