package dev.stalecheck.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalecheck.config.MachineConfig;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** One {@code replay} invocation: reads the traces once and feeds every batch to a simulator, then formats counters. */
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
        long totalBytes = totalBytes(traces);
        AtomicLong bytesRead = new AtomicLong();
        ProgressBar bar = null;
        try {
            for (String t : traces) {
                try (TraceReader r = TraceFormat.open(t, format, skipBad, bytesRead)) {
                    while (r.read(batch)) {
                        sink.accept(batch);
                        references += batch.count;
                        if (progress && bar == null && System.nanoTime() - start > 1_000_000_000L) {
                            bar = progressBar(totalBytes);
                        }
                        if (bar != null) {
                            bar.stepTo(totalBytes < 0 ? references : bytesRead.get() >> 20);
                            double seconds = (System.nanoTime() - start) / 1e9;
                            bar.setExtraMessage(String.format("%,d refs, %.1f M refs/s", references,
                                    references / seconds / 1e6));
                        }
                    }
                    skipped += r.skipped();
                }
            }
        } finally {
            if (bar != null) {
                bar.close();
            }
            streamNanos += System.nanoTime() - start;
        }
    }

    /**
     * A bar over the input's bytes (MiB, as read from disk before decompression) with an ETA when every trace is a
     * file; over references without an end when one is standard input.
     */
    private static ProgressBar progressBar(long totalBytes) {
        ProgressBarBuilder b = new ProgressBarBuilder().setStyle(ProgressBarStyle.ASCII);
        if (totalBytes < 0) {
            return b.setTaskName("refs").setInitialMax(-1).build();
        }
        return b.setTaskName("trace").setUnit(" MiB", 1).setInitialMax(Math.max(1, totalBytes >> 20)).build();
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
            } catch (IOException | java.nio.file.InvalidPathException e) {
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
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        return references;
    }

    /** Cachegrind's counters for the traces, as text (cachegrind's summary layout) or JSON. */
    public String cachegrind(List<String> traces, int[] i1, int[] d1, int[] ll, boolean json) throws IOException {
        CachegrindSimulator sim = new CachegrindSimulator(i1, d1, ll);
        stream(traces, sim::accept);
        long[] c = sim.counters();
        if (json) {
            ObjectNode o = jsonHeader("cachegrind");
            ObjectNode counters = o.putObject("counters");
            for (int i = 0; i < c.length; i++) {
                counters.put(CachegrindSimulator.NAMES[i], c[i]);
            }
            return o + System.lineSeparator();
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("I1 %s, D1 %s, LL %s%n", geometry(i1), geometry(d1), geometry(ll)));
        b.append(String.format("I   refs:      %,d%n", c[0]));
        b.append(String.format("I1  misses:    %,d%n", c[1]));
        b.append(String.format("LLi misses:    %,d%n", c[2]));
        b.append(String.format("D   refs:      %,d  (%,d rd + %,d wr)%n", c[3] + c[6], c[3], c[6]));
        b.append(String.format("D1  misses:    %,d  (%,d rd + %,d wr)%n", c[4] + c[7], c[4], c[7]));
        b.append(String.format("LLd misses:    %,d  (%,d rd + %,d wr)%n", c[5] + c[8], c[5], c[8]));
        b.append("summary: ");
        for (int i = 0; i < c.length; i++) {
            b.append(i == 0 ? "" : " ").append(c[i]);
        }
        b.append(System.lineSeparator());
        appendSkipped(b);
        return b.toString();
    }

    /**
     * Dinero IV's accounting for the traces (split L1, unified last level; LRU, write-back, write-allocate, demand
     * fetch), as text in Dinero's per-cache layout or JSON.
     */
    public String dinero(List<String> traces, int[] i1, int[] d1, int[] ll, boolean json) throws IOException {
        DineroSimulator sim = new DineroSimulator(i1, d1, ll);
        stream(traces, sim::accept);
        if (json) {
            ObjectNode o = jsonHeader("dinero");
            ArrayNode caches = o.putArray("caches");
            for (DineroCache c : sim.caches()) {
                ObjectNode e = caches.addObject();
                e.put("cache", c.name);
                putByType(e.putObject("demand_fetches"), c.fetches);
                putByType(e.putObject("demand_misses"), c.misses);
                e.put("multiblock_refs", c.multiblockRefs);
                e.put("write_backs", c.writeBacks);
                e.put("bytes_from_next_level", c.bytesFromNext);
                e.put("bytes_to_next_level", c.bytesToNext);
            }
            return o + System.lineSeparator();
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("I1 %s, D1 %s, L2 %s (LRU, write-back, write-allocate, demand fetch)%n",
                geometry(i1), geometry(d1), geometry(ll)));
        for (DineroCache c : sim.caches()) {
            long[] f = c.fetches;
            long[] m = c.misses;
            b.append(System.lineSeparator()).append(c.name).append(System.lineSeparator());
            String row = " %-20s %12s %12s %12s %12s %12s%n";
            b.append(String.format(row, "Metrics", "Total", "Instrn", "Data", "Read", "Write"));
            b.append(String.format(row, "Demand Fetches", f[0] + f[1] + f[2], f[2], f[0] + f[1], f[0], f[1]));
            b.append(String.format(row, "Demand Misses", m[0] + m[1] + m[2], m[2], m[0] + m[1], m[0], m[1]));
            b.append(String.format(row, "Demand miss rate", rate(m[0] + m[1] + m[2], f[0] + f[1] + f[2]),
                    rate(m[2], f[2]), rate(m[0] + m[1], f[0] + f[1]), rate(m[0], f[0]), rate(m[1], f[1])));
            b.append(String.format(" %-20s %12d%n", "Multi-block refs", c.multiblockRefs));
            b.append(String.format(" %-20s %12d%n", "Write-backs", c.writeBacks));
            b.append(String.format(" %-20s %12d%n", "Bytes From Memory", c.bytesFromNext));
            b.append(String.format(" %-20s %12d%n", "Bytes To Memory", c.bytesToNext));
        }
        appendSkipped(b);
        return b.toString();
    }

    private static void putByType(ObjectNode o, long[] byType) {
        o.put("total", byType[0] + byType[1] + byType[2]);
        o.put("instrn", byType[2]);
        o.put("data", byType[0] + byType[1]);
        o.put("read", byType[0]);
        o.put("write", byType[1]);
    }

    private static String rate(long misses, long fetches) {
        return fetches == 0 ? "0.0000" : String.format("%.4f", (double) misses / fetches);
    }

    /** The fields every JSON result starts with: the rules, references read and lines skipped. */
    private ObjectNode jsonHeader(String rules) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("rules", rules);
        o.put("references", references);
        o.put("skipped", skipped);
        return o;
    }

    private void appendSkipped(StringBuilder b) {
        if (skipped > 0) {
            b.append("skipped ").append(skipped).append(" malformed lines").append(System.lineSeparator());
        }
    }

    private static String geometry(int[] g) {
        return g[0] + "B " + g[1] + "-way " + g[2] + "B";
    }

    /**
     * The model's per-level statistics for the traces under every configuration in {@code configs}, all simulated in
     * one pass over the input; as tables or JSON (JSON Lines for several).
     */
    public String model(List<String> traces, List<MachineConfig> configs, boolean json, boolean classify)
            throws IOException {
        List<ModelSimulator> sims = new java.util.ArrayList<>();
        for (MachineConfig c : configs) {
            ModelSimulator s = new ModelSimulator(c);
            sims.add(classify ? s.classify() : s);
        }
        stream(traces, b -> sims.forEach(s -> s.accept(b)));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < configs.size(); i++) {
            out.append(model(sims.get(i), configs.get(i), json));
            if (!json && i + 1 < configs.size()) {
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    private String model(ModelSimulator sim, MachineConfig config, boolean json) {
        if (json) {
            ObjectNode o = new ObjectMapper().createObjectNode();
            o.put("rules", "model");
            o.put("machine", config.name());
            o.put("references", references);
            o.put("skipped", skipped);
            ArrayNode levels = o.putArray("levels");
            for (ModelLevel l : sim.levels()) {
                ObjectNode e = levels.addObject();
                e.put("level", l.name);
                e.put("references", l.references);
                e.put("hits", l.hits);
                e.put("misses", l.misses);
                e.put("write_backs", l.writeBacks);
                e.put("fill_bytes", l.fillBytes);
                e.put("bytes_to_next_level", l.bytesOut);
                if (l.classifier != null) {
                    ObjectNode m = e.putObject("misses_by_kind");
                    m.put("compulsory", l.classifier.compulsory);
                    m.put("capacity", l.classifier.capacity);
                    m.put("conflict", l.classifier.conflict);
                }
            }
            o.put("memory_reads", sim.memoryReads);
            o.put("memory_writes", sim.memoryWrites);
            return o + System.lineSeparator();
        }
        StringBuilder b = new StringBuilder(String.format("machine %s: %,d references%s%n", config.name(), references,
                skipped > 0 ? " (" + skipped + " malformed lines skipped)" : ""));
        b.append(String.format("%-6s %14s %14s %14s %8s %12s %14s %16s%n", "level", "references", "hits", "misses",
                "miss %", "write-backs", "fill bytes", "bytes to next"));
        for (ModelLevel l : sim.levels()) {
            double rate = l.references == 0 ? 0 : 100.0 * l.misses / l.references;
            b.append(String.format("%-6s %,14d %,14d %,14d %7.2f%% %,12d %,14d %,16d%n", l.name, l.references, l.hits,
                    l.misses, rate, l.writeBacks, l.fillBytes, l.bytesOut));
        }
        b.append(String.format("memory: %,d line reads, %,d writes%n", sim.memoryReads, sim.memoryWrites));
        for (ModelLevel l : sim.levels()) {
            if (l.classifier != null) {
                b.append(String.format("%-6s misses: %,d compulsory, %,d capacity, %,d conflict%n", l.name,
                        l.classifier.compulsory, l.classifier.capacity, l.classifier.conflict));
            }
        }
        return b.toString();
    }
}
