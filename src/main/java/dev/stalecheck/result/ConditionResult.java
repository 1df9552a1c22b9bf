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
 * @param shortest  whether no shorter execution shows it (always true for a complete search; false for an
 *                  execution a probe found before the search was cut, unless proven)
 */
public record ConditionResult(String kind, String keyword, String condition, Verdict verdict, int witnesses,
                              List<TraceStep> trace, boolean shortest) {
    /** Copies the trace. */
    public ConditionResult {
        trace = List.copyOf(trace);
    }

    /** A result whose trace, if any, is a shortest one. */
    public ConditionResult(String kind, String keyword, String condition, Verdict verdict, int witnesses,
                           List<TraceStep> trace) {
        this(kind, keyword, condition, verdict, witnesses, trace, true);
    }
}
