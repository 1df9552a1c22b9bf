package dev.stalecheck.cli;

import dev.stalecheck.explore.SearchProgress;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress line on stderr for searches longer than a second, redrawn at most once a second with the states, the
 * rate since the last redraw, the breadth-first depth and the queue; only on a terminal and without --quiet.
 */
final class Progress {
    private static final long SECOND = 1_000_000_000L;
    private final boolean off;
    private final long max;
    private final PrintWriter err;
    private final LongSupplier clock;
    private long lastDraw;
    private long lastStates;
    /** The widest line drawn so far: what a shorter line and the final erase must cover. */
    private int width;

    Progress(boolean off, long max, PrintWriter err) {
        this(off, max, err, System::nanoTime);
    }

    /** With {@code clock} in nanoseconds instead of the system's (for tests). */
    Progress(boolean off, long max, PrintWriter err, LongSupplier clock) {
        this.off = off;
        this.max = max;
        this.err = err;
        this.clock = clock;
        this.lastDraw = clock.getAsLong();
    }

    void update(SearchProgress p) {
        if (off) {
            return;
        }
        long now = clock.getAsLong();
        if (now - lastDraw < SECOND) {
            return;
        }
        long rate = (p.states() - lastStates) * SECOND / (now - lastDraw);
        String line = String.format("search: %d states%s, %d states/s, depth %d, queue %d", p.states(),
                max == Long.MAX_VALUE ? "" : " of at most " + max, rate, p.depth(), p.queue());
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = Math.max(width, line.length());
        lastDraw = now;
        lastStates = p.states();
    }

    /** Erases the line, if one was drawn. */
    void close() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
