package dev.stalecheck.run;

import dev.stalecheck.check.Grader;
import dev.stalecheck.cost.LatencyTable;
import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.CostReport;
import dev.stalecheck.result.Execution;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.Mode;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.OutcomeTable;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.TraceBuilder;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.scenario.Condition;
import dev.stalecheck.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code stalecheck run}: one execution of a scenario, with its conditions evaluated on that execution. */
public final class ScenarioRun {
    private ScenarioRun() {
    }

    /** Runs {@code scenario} once and grades its conditions on the final state, pricing at the default latencies. */
    public static ScenarioResult run(Scenario scenario) {
        return run(scenario, LatencyTable.defaults(scenario.config()));
    }

    /** Runs {@code scenario} once, prices what it did at {@code latency}, and grades its conditions. */
    public static ScenarioResult run(Scenario scenario, LatencyTable latency) {
        MachineState start = scenario.machine().initialState();
        CostAccount account = new CostAccount(scenario.machine().topology().size());
        List<Outcome> outcomes = new SingleExecution(scenario.machine()).run(account);
        MachineState end = outcomes.isEmpty() ? start : outcomes.get(outcomes.size() - 1).next();
        List<TraceStep> trace = new TraceBuilder(scenario.machine()).steps(start, outcomes);
        Grader grader = new Grader(scenario);

        List<ConditionResult> results = new ArrayList<>();
        for (Condition c : scenario.conditions()) {
            results.add(Grader.result(c, Grader.decides(c, end), true, c.holds(end) ? 1 : 0, trace, true));
        }
        OutcomeTable table = new OutcomeTable(grader.terms(), List.of(new OutcomeRow(grader.outcome(end), 1)), 1);
        Execution execution = new Execution(trace, registers(scenario, end), costReport(scenario, account, latency));
        return new ScenarioResult(grader.info(), Mode.RUN, outcomes.size() + 1L, results, table, hazards(trace),
                execution, null);
    }

    /**
     * The account with cycles: each demand or maintenance lookup at its level's hit latency, each line read from and
     * word written to memory at memory's, each set/way slot and barrier at the table's cost (docs/cost.md).
     */
    static CostReport costReport(Scenario scenario, CostAccount a, LatencyTable latency) {
        var config = scenario.config();
        List<CostReport.Row> rows = new ArrayList<>();
        long cycles = 0;
        for (CacheInstance c : scenario.machine().topology().instances()) {
            var l = a.level(c.id());
            rows.add(new CostReport.Row(c.name(), l.lookups(), l.hits(), l.misses(), l.fills(), l.writeBacks(),
                    l.writeBackBytes(), l.maintenanceLookups()));
            cycles += (l.lookups() + l.maintenanceLookups()) * latency.hitCycles(config, c.level());
        }
        cycles += (a.memoryLineReads() + a.memoryWrites()) * latency.memoryCycles();
        cycles += a.barriers() * latency.barrierCycles();
        return new CostReport(rows, a.memoryLineReads(), a.memoryWrites(), new TreeMap<>(a.maintenance()),
                a.barriers(), cycles);
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

    /** One entry per (kind, where, line), with the execution up to the step that first showed it; in report order. */
    static List<HazardResult> hazards(List<TraceStep> trace) {
        Map<HazardResult.Key, HazardResult> first = new LinkedHashMap<>();
        for (int i = 0; i < trace.size(); i++) {
            for (Effect e : trace.get(i).effects()) {
                if (e instanceof Effect.Hazard h) {
                    first.putIfAbsent(HazardResult.Key.of(h), HazardResult.of(h, trace.subList(0, i + 1)));
                }
            }
        }
        List<HazardResult> out = new ArrayList<>(first.values());
        out.sort(HazardResult.ORDER);
        return out;
    }
}
