package dev.stalecheck.replay;

import dev.stalecheck.replay.report.ReplayReporter;
import dev.stalecheck.replay.report.ReportFormat;
import dev.stalecheck.replay.simulator.TraceSimulator;
import dev.stalecheck.replay.trace.BinaryTrace;
import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.TraceFormat;
import dev.stalecheck.replay.trace.TraceReader;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One {@code replay} invocation, the driver: reads the traces once, feeds every batch to each simulator, then has a
 * reporter render each simulator's statistics.
 */
public final class ReplayRun {
    private final TraceFormat format;
    private final boolean skipBad;
    private final boolean progress;
    private long references;
    private long skipped;
    private long streamNanos;

    /** A run reading {@code format} (null: detect), optionally skipping malformed lines, with a progress bar or not. */
    public ReplayRun(TraceFormat format, boolean skipBad, boolean progress) {
        this.format = format;
        this.skipBad = skipBad;
        this.progress = progress;
    }

    private void stream(List<String> traces, Consumer<RefBatch> sink) throws IOException {
        RefBatch batch = new RefBatch();
        long start = System.nanoTime();
        AtomicLong bytesRead = new AtomicLong();
        try (TraceProgress bar = new TraceProgress(progress, totalBytes(traces))) {
            for (String t : traces) {
                try (TraceReader r = TraceFormat.open(t, format, skipBad, bytesRead)) {
                    while (r.read(batch)) {
                        sink.accept(batch);
                        references += batch.count();
                        bar.update(references, bytesRead.get());
                    }
                    skipped += r.skipped();
                }
            }
        } finally {
            streamNanos += System.nanoTime() - start;
        }
    }

    /** The traces' total size on disk, or -1 when one is standard input or cannot be sized. */
    private static long totalBytes(List<String> traces) {
        long total = 0;
        for (String t : traces) {
            if (t.equals("-")) {
                return -1;
            }
            try {
                total += Files.size(Path.of(t));
            } catch (IOException | InvalidPathException e) {
                return -1;
            }
        }
        return total;
    }

    /** References read so far and the time spent reading and simulating them, in words. */
    public String timing() {
        double ms = streamNanos / 1e6;
        return String.format("%,d references in %.0f ms: %.1f M refs/s", references, ms, references / ms / 1000);
    }

    /** Writes the traces in the binary format; returns the number of references. */
    public long convert(List<String> traces, String out) throws IOException {
        try (BinaryTrace.Writer w = new BinaryTrace.Writer(new BufferedOutputStream(Files.newOutputStream(Path.of(out)),
                1 << 16))) {
            stream(traces, b -> {
                try {
                    w.write(b);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return references;
    }

    /**
     * Streams the traces once through every simulator, then renders each one's statistics in {@code format}
     * (several simulators: one after the other, as the format separates them).
     */
    public String replay(List<String> traces, List<TraceSimulator> simulators, ReportFormat format)
            throws IOException {
        stream(traces, b -> {
            for (TraceSimulator s : simulators) {
                s.accept(b);
            }
        });
        ReplayReporter reporter = format.reporter();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < simulators.size(); i++) {
            out.append(simulators.get(i).statistics(references, skipped).accept(reporter));
            if (i + 1 < simulators.size()) {
                out.append(reporter.separator());
            }
        }
        return out.toString();
    }
}
