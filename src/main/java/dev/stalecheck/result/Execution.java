package dev.stalecheck.result;

import java.util.List;

/**
 * What {@code run} reports about its one execution beyond the verdicts.
 *
 * @param trace          the execution, step by step
 * @param finalRegisters each thread's registers at the end, as {@code thread: r1 = 0x0, ...} lines
 * @param cost           the execution's cost account
 */
public record Execution(List<TraceStep> trace, List<String> finalRegisters, CostReport cost) {
    /** Copies the lists. */
    public Execution {
        trace = List.copyOf(trace);
        finalRegisters = List.copyOf(finalRegisters);
    }
}
