package dev.stalecheck.cli;

import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioException;
import dev.stalecheck.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck explain FILE}: the page-table layout, each descriptor's physical address and word. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print the layout of a scenario's page tables: where each table lies and every descriptor's"
                + " physical address, word, the VA range it covers (IPA range in a stage-2 table) and meaning.",
        footer = {"", "Example:", "  stalecheck explain examples/pte-update.scn"})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "The scenario file (.scn).")
    private Path file;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s;
        try {
            s = ScenarioLoader.load(file, file.toString());
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (s.tableListing().isEmpty()) {
            out.println("scenario \"" + s.name() + "\" has no page tables");
        }
        s.tableListing().forEach(out::println);
        out.flush();
        return 0;
    }
}
