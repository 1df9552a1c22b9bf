package dev.stalecheck.cli;

import dev.stalecheck.cost.LatencyTable;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.report.TextReport;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.run.ScenarioRun;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioException;
import dev.stalecheck.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck run FILE}: one execution, each step with its effects, and the conditions on that execution. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run one execution of a scenario: each thread to completion in file order as 'after' allows,"
                + " LRU victims, no spontaneous hardware events, every 'any' taking its first value. Prints each step"
                + " with what it did to caches and RAM, the final values, and the conditions evaluated on this one"
                + " execution.",
            "", "Exit codes: 0 every expect holds on this execution; 1 an expect fails; 2 input error."},
        footer = {"", "Examples:", "  stalecheck run examples/kvm-invalidate.scn",
            "  stalecheck run --json examples/kvm-invalidate.scn"})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "FILE", description = "The scenario file (.scn).")
    private Path file;

    @CommandLine.Option(names = "--json", description = "Print the result as one JSON object (see docs/json.md).")
    private boolean json;

    @CommandLine.Option(names = "--latency", paramLabel = "NAME=CYCLES,...", description = "Override the cycle costs"
            + " that price the execution's cost account, as in 'cost --latency' (data levels by name, memory,"
            + " barrier).")
    private String latency;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.loadToCheck(file, file.toString());
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        LatencyTable table;
        try {
            table = LatencyTable.defaults(scenario.config()).overridden(latency, scenario.config(),
                    scenario.config().name());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return 2;
        }
        ScenarioResult result = ScenarioRun.run(scenario, table);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonReport.render(result));
            out.flush();
        } else {
            new TextReport(out).print(result);
        }
        return result.exitCode();
    }
}
