package dev.stalecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code stalecheck} command line. */
@Command(name = "stalecheck", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Finds stale reads and lost writes caused by caches, cache maintenance and address"
                + " translation on ARM-style machines.",
        subcommands = {PresetsCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 2 bad input). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("stalecheck: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'stalecheck --help'.");
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
