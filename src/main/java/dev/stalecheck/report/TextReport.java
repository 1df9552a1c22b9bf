package dev.stalecheck.report;

import dev.stalecheck.machine.Effect;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.ScenarioResult;
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
        out.println("scenario \"" + r.scenario() + "\"  (" + r.file() + ", machine " + r.machine() + ")");
        if (!r.doc().isEmpty()) {
            out.println("  " + r.doc());
        }
        for (String w : r.warnings()) {
            out.println("warning: " + w);
        }
        if (r.mode().equals("run")) {
            out.println();
            out.println("execution (run: threads in file order as 'after' allows, LRU victims, no spontaneous"
                    + " hardware events, every 'any' takes its first value):");
            printTrace(r.trace());
            out.println();
            out.println("final registers:");
            r.finalRegisters().forEach(line -> out.println("  " + line));
            if (r.cost() != null) {
                printCost(r.cost());
            }
        }
        out.println();
        out.println(r.mode().equals("run") ? "conditions on this execution:" : "verdicts:");
        String suffix = r.restrictions().isEmpty() ? "" : " (" + String.join(", ", r.restrictions().stream()
                .map(s -> s + " off").toList()) + ")";
        for (ConditionResult c : r.results()) {
            String count = r.mode().equals("run") ? "" : c.kind().equals("exists")
                    ? "  (" + c.witnesses() + " of " + r.finalOutcomes() + " final outcomes satisfy it)"
                    : "  (" + (r.finalOutcomes() - c.witnesses()) + " failing of " + r.finalOutcomes() + " final outcomes)";
            out.println("  " + c.keyword() + " " + (c.keyword().equals("~exists") ? c.condition().substring(2,
                    c.condition().length() - 1) : c.condition()) + "   " + c.verdict() + suffix + count);
        }
        if (!r.terms().isEmpty()) {
            out.println();
            out.println(r.mode().equals("run") ? "final values:" : "final outcomes:");
            for (OutcomeRow row : r.outcomes()) {
                StringBuilder b = new StringBuilder("  ");
                for (int i = 0; i < r.terms().size(); i++) {
                    b.append(i == 0 ? "" : "  ").append(r.terms().get(i)).append(" = ").append(row.values().get(i));
                }
                if (!r.mode().equals("run")) {
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
        if (r.mode().equals("check")) {
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
