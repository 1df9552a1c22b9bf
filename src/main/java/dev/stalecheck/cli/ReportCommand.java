package dev.stalecheck.cli;

import dev.stalecheck.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck report RESULT.json --html OUT.html}: re-renders a saved JSON result without re-running. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a saved JSON result (from check --json or run --json) as a self-contained HTML page.",
        footer = {"", "Example:", "  stalecheck check --json examples/kvm-invalidate.scn > kvm.json",
            "  stalecheck report kvm.json --html kvm.html"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "RESULT.json", description = "One JSON result object.")
    private Path json;

    @CommandLine.Option(names = "--html", paramLabel = "OUT.html", required = true, description = "The page to write.")
    private Path html;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            String text = Files.readString(json);
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
            if (tree == null || !tree.isObject() || !tree.has("results") || !tree.has("caches")) {
                spec.commandLine().getErr().println(json + ":1:1: not a stalecheck JSON result (one object with"
                        + " results and caches)");
                return 2;
            }
            Files.writeString(html, HtmlReport.fromJson(tree.toString()));
            return 0;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            spec.commandLine().getErr().println(json + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not valid JSON: " + e.getOriginalMessage());
            return 2;
        } catch (IOException e) {
            spec.commandLine().getErr().println("stalecheck: " + e.getMessage());
            return 2;
        }
    }
}
