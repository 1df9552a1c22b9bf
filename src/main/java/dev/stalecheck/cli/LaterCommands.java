package dev.stalecheck.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Subcommands that later issues fill in: each says so in its help and when run. */
final class LaterCommands {
    private LaterCommands() {
    }

    /** Common behaviour: print what is coming, exit 2. */
    abstract static class NotYet implements Callable<Integer> {
        @CommandLine.Parameters(arity = "0..*", paramLabel = "ARGS", hidden = true)
        private List<String> args;

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("stalecheck " + spec.name() + " is not available in this version yet ("
                    + spec.usageMessage().description()[0] + ")");
            return 2;
        }
    }

    /** {@code cost}. */
    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = "Price cache-maintenance strategies for a buffer. Not available yet.")
    static final class Cost extends NotYet {
    }
}
