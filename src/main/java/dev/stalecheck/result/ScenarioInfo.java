package dev.stalecheck.result;

import java.util.List;

/**
 * What a result says about the scenario itself, the same for {@code run} and {@code check}.
 *
 * @param name         the scenario's name
 * @param file         the file as named on the command line
 * @param doc          the doc text ({@code ""} if none)
 * @param machine      the preset the machine starts from
 * @param restrictions explore kinds turned off
 * @param warnings     warnings about the input
 * @param threads      the threads' names in file order
 * @param layout       the caches' shapes and the start state, for viewers that redraw caches from effects
 */
public record ScenarioInfo(String name, String file, String doc, String machine, List<String> restrictions,
                           List<String> warnings, List<String> threads, MachineLayout layout) {
    /** Copies the lists. */
    public ScenarioInfo {
        restrictions = List.copyOf(restrictions);
        warnings = List.copyOf(warnings);
        threads = List.copyOf(threads);
    }
}
