package dev.stalecheck.check;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Explorer;
import dev.stalecheck.explore.Probes;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.explore.SearchListener;
import dev.stalecheck.explore.SearchProgress;
import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.program.Value;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.Mode;
import dev.stalecheck.result.OutcomeTable;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.SearchStats;
import dev.stalecheck.result.TraceBuilder;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.scenario.Condition;
import dev.stalecheck.scenario.Scenario;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private SearchStats exploration;
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
    public SearchStats exploration() {
        return exploration;
    }

    /** Explores and grades. */
    public ScenarioResult check() {
        List<Condition> conditions = scenario.conditions();
        Grader grader = new Grader(scenario);
        Explorer explorer = new Explorer(scenario.machine(), scenario.explore(), bounds, reductions);
        Collector c = new Collector(conditions, grader);
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
        int fullyExplored = exploration.isComplete() ? Integer.MAX_VALUE : exploration.depth() - 1;
        TraceBuilder traces = new TraceBuilder(scenario.machine());
        MachineState initial = scenario.machine().initialState();

        List<ConditionResult> results = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            int decisive = c.decisive[i];
            List<TraceStep> trace = decisive >= 0 ? traces.steps(initial, explorer.executionTo(decisive)) : List.of();
            boolean shortest = true;
            if (decisive < 0 && probed[i] != null) {
                trace = traces.steps(initial, prober.replay(probed[i]));
                shortest = probed[i].length() <= Math.max(prober.fewestSteps(), fullyExplored + 1);
            }
            results.add(Grader.result(conditions.get(i), decisive >= 0 || probed[i] != null,
                    exploration.isComplete(), c.witnesses[i], trace, shortest));
        }
        List<HazardResult> hazards = new ArrayList<>();
        for (FirstHazard h : c.hazards.values()) {
            hazards.add(HazardResult.of(h.effect(),
                    traces.steps(initial, explorer.executionThrough(h.parent(), h.event(), h.outcome()))));
        }
        hazards.sort(HazardResult.ORDER);
        explorer.close();
        return new ScenarioResult(grader.info(), Mode.CHECK, exploration.states(), results,
                OutcomeTable.of(grader.terms(), c.table, c.outcomes.size()), hazards, null, exploration);
    }

    /**
     * The first transition that showed a hazard: from state {@code parent} by its event and outcome indexes.
     *
     * @param effect  the hazard as the transition showed it
     * @param parent  the state the transition left
     * @param event   the event's index among the state's successors
     * @param outcome the outcome's index among the event's outcomes
     */
    private record FirstHazard(Effect.Hazard effect, int parent, int event, int outcome) {
    }

    /** Runs the probes: per condition, an execution to a final state that decides it, or null. */
    private static Probes.Execution[] probe(Probes prober, List<Condition> conditions) {
        List<Predicate<MachineState>> goals = new ArrayList<>();
        for (Condition cond : conditions) {
            goals.add(s -> Grader.decides(cond, s));
        }
        return prober.find(goals, RANDOM_PROBES, PROBE_STEPS);
    }

    /** Gathers outcomes, witnesses and hazards while the search runs. */
    private final class Collector implements SearchListener {
        private final List<Condition> conditions;
        private final Grader grader;
        /** The distinct final outcomes, each by its full value (no two distinct ones can merge). */
        private final Set<OutcomeKey> outcomes = new HashSet<>();
        private final long[] witnesses;
        private final int[] decisive;
        private final Map<List<Value>, Long> table = new HashMap<>();
        private final Map<HazardResult.Key, FirstHazard> hazards = new LinkedHashMap<>();
        /** Per condition: decided by a probe before the search started. */
        private final boolean[] decidedByProbe;

        Collector(List<Condition> conditions, Grader grader) {
            this.decidedByProbe = new boolean[conditions.size()];
            this.conditions = conditions;
            this.grader = grader;
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
                if (c.holds(state)) {
                    witnesses[i]++;
                }
                if (decisive[i] < 0 && Grader.decides(c, state) && stateId >= 0) {
                    decisive[i] = stateId;
                }
            }
            table.merge(grader.outcome(state), 1L, Long::sum);
        }

        @Override
        public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
            for (Effect e : outcome.effects()) {
                if (e instanceof Effect.Hazard h) {
                    hazards.putIfAbsent(HazardResult.Key.of(h), new FirstHazard(h, parentId, eventIndex, outcomeIndex));
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
