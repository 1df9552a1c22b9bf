package dev.stalecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stalecheck} command line. */
@Command(name = "stalecheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds stale reads and lost writes caused by caches, cache maintenance and address"
                + " translation on ARM-style machines.",
        subcommands = {RunCommand.class, CheckCommand.class, ReplayCommand.class, CostCommand.class,
            PresetsCommand.class, ExplainCommand.class, ReportCommand.class, CompletionCommand.class, ManCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 all expectations hold; 1 an expectation fails; 2 input error; 3 a bound left a"
                + " verdict unknown; 4 internal error (a bug in stalecheck: please report it with its input).", "", "Examples:", "  stalecheck run examples/kvm-invalidate.scn",
            "  stalecheck presets arm1136"})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 2 bad input). */
    public static int execute(String... args) {
        return execute(null, null, args);
    }

    /** Runs the command line writing to {@code out} and {@code err} (null: the standard streams). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("stalecheck: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'stalecheck --help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("stalecheck: internal error: " + ex
                    + " (please report it with the input that caused it)");
            return 4;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
