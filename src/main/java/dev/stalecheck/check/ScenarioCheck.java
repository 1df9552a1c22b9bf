package dev.stalecheck.check;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Exploration;
import dev.stalecheck.explore.Explorer;
import dev.stalecheck.explore.Probes;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.explore.SearchListener;
import dev.stalecheck.explore.SearchProgress;
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
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code stalecheck check}: explores every execution of a scenario and grades its conditions over the distinct
 * final outcomes (collect, then grade, then print: the printers see only the {@link ScenarioResult}).
 */
public final class ScenarioCheck {
    private final Scenario scenario;
    private final Bounds bounds;
    private final Consumer<SearchProgress> progress;
    private final Reductions reductions;
    private Exploration exploration;
    private boolean probes = true;
    private long decidedBudget = DEFAULT_DECIDED_BUDGET;

    /**
     * Once every verdict is decided, the search goes on for the outcome table only until it has stored this many
     * states (small searches still finish, and print what they always printed).
     */
    public static final long DEFAULT_DECIDED_BUDGET = 100_000;

    /** Probe executions tried before the search ({@link Probes}), and their step budget. */
    private static final int RANDOM_PROBES = 64;
    private static final int PROBE_STEPS = 4_000;

    /** A check of {@code scenario} within {@code bounds}, reporting the search's progress to {@code progress}. */
    public ScenarioCheck(Scenario scenario, Bounds bounds, Consumer<SearchProgress> progress) {
        this(scenario, bounds, progress, true);
    }

    /**
     * The same check, with or without the search's sleep sets: they change how many transitions are tried, nothing
     * in the result.
     */
    public ScenarioCheck(Scenario scenario, Bounds bounds, Consumer<SearchProgress> progress, boolean sleepSets) {
        this(scenario, bounds, progress, new Reductions(sleepSets, true));
    }

    /** The same check with the given reductions of the search ({@link Reductions}). */
    public ScenarioCheck(Scenario scenario, Bounds bounds, Consumer<SearchProgress> progress, Reductions reductions) {
        this.scenario = scenario;
        this.bounds = bounds;
        this.progress = progress;
        this.reductions = reductions;
    }

    /** Turns the probes before the search on or off (on by default); returns this check. */
    public ScenarioCheck probes(boolean on) {
        this.probes = on;
        return this;
    }

    /**
     * Once every verdict is decided, stop after {@code states} stored states ({@link Long#MAX_VALUE}: explore
     * everything, for the complete outcome table); returns this check.
     */
    public ScenarioCheck decidedBudget(long states) {
        this.decidedBudget = states;
        return this;
    }

    /** The search statistics of the last {@link #check()}. */
    public Exploration exploration() {
        return exploration;
    }

