package dev.stalecheck.cli;

import dev.stalecheck.config.ConfigException;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.preset.Preset;
import dev.stalecheck.replay.ReplayRules;
import dev.stalecheck.replay.ReplayRun;
import dev.stalecheck.replay.report.ReportFormat;
import dev.stalecheck.replay.simulator.Geometry;
import dev.stalecheck.replay.simulator.Hierarchy;
import dev.stalecheck.replay.simulator.TraceSimulator;
import dev.stalecheck.replay.trace.TraceException;
import dev.stalecheck.replay.trace.TraceFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck replay}: streams memory traces through a cache hierarchy and prints statistics. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Stream memory traces (Valgrind lackey output, Dinero IV din, or stalecheck's binary format;"
                + " gzip or xz compressed; - for stdin) through a cache hierarchy and print statistics. Memory grows"
                + " with the distinct lines touched, never with the trace's length.",
            "", "--rules cachegrind reproduces Valgrind cachegrind's counters exactly for a lackey trace of the same"
                + " run; --rules dinero follows Dinero IV's accounting (each line a reference touches is its own"
                + " demand fetch); the default rules are the model's own (dirty state, write-backs, traffic per level)."},
        footer = {"", "Examples:",
            "  valgrind --tool=lackey --trace-mem=yes --log-file=trace.txt ./prog",
            "  stalecheck replay --rules cachegrind --I1 32768,8,64 --D1 32768,8,64 --LL 1048576,16,64 trace.txt",
            "  stalecheck replay --machine cortex-a9 --machine cortex-a15 --classify trace.txt.gz",
            "  stalecheck replay --convert trace.bin trace.txt"})
final class ReplayCommand implements Callable<Integer> {
    @CommandLine.Parameters(arity = "1..*", paramLabel = "TRACE", description = "Trace files, or - for stdin.")
    private List<String> traces;

    @CommandLine.Option(names = "--format", paramLabel = "FMT", description = "lackey, din or binary (default: detect).")
    private String format;

    @CommandLine.Option(names = "--rules", paramLabel = "RULES", converter = RulesConverter.class,
            description = "model (default), cachegrind (Valgrind cachegrind's counters) or dinero (Dinero IV's"
                + " accounting: each line touched is a reference).")
    private ReplayRules rules = ReplayRules.MODEL;

    @CommandLine.Option(names = {"--machine", "--config"}, paramLabel = "PRESET", description = "Cache hierarchy of a"
            + " preset (default generic); repeat it to simulate several hierarchies in one pass over the trace.")
    private List<String> machines = new ArrayList<>();

    @CommandLine.Option(names = "--classify", description = "Classify misses as compulsory, capacity or conflict.")
    private boolean classify;

    @CommandLine.Option(names = "--I1", paramLabel = "SIZE,ASSOC,LINE", description = "L1 instruction cache.")
    private String i1;

    @CommandLine.Option(names = "--D1", paramLabel = "SIZE,ASSOC,LINE", description = "L1 data cache.")
    private String d1;

    @CommandLine.Option(names = "--LL", paramLabel = "SIZE,ASSOC,LINE", description = "Last-level cache.")
    private String ll;

    @CommandLine.Option(names = "--skip-bad", description = "Skip malformed lines (and count them) instead of stopping.")
    private boolean skipBad;

    @CommandLine.Option(names = "--convert", paramLabel = "OUT", description = "Write the trace in the binary format"
            + " to OUT instead of simulating.")
    private String convert;

    @CommandLine.Option(names = "--json", description = "Print the statistics as JSON.")
    private boolean json;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    private boolean quiet;

    @CommandLine.Option(names = "--timing", description = "Print the references per second of the pass on stderr.")
    private boolean timing;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TraceFormat f = null;
        if (format != null && (f = TraceFormat.fromWord(format)) == null) {
            err.println("stalecheck: unknown trace format '" + format + "' (expected lackey, din or binary)");
            return 2;
        }
        try {
            ReplayRun run = new ReplayRun(f, skipBad, !quiet && System.console() != null);
            if (convert != null) {
                long n = run.convert(traces, convert);
                out.println("wrote " + n + " references to " + convert);
                out.flush();
                return 0;
            }
            ReportFormat report = json ? ReportFormat.JSON : ReportFormat.TEXT;
            if (!rules.takesGeometry() && (i1 != null || d1 != null || ll != null)) {
                err.println("stalecheck: --I1/--D1/--LL go with --rules cachegrind or dinero;"
                        + " use --machine for the model");
                return 2;
            }
            List<TraceSimulator> simulators = new ArrayList<>();
            if (rules.takesGeometry()) {
                simulators.add(rules.simulator(new Hierarchy(geometry("--I1", i1, "l1i"), geometry("--D1", d1, "l1d"),
                        geometry("--LL", ll, "l2"))));
            } else {
                for (MachineConfig c : modelConfigs()) {
                    simulators.add(ReplayRules.model(c, classify));
                }
            }
            out.print(run.replay(traces, simulators, report));
            out.flush();
            if (timing) {
                err.println(run.timing());
            }
            return 0;
        } catch (TraceException | ConfigException | IllegalArgumentException e) {
            err.println(e instanceof TraceException ? e.getMessage() : "stalecheck: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("stalecheck: " + e.getMessage());
            return 2;
        }
    }

    private static Preset preset(String name) {
        return Preset.named(name);
    }

    private List<MachineConfig> modelConfigs() {
        List<MachineConfig> configs = new ArrayList<>();
        for (String m : machines.isEmpty() ? List.of("generic") : machines) {
            configs.add(preset(m).config());
        }
        return configs;
    }

    /** {@code --rules WORD}, resolved once: an unknown word is a usage error (exit code 2). */
    static final class RulesConverter implements CommandLine.ITypeConverter<ReplayRules> {
        @Override
        public ReplayRules convert(String value) {
            return ReplayRules.fromWord(value).orElseThrow(() -> new CommandLine.TypeConversionException(
                    "unknown rules '" + value + "' (expected model, cachegrind or dinero)"));
        }
    }

    /** {@code SIZE,ASSOC,LINE}, or the preset's level when not given. */
    private Geometry geometry(String option, String text, String level) {
        if (text == null) {
            String machine = machines.isEmpty() ? "generic" : machines.get(0);
            var l = preset(machine).config().level(level).orElseThrow(() ->
                    new IllegalArgumentException(option + " is required: preset " + machine + " has no " + level));
            return new Geometry(l.geometry().sizeBytes(), l.geometry().ways(), l.geometry().lineBytes());
        }
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new IllegalArgumentException(option + " " + text + ": expected SIZE,ASSOC,LINE in bytes");
        }
        try {
            return new Geometry(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + text + ": expected SIZE,ASSOC,LINE in bytes");
        }
    }
}
