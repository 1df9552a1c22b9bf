package dev.stalecheck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.report.HtmlReport;
import dev.stalecheck.util.FileProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck report RESULT.json --html OUT.html}: re-renders a saved JSON result without re-running. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a saved JSON result (from check --json or run --json) as a self-contained HTML page."
                + " A file of JSON Lines (check --json on several scenarios) needs --result N to pick one.",
        footer = {"", "Examples:", "  stalecheck check --json examples/kvm-invalidate.scn > kvm.json",
            "  stalecheck report kvm.json --html kvm.html",
            "  stalecheck check --json examples/ > all.jsonl; stalecheck report all.jsonl --result 2 --html 2.html"})
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "RESULT.json", description = "A JSON result, or JSON Lines of several.")
    private Path json;

    @CommandLine.Option(names = "--html", paramLabel = "OUT.html", required = true, description = "The page to write.")
    private Path html;

    @CommandLine.Option(names = "--result", paramLabel = "N",
            description = "Which result of a JSON Lines file to render (1 for the first line's).")
    private Integer index;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<JsonNode> results = new ArrayList<>();
        try (java.io.InputStream in = Files.newInputStream(json);
                MappingIterator<JsonNode> it = new ObjectMapper().readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNextValue()) {
                JsonNode tree = it.nextValue();
                if (tree == null || !tree.isObject() || !tree.has("results") || !tree.has("caches")) {
                    err.println(json + ":" + it.getCurrentLocation().getLineNr() + ":1: not a stalecheck JSON result"
                            + " (one object with results and caches per line)");
                    return 2;
                }
                results.add(tree);
            }
        } catch (JsonProcessingException e) {
            err.println(json + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage());
            return 2;
        } catch (IOException e) {
            err.println("stalecheck: cannot read " + json + ": " + FileProblem.reason(e));
            return 2;
        }
        if (results.isEmpty()) {
            err.println("stalecheck: " + json + " holds no JSON result");
            return 2;
        }
        if (index == null && results.size() > 1) {
            err.println("stalecheck: " + json + " holds " + results.size() + " results (JSON Lines); render one with"
                    + " --result N:");
            for (int i = 0; i < results.size(); i++) {
                err.println("  " + (i + 1) + "  " + results.get(i).path("scenario").asText("?"));
            }
            return 2;
        }
        int n = index == null ? 1 : index;
        if (n < 1 || n > results.size()) {
            err.println("stalecheck: --result " + n + " is out of range: " + json + " holds " + results.size()
                    + (results.size() == 1 ? " result" : " results"));
            return 2;
        }
        String page = HtmlReport.fromJson(results.get(n - 1).toString());
        try {
            Files.writeString(html, page);
        } catch (IOException e) {
            err.println("stalecheck: cannot write " + html + ": " + FileProblem.reason(e));
            return 2;
        }
        return 0;
    }
}
