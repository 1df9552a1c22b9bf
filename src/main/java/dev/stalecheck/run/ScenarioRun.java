package dev.stalecheck.run;

import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.TraceBuilder;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.scenario.Condition;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.Term;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code stalecheck run}: one execution of a scenario, with its conditions evaluated on that execution. */
public final class ScenarioRun {
    private ScenarioRun() {
    }

    /** Runs {@code scenario} once and grades its conditions on the final state. */
    public static ScenarioResult run(Scenario scenario) {
        MachineState start = scenario.machine().initialState();
        dev.stalecheck.machine.CostAccount account =
                new dev.stalecheck.machine.CostAccount(scenario.machine().topology().size());
        List<Outcome> outcomes = new SingleExecution(scenario.machine()).run(account);
        MachineState end = outcomes.isEmpty() ? start : outcomes.get(outcomes.size() - 1).next();
        List<TraceStep> trace = new TraceBuilder(scenario.machine()).steps(start, outcomes);

        List<ConditionResult> results = new ArrayList<>();
        for (Condition c : scenario.conditions()) {
            boolean holds = c.holds(end);
            Verdict v = c.kind().existential()
                    ? (holds ? Verdict.REACHABLE : Verdict.UNREACHABLE)
                    : (holds ? Verdict.HOLDS : Verdict.FAILS);
            boolean showTrace = v == Verdict.FAILS || v == Verdict.REACHABLE;
            results.add(new ConditionResult(c.kind().resultKind(), c.kind().keyword(), c.text(), v, holds ? 1 : 0,
                    showTrace ? trace : List.of()));
        }
        List<String> values = new ArrayList<>();
        for (Term t : scenario.outcomeTerms()) {
            values.add(t.value(end).describe());
        }
        return new ScenarioResult(scenario.name(), scenario.file(), scenario.doc(), scenario.config().name(), "run", true,
                scenario.explore().restrictions(), outcomes.size() + 1L, 1, results,
                scenario.outcomeTerms().stream().map(Term::text).toList(), List.of(new OutcomeRow(values, 1)),
                hazards(trace), trace, scenario.warnings(), registers(scenario, end),
                dev.stalecheck.result.MachineLayout.of(scenario.machine()), threadNames(scenario),
                costReport(scenario, account), null);
    }

    /**
     * The account with cycles: each demand or maintenance lookup at its level's hit latency, each line read from and
     * word written to memory at memory's, each set/way slot and barrier at the table's cost (docs/cost.md).
     */
    static dev.stalecheck.result.CostReport costReport(Scenario scenario, dev.stalecheck.machine.CostAccount a) {
        var config = scenario.config();
        var latency = dev.stalecheck.cost.LatencyTable.defaults(config);
        List<dev.stalecheck.result.CostReport.Row> rows = new ArrayList<>();
        long cycles = 0;
        for (var c : scenario.machine().topology().instances()) {
            var l = a.level(c.id());
            rows.add(new dev.stalecheck.result.CostReport.Row(c.name(), l.lookups(), l.hits(), l.misses(), l.fills(),
                    l.writeBacks(), l.writeBackBytes(), l.maintenanceLookups()));
            long hit = c.depth() == 1 ? 4 : c.depth() == 2 ? 20 : 40;
            cycles += (l.lookups() + l.maintenanceLookups()) * hit;
        }
        cycles += (a.memoryLineReads() + a.memoryWrites()) * latency.memoryCycles();
        cycles += a.barriers() * latency.barrierCycles();
        return new dev.stalecheck.result.CostReport(rows, a.memoryLineReads(), a.memoryWrites(),
                new java.util.TreeMap<>(a.maintenance()), a.barriers(), cycles);
    }

    /** The threads' names in file order. */
    public static List<String> threadNames(Scenario scenario) {
        return scenario.machine().program().threads().stream().map(t -> t.name()).toList();
    }

    /** Each thread's registers at the end of the execution. */
    private static List<String> registers(Scenario scenario, MachineState end) {
        List<String> out = new ArrayList<>();
        var threads = scenario.machine().program().threads();
        for (int t = 0; t < threads.size(); t++) {
            StringBuilder b = new StringBuilder(threads.get(t).name()).append(':');
            List<String> names = threads.get(t).registers();
            if (names.isEmpty()) {
                b.append(" (no registers)");
            }
            for (int i = 0; i < names.size(); i++) {
                b.append(i == 0 ? " " : ", ").append(names.get(i)).append(" = ")
                        .append(end.thread(t).registers().get(i).describe());
            }
            out.add(b.toString());
        }
        return out;
    }

    /** One entry per (kind, where, line), with the execution up to the step that first showed it; sorted. */
    static List<HazardResult> hazards(List<TraceStep> trace) {
        Map<String, HazardResult> first = new LinkedHashMap<>();
        for (int i = 0; i < trace.size(); i++) {
            for (Effect e : trace.get(i).effects()) {
                if (e instanceof Effect.Hazard h) {
                    String key = h.kind().word() + "|" + h.where() + "|" + h.physicalAddress();
                    first.putIfAbsent(key, new HazardResult(h.kind().word(), h.where(), h.physicalAddress(), h.detail(),
                            trace.subList(0, i + 1)));
                }
            }
        }
        List<HazardResult> out = new ArrayList<>(first.values());
        out.sort(Comparator.comparing(HazardResult::kind).thenComparing(HazardResult::where)
                .thenComparing(HazardResult::line, Long::compareUnsigned));
        return out;
    }
}
