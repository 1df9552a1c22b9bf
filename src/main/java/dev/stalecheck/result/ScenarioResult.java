package dev.stalecheck.result;

import java.util.List;

/**
 * Everything a run or check of one scenario found, as plain data for the text, JSON and HTML printers.
 *
 * @param scenario       the scenario's name
 * @param file           the file
 * @param doc            the doc text
 * @param machine        the preset the machine starts from
 * @param mode           {@code run} or {@code check}
 * @param complete       false when a bound cut the search short
 * @param restrictions   explore kinds turned off
 * @param states         distinct states visited
 * @param finalOutcomes  distinct final outcomes
 * @param results        one per condition, in file order
 * @param terms          the outcome table's terms
 * @param outcomes       the outcome table's rows, sorted by values
 * @param hazards        hazards found, sorted by kind, where, line
 * @param trace          the execution ({@code run} only; empty for {@code check})
 * @param warnings       warnings about the input
 * @param finalRegisters {@code run} only: each thread's registers at the end, as {@code thread: r1 = 0x0, ...} lines
 * @param layout         the caches' shapes and the start state, for viewers that redraw caches from effects
 * @param threads        the threads' names in file order
 * @param cost           {@code run} only: the execution's cost account, else null
 * @param search         {@code check} only: what the search tried and how far it got, else null
 */
public record ScenarioResult(String scenario, String file, String doc, String machine, String mode, boolean complete,
                             List<String> restrictions, long states, long finalOutcomes, List<ConditionResult> results,
                             List<String> terms, List<OutcomeRow> outcomes, List<HazardResult> hazards,
                             List<TraceStep> trace, List<String> warnings, List<String> finalRegisters,
                             MachineLayout layout, List<String> threads, CostReport cost,
                             SearchStats search) {
    /** Copies the lists. */
    public ScenarioResult {
        restrictions = List.copyOf(restrictions);
        results = List.copyOf(results);
        terms = List.copyOf(terms);
        outcomes = List.copyOf(outcomes);
        hazards = List.copyOf(hazards);
        trace = List.copyOf(trace);
        warnings = List.copyOf(warnings);
        finalRegisters = List.copyOf(finalRegisters);
        threads = List.copyOf(threads);
    }

    /** The exit code the language page gives: 1 if any expect fails, 3 if any verdict is unknown, else 0. */
    public int exitCode() {
        if (results.stream().anyMatch(r -> r.verdict() == Verdict.FAILS)) {
            return 1;
        }
        return results.stream().anyMatch(r -> r.verdict() == Verdict.UNKNOWN) ? 3 : 0;
    }
}
