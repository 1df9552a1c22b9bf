package dev.stalecheck.report;

import dev.stalecheck.machine.Effect;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.Mode;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.ScenarioInfo;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.SearchStats;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.util.Hex;
import java.io.PrintWriter;
import java.util.List;

/** Prints a {@link ScenarioResult} as text for a person. */
public final class TextReport {
    private final PrintWriter out;

    /** A printer writing to {@code out}. */
    public TextReport(PrintWriter out) {
        this.out = out;
    }

    /** The full report of one scenario. */
    public void print(ScenarioResult r) {
        ScenarioInfo info = r.scenario();
        out.println("scenario \"" + info.name() + "\"  (" + info.file() + ", machine " + info.machine() + ")");
        if (!info.doc().isEmpty()) {
            out.println("  " + info.doc());
        }
        for (String w : info.warnings()) {
            out.println("warning: " + w);
        }
        boolean run = r.mode() == Mode.RUN;
        if (run) {
            out.println();
            out.println("execution (run: threads in file order as 'after' allows, LRU victims, no spontaneous"
                    + " hardware events, every 'any' takes its first value):");
            printTrace(r.execution().trace());
            out.println();
            out.println("final registers:");
            r.execution().finalRegisters().forEach(line -> out.println("  " + line));
            if (r.execution().cost() != null) {
                printCost(r.execution().cost());
            }
        }
        out.println();
        out.println(run ? "conditions on this execution:" : "verdicts:");
        String suffix = restrictionSuffix(info);
        long finals = r.outcomes().finalOutcomes();
        for (ConditionResult c : r.results()) {
            String count = run ? "" : c.kind().equals("exists")
                    ? "  (" + c.witnesses() + " of " + finalOutcomes(finals) + " satisfy it)"
                    : "  (" + (finals - c.witnesses()) + " failing of " + finalOutcomes(finals) + ")";
            out.println("  " + c.keyword() + " " + shownCondition(c) + "   " + c.verdict() + suffix + count);
        }
        List<String> terms = r.outcomes().terms();
        if (!terms.isEmpty()) {
            out.println();
            out.println(run ? "final values:" : "final outcomes:");
            for (OutcomeRow row : r.outcomes().rows()) {
                StringBuilder b = new StringBuilder("  ");
                for (int i = 0; i < terms.size(); i++) {
                    b.append(i == 0 ? "" : "  ").append(terms.get(i)).append(" = ").append(row.values().get(i).describe());
                }
                if (!run) {
                    b.append("   x").append(row.count());
                }
                out.println(b);
            }
        }
        out.println();
        if (r.hazards().isEmpty()) {
            out.println("hazards: none");
        } else {
            out.println("hazards:");
            for (HazardResult h : r.hazards()) {
                out.println("  " + h.kind() + " at " + h.where() + " (line " + Hex.of(h.line()) + "): " + h.detail()
                        + " [step " + h.trace().size() + "]");
            }
        }
        if (r.mode() == Mode.CHECK) {
            for (ConditionResult c : r.results()) {
                if (c.verdict() == Verdict.FAILS || c.verdict() == Verdict.REACHABLE) {
                    out.println();
                    String what = c.verdict() == Verdict.FAILS ? "execution breaking: " : "witness for: ";
                    out.println((c.shortest() ? (c.verdict() == Verdict.FAILS ? "shortest " : "") + what
                            : what.replace(":", " (found by a probe; not proven shortest):")) + c.condition());
                    printTrace(c.trace());
                }
            }
        }
        out.flush();
    }

    private void printCost(dev.stalecheck.result.CostReport c) {
        out.println();
        out.println("cost account (cycles are a model: docs/cost.md):");
        out.printf("  %-10s %8s %8s %8s %8s %11s %12s%n", "cache", "lookups", "hits", "misses", "fills", "write-backs",
                "maint. lines");
        for (var row : c.levels()) {
            out.printf("  %-10s %8d %8d %8d %8d %11d %12d%n", row.cache(), row.lookups(), row.hits(), row.misses(),
                    row.fills(), row.writeBacks(), row.maintenanceLookups());
        }
        out.println("  memory: " + c.memoryLineReads() + " line reads, " + c.memoryWrites() + " writes; "
                + "barriers: " + c.barriers() + (c.maintenance().isEmpty() ? "" : "; maintenance: " + c.maintenance()));
        out.println("  estimated cycles: " + c.cycles());
    }

