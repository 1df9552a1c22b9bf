package dev.stalecheck.check;

import dev.stalecheck.machine.MachineState;
import dev.stalecheck.program.Value;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.MachineLayout;
import dev.stalecheck.result.ScenarioInfo;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.scenario.Condition;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades a scenario's conditions over final states: the one rule that {@code run} (one final state) and
 * {@code check} (every final outcome) share. A final state <em>decides</em> a condition when it satisfies an
 * {@code exists} or breaks an {@code expect}; a decided condition is REACHABLE or FAILS, an undecided one
 * UNREACHABLE or HOLDS when every final state was considered, else UNKNOWN.
 */
public final class Grader {
    private final Scenario scenario;

    /** A grader of {@code scenario}'s conditions. */
    public Grader(Scenario scenario) {
        this.scenario = scenario;
    }

    /** The verdict of an {@code exists} (or an {@code expect}), {@code decided} or not, after a complete search or not. */
    public static Verdict verdict(boolean exists, boolean decided, boolean complete) {
        if (decided) {
            return exists ? Verdict.REACHABLE : Verdict.FAILS;
        }
        if (!complete) {
            return Verdict.UNKNOWN;
        }
        return exists ? Verdict.UNREACHABLE : Verdict.HOLDS;
    }

    /** Whether {@code c} is an {@code exists} (its witnesses decide it) rather than an {@code expect}. */
    public static boolean isExists(Condition c) {
        return c.kind().existential();
    }

    /** Whether final state {@code s} decides {@code c}: satisfies an {@code exists} or breaks an {@code expect}. */
    public static boolean decides(Condition c, MachineState s) {
        return c.holds(s) == isExists(c);
    }

    /**
     * The result of {@code c}: its verdict, the final outcomes that satisfy it, and for a decided condition the
     * execution that decided it ({@code shortest}: whether no shorter one does).
     */
    public static ConditionResult result(Condition c, boolean decided, boolean complete, long witnesses,
                                         List<TraceStep> trace, boolean shortest) {
        return new ConditionResult(c.kind().resultKind(), c.kind().keyword(), c.text(), verdict(isExists(c), decided, complete),
                (int) witnesses, decided ? trace : List.of(), shortest);
    }

    /** The displayed terms' values in final state {@code s}, in term order. */
    public List<Value> outcome(MachineState s) {
        List<Value> values = new ArrayList<>(scenario.outcomeTerms().size());
        for (Term t : scenario.outcomeTerms()) {
            values.add(t.value(s));
        }
        return values;
    }

    /** The displayed terms as written. */
    public List<String> terms() {
        return scenario.outcomeTerms().stream().map(Term::text).toList();
    }

    /** What every result of the scenario says about it. */
    public ScenarioInfo info() {
        return new ScenarioInfo(scenario.name(), scenario.file(), scenario.doc(), scenario.config().name(),
                scenario.explore().restrictions(), scenario.warnings(),
                scenario.machine().program().threads().stream().map(t -> t.name()).toList(),
                MachineLayout.of(scenario.machine()));
    }
}
