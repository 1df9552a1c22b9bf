package dev.stalecheck.result;

import java.util.List;

/**
 * The verdict of one condition.
 *
 * @param kind      {@code expect} or {@code exists}
 * @param keyword   the keyword as written ({@code expect}, {@code forall}, {@code exists}, {@code ~exists})
 * @param condition the condition's text
 * @param verdict   the verdict
 * @param witnesses final outcomes that satisfy the condition
 * @param trace     for a failure or a reachable exists, the execution that shows it; else empty
 */
public record ConditionResult(String kind, String keyword, String condition, Verdict verdict, int witnesses,
                              List<TraceStep> trace) {
    /** Copies the trace. */
    public ConditionResult {
        trace = List.copyOf(trace);
    }
}
