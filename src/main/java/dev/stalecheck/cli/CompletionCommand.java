package dev.stalecheck.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck completion}: a bash/zsh completion script generated from the command line's own definition. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a bash (and zsh, through bashcompinit) completion script for stalecheck's commands and"
                + " options.",
        footer = {"", "Examples:", "  source <(stalecheck completion)",
            "  stalecheck completion > /etc/bash_completion.d/stalecheck"})
final class CompletionCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        CommandLine root = spec.commandLine().getParent();
        spec.commandLine().getOut().print(AutoComplete.bash("stalecheck", root));
        spec.commandLine().getOut().flush();
    }
}
