package dev.stalecheck.replay;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar of a replay pass, drawn once the pass has taken a second: over the input's bytes (MiB, as read
 * from disk before decompression) with an ETA when every trace is a file; over references without an end when one
 * is standard input.
 */
final class TraceProgress implements AutoCloseable {
    private static final long DELAY_NANOS = 1_000_000_000L;
    private final boolean enabled;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private ProgressBar bar;

    /** A display, {@code enabled} or not, of a pass over {@code totalBytes} bytes (-1: unknown). */
    TraceProgress(boolean enabled, long totalBytes) {
        this.enabled = enabled;
        this.totalBytes = totalBytes;
    }

    /** The pass has read {@code references} references and {@code bytesRead} bytes so far. */
    void update(long references, long bytesRead) {
        if (enabled && bar == null && System.nanoTime() - start > DELAY_NANOS) {
            bar = open();
        }
        if (bar != null) {
            bar.stepTo(totalBytes < 0 ? references : bytesRead >> 20);
            double seconds = (System.nanoTime() - start) / 1e9;
            bar.setExtraMessage(String.format("%,d refs, %.1f M refs/s", references, references / seconds / 1e6));
        }
    }

    private ProgressBar open() {
        ProgressBarBuilder b = new ProgressBarBuilder().setStyle(ProgressBarStyle.ASCII);
        if (totalBytes < 0) {
            return b.setTaskName("refs").setInitialMax(-1).build();
        }
        return b.setTaskName("trace").setUnit(" MiB", 1).setInitialMax(Math.max(1, totalBytes >> 20)).build();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
