package dev.stalecheck.cli;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.explore.SearchMemory;
import dev.stalecheck.report.JsonReport;
import dev.stalecheck.report.JunitReport;
import dev.stalecheck.report.SearchAdvice;
import dev.stalecheck.report.TextReport;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioException;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.util.FileProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck check FILE|DIR...}: every execution of the model, verdicts and shortest counterexamples. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Explore every execution of the model (interleavings, evictions at any moment, speculative fills,"
                + " every 'any' choice, non-cacheable reads of dirty lines, hardware write-backs after the last"
                + " operation) and prove each expectation or print the shortest execution that breaks it.",
            "", "A directory means every .scn file in it, in name order (not recursively); several scenarios print one"
                + " summary line each, or JSON Lines with --json.",
            "", "Exit codes: 0 every expectation holds; 1 an expectation fails; 2 an input error; 3 a bound left a"
                + " verdict UNKNOWN. Hazards never change the exit code."},
        footer = {"", "Examples:", "  stalecheck check examples/kvm-invalidate.scn",
            "  stalecheck check --json examples/kvm-flush.scn", "  stalecheck check --max-states 100000 examples/",
            "  stalecheck check --html kvm.html examples/kvm-invalidate.scn",
            "  stalecheck check --junit results.xml examples/seed/"})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Scenario files or directories.")
    private List<Path> inputs;

    @CommandLine.Option(names = "--json", description = "One JSON object per scenario (JSON Lines for several).")
    private boolean json;

    @CommandLine.Option(names = "--max-states", paramLabel = "N",
            description = "Stop after storing N distinct states (verdicts not yet decided become UNKNOWN).")
    private long maxStates = Long.MAX_VALUE;

    @CommandLine.Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Stop after this many seconds of search per scenario (open verdicts become UNKNOWN).")
    private double timeoutSeconds;

    @CommandLine.Option(names = "--audit-fingerprints",
            description = "Keep every state in full to prove that no two distinct states shared a fingerprint"
                    + " (without it the guarantee is probabilistic).")
    private boolean audit;

    @CommandLine.Option(names = "--workers", paramLabel = "N",
            description = "Threads that expand states (default: one per core). Results, counts and"
                    + " counterexamples are the same for every N (unless --timeout cuts the search).")
    private int workers = Math.min(256, Bounds.defaultWorkers());

    @CommandLine.Option(names = "--memory", paramLabel = "MB", description = "Heap the search may fill (default and"
            + " at most: the JVM's, -Xmx). When its live data reaches this the search stops and open verdicts become"
            + " UNKNOWN. Past a share of it, the visited set and the counterexample log move to files (--spill-dir).")
    private long memoryMb;

    @CommandLine.Option(names = "--spill-dir", paramLabel = "DIR", description = "Where the search spills what does"
            + " not stay on the heap (default: the system's temporary directory). The files are deleted at once and"
            + " vanish with the process.")
    private Path spillDir;

    @CommandLine.Option(names = "--spill-after", paramLabel = "STATES", hidden = true,
            description = "Spill the visited set and log after this many states (tests; default from --memory).")
    private long spillAfter = -1;

    @CommandLine.Option(names = "--no-sleep-sets", description = "Try every transition from every state (for"
            + " comparison: the results are the same; only the number of transitions tried grows).")
    private boolean noSleepSets;

    @CommandLine.Option(names = "--full", description = "Explore every state even when every verdict is already"
            + " decided (by default the search then stops after " + ScenarioCheck.DEFAULT_DECIDED_BUDGET
            + " stored states, so the outcome table of a large failing scenario may be partial).")
    private boolean full;

    @CommandLine.Option(names = "--no-probes", description = "Do not try the program-order execution and seeded"
            + " random executions before the search (they find easy failures at once).")
    private boolean noProbes;

    @CommandLine.Option(names = "--no-partial-order", description = "Try every hardware event from every state, also"
            + " where one thread alone may run and its next operation touches one known block (for comparison: the"
            + " verdicts, final outcomes and shortest counterexample lengths are the same; states grow).")
    private boolean noPartialOrder;

    @CommandLine.Option(names = "--no-dead-lines", description = "Keep clean lines that nothing can read any more as"
            + " part of the state, and offer every speculative fill of them (for comparison: the verdicts, final"
            + " outcomes and hazards are the same; states and transitions grow).")
    private boolean noDeadLines;

    @CommandLine.Option(names = "--no-table-reach", description = "Count every operation through a page table as able"
            + " to touch any line, so that no line is dead while a thread in a page table runs, and keep every clean"
            + " copy of a page-table line (for comparison: the verdicts, final outcomes and hazards are the same;"
            + " states and transitions grow).")
    private boolean noTableReach;

    @CommandLine.Option(names = "--no-table-partial-order", description = "With page tables, try every hardware"
            + " event from every state (for comparison: the same verdicts, outcomes and shortest lengths; more states).")
    private boolean noTablePartialOrder;

    @CommandLine.Option(names = "--no-static-tlb", description = "Count TLB entries no walk can change as part of a"
            + " state (for comparison: the same verdicts, outcomes and counterexamples; more states).")
    private boolean noStaticTlb;

    @CommandLine.Option(names = "--timing", description = "With --json: add the search's wall time (\"elapsed_ms\""
            + " in \"search\"), which makes the output differ from run to run.")
    private boolean timing;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "No progress line.")
    private boolean quiet;

    @CommandLine.Option(names = "--junit", paramLabel = "OUT.xml", description = "Also write a JUnit XML report"
            + " (one test case per condition; FAILS is a failure carrying the counterexample) for CI dashboards.")
    private java.nio.file.Path junit;

    @CommandLine.Option(names = "--html", paramLabel = "OUT.html", description = "Also write a self-contained HTML"
            + " page that steps through each counterexample and witness (one scenario only).")
    private java.nio.file.Path html;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxStates < 1 || timeoutSeconds < 0 || workers < 1 || workers > 256 || memoryMb < 0) {
            err.println("stalecheck: --max-states and --workers must be at least 1 (--workers at most 256)"
                    + " and --timeout and --memory not negative");
            return 2;
        }
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                int before = files.size();
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".scn") && Files.isRegularFile(f)).sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    err.println("stalecheck: cannot list " + p + ": " + FileProblem.reason(e));
                    return 2;
                }
                if (files.size() == before) {
                    err.println("stalecheck: " + p + " holds no .scn file (a directory is checked file by file, not"
                            + " recursively)");
                    return 2;
                }
            } else {
                files.add(p);
            }
        }
        boolean single = files.size() == 1;
        if (html != null && !single) {
            err.println("stalecheck: --html takes exactly one scenario file");
            return 2;
        }
        int exit = 0;
        boolean inputError = false;
        boolean failed = false;
        boolean unknown = false;
        Bounds bounds = bounds();
        JunitReport junitReport = new JunitReport();
        for (Path f : files) {
            Scenario scenario;
            try {
                scenario = ScenarioLoader.loadToCheck(f, f.toString());
            } catch (ScenarioException e) {
                inputError = true;
                junitReport.addError(f.toString(), e.getMessage());
                if (json && !single) {
                    out.println(JsonReport.error(f.toString(), e.getMessage()));
                } else {
                    err.println(e.getMessage());
                }
                continue;
            }
            Progress progress = new Progress(quiet || System.console() == null, maxStates, err);
            ScenarioCheck check = new ScenarioCheck(scenario, bounds, progress::update,
                    new Reductions(!noSleepSets, !noDeadLines, !noPartialOrder, !noTableReach,
                            !noTablePartialOrder, !noStaticTlb)).probes(!noProbes)
                    .decidedBudget(full ? Long.MAX_VALUE : ScenarioCheck.DEFAULT_DECIDED_BUDGET);
            ScenarioResult result;
            try {
                result = check.check();
            } catch (OutOfMemoryError | InternalError e) {
                progress.close();
                unknown = true;
                String message = f + (e instanceof OutOfMemoryError ? ": the search ran out of memory ("
                        : ": the search's spill files failed, is the disk under --spill-dir full? (")
                        + e.getMessage() + "); " + TextReport.MEMORY_HINT;
                if (json && !single) {
                    out.println(JsonReport.error(f.toString(), message));
                } else {
                    err.println("stalecheck: " + message);
                }
                continue;
            }
            progress.close();
            if (result.search().cut() == CutReason.MEMORY && (json || !single)) {
                err.println("stalecheck: " + f + ": " + TextReport.stopped(result.search()));
            }
            if (html != null) {
                try {
                    Files.writeString(html, dev.stalecheck.report.HtmlReport.render(result));
                } catch (IOException e) {
                    err.println("stalecheck: cannot write " + html + ": " + FileProblem.reason(e));
                    return 2;
                }
            }
            junitReport.add(result);
            failed |= result.exitCode() == 1;
            unknown |= result.exitCode() == 3;
            if (json) {
                out.println(JsonReport.render(result, timing));
            } else if (single) {
                new TextReport(out).print(result);
                out.println();
                out.println(TextReport.statistics(result.search()));
                if (SearchAdvice.worthExplaining(result.search())) {
                    out.println();
                    SearchAdvice.explain(result.search(), SearchAdvice.levelsUsed(scenario.machine().program()))
                            .forEach(out::println);
                }
            } else {
                out.println(TextReport.summary(result));
            }
        }
        out.flush();
        if (junit != null) {
            try {
                Files.writeString(junit, junitReport.render());
            } catch (IOException e) {
                err.println("stalecheck: cannot write " + junit + ": " + FileProblem.reason(e));
                return 2;
            }
        }
        exit = inputError ? 2 : failed ? 1 : unknown ? 3 : 0;
        return exit;
    }

    /** The search's limits as the options give them (a timeout in seconds rounds up to whole milliseconds). */
    Bounds bounds() {
        return new Bounds(maxStates, (long) Math.ceil(timeoutSeconds * 1000), audit, workers, memory());
    }

    private SearchMemory memory() {
        SearchMemory d = SearchMemory.defaults();
        long budget = memoryMb > 0 ? Math.min(d.budgetBytes(), memoryMb << 20) : d.budgetBytes();
        return new SearchMemory(budget, spillAfter, spillDir != null ? spillDir : d.spillDir());
    }
}
