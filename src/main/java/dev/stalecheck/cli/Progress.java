package dev.stalecheck.cli;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr for searches longer than a second, only on a terminal and without --quiet. */
final class Progress {
    private final boolean off;
    private final long max;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    Progress(boolean off, long max, PrintWriter err) {
        this.off = off;
        this.max = max;
    }

    void update(long states) {
        if (off) {
            return;
        }
        if (bar == null) {
            if (System.nanoTime() - start < 1_000_000_000L) {
                return;
            }
            bar = new ProgressBarBuilder().setTaskName("states").setStyle(ProgressBarStyle.ASCII)
                    .setInitialMax(max == Long.MAX_VALUE ? -1 : max).build();
        }
        bar.stepTo(states);
    }

    void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
