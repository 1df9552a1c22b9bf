package dev.stalecheck.result;

import java.util.List;

/**
 * Everything a run or check of one scenario found, as plain data for the text, JSON and HTML printers.
 *
 * @param scenario  what was run or checked
 * @param mode      which driver made it
 * @param states    distinct states visited ({@code run}: steps + 1)
 * @param results   one per condition, in file order
 * @param outcomes  the distinct final outcomes and their projection onto the displayed terms
 * @param hazards   hazards found, sorted by kind, where, line
 * @param execution {@code run} only: the execution, final registers and cost account, else null
 * @param search    {@code check} only: what the search tried and how far it got, else null
 */
public record ScenarioResult(ScenarioInfo scenario, Mode mode, long states, List<ConditionResult> results,
                             OutcomeTable outcomes, List<HazardResult> hazards, Execution execution,
                             SearchStats search) {
    /** Copies the lists. */
    public ScenarioResult {
        results = List.copyOf(results);
        hazards = List.copyOf(hazards);
    }

    /** False when the search stopped before the end (always true for {@code run}). */
    public boolean complete() {
        return search == null || search.isComplete();
    }

    /** The exit code the language page gives: 1 if any expect fails, 3 if any verdict is unknown, else 0. */
    public int exitCode() {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAILS)) {
            return 1;
        }
        return results.stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN) ? 3 : 0;
    }
}