    /** What a user can do about a search that outgrew its memory. */
    public static final String MEMORY_HINT = "raise --memory or the JVM heap (-Xmx through STALECHECK_JAVA_OPTS), or"
            + " restrict the scenario";

    /** The line that says a search was stopped by its memory budget, and why. */
    public static String stopped(SearchStats s) {
        return String.format("search stopped: %s after %,d states (%s)", s.stopReason(), s.states(), MEMORY_HINT);
    }

    /** The search's statistics below a single scenario's report: size, time, completeness, fingerprints, spill. */
    public static String statistics(SearchStats s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("explored %d states and %d transitions in %d ms", s.states(), s.transitions(),
                s.elapsedMillis()));
        b.append(s.isComplete() ? "; every execution of the model"
                : s.cut() == CutReason.DECIDED ? "; stopped once every verdict was decided (--full explores the rest,"
                + " for the complete outcome table)" : "; cut short by " + s.cut().word());
        b.append(String.format("; fingerprint collision probability below %.1e",
                Math.max(s.fingerprints().collisionProbability(), 1e-300)));
        if (s.fingerprints().audited()) {
            b.append("; audit: ").append(s.fingerprints().auditedCollisions()).append(" collisions");
        }
        SearchStats.Spill spill = s.spill();
        if (spill.any()) {
            b.append(String.format("%nspilled %s of the visited set and %s of the state log to files in %s",
                    size(spill.visitedBytes()), size(spill.logBytes()), spill.dir()));
        }
        if (s.cut() == CutReason.MEMORY) {
            b.append(System.lineSeparator()).append(stopped(s));
        }
        return b.toString();
    }

    private static String size(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GB", bytes / (double) (1L << 30));
        }
        return bytes >= 1L << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " KB";
    }

    /**
     * One line for a scenario among several: each condition with its verdict (and the search's restrictions, as
     * the full report names them), states, final outcomes, hazards and any cut.
     */
    public static String summary(ScenarioResult r) {
        StringBuilder b = new StringBuilder(r.scenario().file()).append(": \"").append(r.scenario().name())
                .append("\":");
        String restricted = restrictionSuffix(r.scenario());
        for (int i = 0; i < r.results().size(); i++) {
            ConditionResult c = r.results().get(i);
            b.append(i == 0 ? " " : "; ").append(c.keyword()).append(' ').append(shownCondition(c)).append(' ')
                    .append(c.verdict()).append(restricted);
        }
        if (r.results().isEmpty()) {
            b.append(" no conditions");
        }
        b.append(" (").append(r.states()).append(" states, ").append(finalOutcomes(r.outcomes().finalOutcomes()));
        if (!r.hazards().isEmpty()) {
            b.append(", ").append(r.hazards().size()).append(" hazard").append(r.hazards().size() == 1 ? "" : "s");
        }
        b.append(')');
        if (r.search().isCut()) {
            b.append(" (cut: ").append(r.search().cut().word()).append(')');
        }
        return b.toString();
    }

    /** "1 final outcome", "3 final outcomes". */
    static String finalOutcomes(long n) {
        return n + (n == 1 ? " final outcome" : " final outcomes");
    }

    /** The restrictions of the search after a verdict, as " (prefetch off, evictions off)", or "". */
    private static String restrictionSuffix(dev.stalecheck.result.ScenarioInfo info) {
        return info.restrictions().isEmpty() ? "" : " (" + String.join(", ", info.restrictions().stream()
                .map(s -> s + " off").toList()) + ")";
    }

    /** A condition as written: {@code ~exists C} shows C, not the negation it is graded as. */
    private static String shownCondition(ConditionResult c) {
        return c.keyword().equals("~exists") ? c.condition().substring(2, c.condition().length() - 1) : c.condition();
    }

    /** The steps of an execution, each with its choices and effects indented. */
    public void printTrace(List<TraceStep> trace) {
        for (TraceStep s : trace) {
            out.printf("%4d. %s: %s%n", s.number(), s.agent(), s.operation());
            for (String c : s.choices()) {
                out.println("        choice: " + c);
            }
            for (Effect e : s.effects()) {
                out.println("        " + e.describe());
            }
        }
    }
}
