package dev.stalecheck.cli;

import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.SizeText;
import dev.stalecheck.cost.CostModel;
import dev.stalecheck.cost.CostSweep;
import dev.stalecheck.cost.LatencyTable;
import dev.stalecheck.cost.Strategy;
import dev.stalecheck.preset.Preset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck cost}: what each way of cleaning or invalidating a buffer costs on a machine. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Price the ways to clean and/or invalidate a buffer (dc ivac loop, dc civac loop, dc cvac then"
                + " dc ivac, set/way over every level, whole-level operations) for a buffer of SIZE bytes in a given"
                + " state, and find the size from which a level-wide pass is cheaper than the cheapest by-VA loop.",
            "", "The cycle figures are a model with documented assumptions (docs/cost.md), not measurements."},
        footer = {"", "Examples:", "  stalecheck cost --size 64K --state clean",
            "  stalecheck cost --machine cortex-a15 --size 1M --state 0.25 --svg cost.svg",
            "  stalecheck cost --latency l1d=4,l2=30,memory=150 --size 16K --state dirty"})
final class CostCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--machine", paramLabel = "PRESET", description = "The machine (default generic).")
    private String machine = "generic";

    @CommandLine.Option(names = "--size", paramLabel = "SIZE", description = "Buffer size: bytes, or with K/M suffix"
            + " (default 64K).")
    private String size = "64K";

    @CommandLine.Option(names = "--state", paramLabel = "STATE", description = "clean, dirty, uncached, or the"
            + " fraction of dirty lines (0 to 1) spread evenly (default clean).")
    private String state = "clean";

    @CommandLine.Option(names = "--latency", paramLabel = "NAME=CYCLES,...", description = "Override cycle costs:"
            + " a data level's name (l1d, l2, ...), memory, setway, whole, barrier.")
    private String latency;

    @CommandLine.Option(names = "--svg", paramLabel = "OUT.svg", description = "Write a plot of cost against buffer"
            + " size (1K to 16M, log scales).")
    private Path svg;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            MachineConfig config = Preset.named(machine).config();
            long bytes = parseSize(size);
            double dirty = parseState(state);
            LatencyTable table = latencies(config);
            CostModel model = new CostModel(config, table);
            out.printf(Locale.ROOT, "machine %s, buffer %s, %s%n", machine, SizeText.of(bytes), describeState(dirty));
            out.printf(Locale.ROOT, "%-26s %14s %12s %12s%n", "strategy", "cycles", "write-backs", "instructions");
            for (Strategy s : Strategy.values()) {
                CostModel.Cost c = model.price(s, bytes, dirty);
                out.printf(Locale.ROOT, "%-26s %,14d %,12d %,12d%n", s.title(), c.cycles(), c.writeBacks(), c.operations());
            }
            CostSweep sweep = new CostSweep(model, 1024, 16L << 20, dirty);
            for (Strategy s : new Strategy[] {Strategy.SET_WAY, Strategy.WHOLE_LEVEL}) {
                long x = sweep.crossover(s);
                out.println(s.title() + (x < 0 ? ": never cheaper than the cheapest by-VA loop up to 16M"
                        : ": cheaper than every by-VA loop from " + SizeText.of(x)));
            }
            out.println("assumptions: hit cycles " + hitText(config, table) + ", memory " + table.memoryCycles()
                    + ", set/way " + table.setWayCycles() + " per slot, whole-level " + table.wholeLevelCycles()
                    + " per slot, barrier " + table.barrierCycles() + " (see docs/cost.md)");
            if (svg != null) {
                Files.writeString(svg, sweep.svg("Maintenance cost on " + machine + " (" + describeState(dirty) + ")"));
                out.println("wrote " + svg);
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("stalecheck: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("stalecheck: cannot write " + svg + ": " + e.getMessage());
            return 2;
        }
    }

    private static String hitText(MachineConfig config, LatencyTable t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.hitCycles().length; i++) {
            b.append(i == 0 ? "" : ", ").append(config.dataPathLevels().get(i).name()).append(' ').append(t.hitCycles()[i]);
        }
        return b.toString();
    }

    private static String describeState(double dirty) {
        if (dirty < 0) {
            return "not cached";
        }
        if (dirty == 0) {
            return "all lines clean";
        }
        if (dirty >= 1) {
            return "all lines dirty";
        }
        return String.format(Locale.ROOT, "%.0f%% of lines dirty", dirty * 100);
    }

    static long parseSize(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("K")) {
            mult = 1024;
        } else if (t.endsWith("M")) {
            mult = 1024 * 1024;
        } else if (t.endsWith("G")) {
            mult = 1024L * 1024 * 1024;
        }
        if (mult > 1 || t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * mult;
            if (v <= 0 || v > (256L << 20)) {
                throw new IllegalArgumentException("--size " + text + ": must be from 1 byte to 256M");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--size " + text + ": expected bytes such as 4096, 64K or 1M");
        }
    }

    static double parseState(String text) {
        switch (text) {
            case "clean":
                return 0;
            case "dirty":
                return 1;
            case "uncached":
                return -1;
            default:
                try {
                    double f = Double.parseDouble(text);
                    if (f < 0 || f > 1) {
                        throw new NumberFormatException();
                    }
                    return f;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--state " + text + ": expected clean, dirty, uncached or a"
                            + " fraction from 0 to 1");
                }
        }
    }

    private LatencyTable latencies(MachineConfig config) {
        return LatencyTable.defaults(config).overridden(latency, config, machine);
    }
}