    /** Explores and grades. */
    public ScenarioResult check() {
        List<Condition> conditions = scenario.conditions();
        List<Term> terms = scenario.outcomeTerms();
        Explorer explorer = new Explorer(scenario.machine(), scenario.explore(), bounds, reductions);
        Collector c = new Collector(conditions, terms);
        Probes prober = new Probes(scenario.machine(), scenario.explore());
        Probes.Execution[] probed = probes && !conditions.isEmpty() ? probe(prober, conditions)
                : new Probes.Execution[conditions.size()];
        for (int i = 0; i < probed.length; i++) {
            c.decidedByProbe[i] = probed[i] != null;
        }
        exploration = explorer.explore(c);
        for (Probes.Execution x : probed) {
            if (x != null) {
                c.finalState(-1, x.end());
            }
        }
        int fullyExplored = exploration.complete() ? Integer.MAX_VALUE : exploration.stats().depth() - 1;
        TraceBuilder traces = new TraceBuilder(scenario.machine());
        MachineState initial = scenario.machine().initialState();

        List<ConditionResult> results = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition cond = conditions.get(i);
            boolean exists = cond.kind().existential();
            int decisive = c.decisive[i];
            Verdict v;
            if (exists) {
                v = decisive >= 0 ? Verdict.REACHABLE : exploration.complete() ? Verdict.UNREACHABLE : Verdict.UNKNOWN;
            } else {
                v = decisive >= 0 ? Verdict.FAILS : exploration.complete() ? Verdict.HOLDS : Verdict.UNKNOWN;
            }
            List<TraceStep> trace = decisive >= 0 ? traces.steps(initial, explorer.executionTo(decisive)) : List.of();
            boolean shortest = true;
            if (decisive < 0 && probed[i] != null) {
                v = exists ? Verdict.REACHABLE : Verdict.FAILS;
                trace = traces.steps(initial, prober.replay(probed[i]));
                shortest = probed[i].length() <= Math.max(prober.fewestSteps(), fullyExplored + 1);
            }
            results.add(new ConditionResult(cond.kind().resultKind(), cond.kind().keyword(), cond.text(), v,
                    (int) c.witnesses[i], trace, shortest));
        }
        List<HazardResult> hazards = new ArrayList<>();
        for (Map.Entry<String, int[]> h : c.hazards.entrySet()) {
            int[] at = h.getValue();
            List<TraceStep> trace = traces.steps(initial, explorer.executionThrough(at[0], at[1], at[2]));
            Effect.Hazard effect = c.hazardEffects.get(h.getKey());
            hazards.add(new HazardResult(effect.kind().word(), effect.where(), effect.physicalAddress(), effect.detail(),
                    trace));
        }
        hazards.sort(Comparator.comparing(HazardResult::kind).thenComparing(HazardResult::where)
                .thenComparing(HazardResult::line, Long::compareUnsigned));
        List<OutcomeRow> rows = new ArrayList<>();
        c.table.forEach((values, count) -> rows.add(new OutcomeRow(values, count)));
        sortRows(rows);
        explorer.close();
        return new ScenarioResult(scenario.name(), scenario.file(), scenario.doc(), scenario.config().name(), "check",
                exploration.complete(), scenario.explore().restrictions(), exploration.states(), c.outcomes.size(),
                results, terms.stream().map(Term::text).toList(), rows, hazards, List.of(), scenario.warnings(),
                List.of(), dev.stalecheck.result.MachineLayout.of(scenario.machine()),
                dev.stalecheck.run.ScenarioRun.threadNames(scenario), null, exploration.stats());
    }

    /** Runs the probes: per condition, an execution to a final state that decides it, or null. */
    private static Probes.Execution[] probe(Probes prober, List<Condition> conditions) {
        List<Predicate<MachineState>> goals = new ArrayList<>();
        for (Condition cond : conditions) {
            boolean exists = cond.kind().existential();
            goals.add(s -> cond.holds(s) == exists);
        }
        return prober.find(goals, RANDOM_PROBES, PROBE_STEPS);
    }

    /** Sorts rows by their values, numbers ascending (unsigned), {@code fault} after every number. */
    static void sortRows(List<OutcomeRow> rows) {
        List<SortableRow> keyed = new ArrayList<>(rows.size());
        for (OutcomeRow r : rows) {
            keyed.add(SortableRow.of(r));
        }
        keyed.sort(SortableRow::compareTo);
        rows.clear();
        for (SortableRow k : keyed) {
            rows.add(k.row());
        }
    }

    /** A row with its values parsed once for sorting: a fault sorts after every number. */
    private record SortableRow(OutcomeRow row, long[] numbers, boolean[] faults) implements Comparable<SortableRow> {
        static SortableRow of(OutcomeRow r) {
            int n = r.values().size();
            long[] numbers = new long[n];
            boolean[] faults = new boolean[n];
            for (int i = 0; i < n; i++) {
                String v = r.values().get(i);
                faults[i] = v.equals("fault");
                numbers[i] = faults[i] ? 0 : Long.parseUnsignedLong(v.substring(2), 16);
            }
            return new SortableRow(r, numbers, faults);
        }

        @Override
        public int compareTo(SortableRow o) {
            for (int i = 0; i < numbers.length; i++) {
                int c = faults[i] != o.faults[i] ? Boolean.compare(faults[i], o.faults[i])
                        : Long.compareUnsigned(numbers[i], o.numbers[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    /** Gathers outcomes, witnesses and hazards while the search runs. */
    private final class Collector implements SearchListener {
        private final List<Condition> conditions;
        private final List<Term> terms;
        private final LongOpenHashSet outcomes = new LongOpenHashSet();
        private final long[] witnesses;
        private final int[] decisive;
        private final Map<List<String>, Long> table = new HashMap<>();
        private final Map<String, int[]> hazards = new LinkedHashMap<>();
        private final Map<String, Effect.Hazard> hazardEffects = new HashMap<>();
        /** Per condition: decided by a probe before the search started. */
        private final boolean[] decidedByProbe;

        Collector(List<Condition> conditions, List<Term> terms) {
            this.decidedByProbe = new boolean[conditions.size()];
            this.conditions = conditions;
            this.terms = terms;
            this.witnesses = new long[conditions.size()];
            this.decisive = new int[conditions.size()];
            Arrays.fill(decisive, -1);
        }

        @Override
        public void finalState(int stateId, MachineState state) {
            if (!outcomes.add(OutcomeKey.of(scenario.machine(), state))) {
                return;
            }
            for (int i = 0; i < conditions.size(); i++) {
                Condition c = conditions.get(i);
                boolean holds = c.holds(state);
                if (holds) {
                    witnesses[i]++;
                }
                boolean exists = c.kind().existential();
                if (decisive[i] < 0 && (exists == holds) && stateId >= 0) {
                    decisive[i] = stateId;
                }
            }
            List<String> values = new ArrayList<>(terms.size());
            for (Term t : terms) {
                values.add(t.value(state).describe());
            }
            table.merge(values, 1L, Long::sum);
        }

        @Override
        public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
            for (Effect e : outcome.effects()) {
                if (e instanceof Effect.Hazard h) {
                    String key = h.kind().word() + "|" + h.where() + "|" + h.physicalAddress();
                    if (!hazards.containsKey(key)) {
                        hazards.put(key, new int[] {parentId, eventIndex, outcomeIndex});
                        hazardEffects.put(key, h);
                    }
                }
            }
        }

        /** Every verdict decided (by the search or a probe) and the budget for the outcome table spent. */
        @Override
        public boolean enough(long states) {
            if (states < decidedBudget) {
                return false;
            }
            for (int i = 0; i < decisive.length; i++) {
                if (decisive[i] < 0 && !decidedByProbe[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void progress(SearchProgress p) {
            if (progress != null) {
                progress.accept(p);
            }
        }
    }
}
