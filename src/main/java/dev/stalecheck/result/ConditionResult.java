package dev.stalecheck.result;

import dev.stalecheck.program.ConditionKind;
import java.util.List;

/**
 * The verdict of one condition.
 *
 * @param kind      the keyword it is written with ({@code expect}, {@code forall}, {@code exists}, {@code ~exists})
 * @param condition the condition's text ({@code !(C)} for {@code ~exists C}, which is graded as that expect)
 * @param verdict   the verdict
 * @param witnesses final outcomes that satisfy the condition
 * @param trace     for a failure or a reachable exists, the execution that shows it; else empty
 * @param shortest  whether no shorter execution shows it (always true for a complete search; false for an
 *                  execution a probe found before the search was cut, unless proven)
 */
public record ConditionResult(ConditionKind kind, String condition, Verdict verdict, int witnesses,
                              List<TraceStep> trace, boolean shortest) {
    /** Copies the trace. */
    public ConditionResult {
        trace = List.copyOf(trace);
    }

    /** A condition as written: {@code ~exists C} shows C, not the negation it is graded as. */
    public String shownCondition() {
        return kind == ConditionKind.NOT_EXISTS ? condition.substring(2, condition.length() - 1) : condition;
    }
}
