package dev.stalecheck.scenario;

import dev.stalecheck.machine.MachineState;
import dev.stalecheck.program.Value;
import java.util.List;
import java.util.function.Function;

/**
 * One {@code expect}, {@code forall}, {@code exists} or {@code ~exists}, compiled against the scenario's threads
 * and machine, evaluated on final states.
 */
public final class Condition {
    private final ConditionKind kind;
    private final String text;
    private final SourcePosition position;
    private final Function<MachineState, Value> body;
    private final List<Term> terms;

    Condition(ConditionKind kind, String text, SourcePosition position, Function<MachineState, Value> body,
              List<Term> terms) {
        this.kind = kind;
        this.text = text;
        this.position = position;
        this.body = body;
        this.terms = List.copyOf(terms);
    }

    /** The keyword it is written with: {@code expect}, {@code forall}, {@code exists} or {@code ~exists}. */
    public ConditionKind kind() {
        return kind;
    }

    /** The condition's source text, comments removed and whitespace collapsed ({@code !(C)} for ~exists). */
    public String text() {
        return text;
    }

    /** Where the condition is written. */
    public SourcePosition position() {
        return position;
    }

    /** The terms it names, in order. */
    public List<Term> terms() {
        return terms;
    }

    /** Whether the condition holds in a final state: its value is a nonzero number. */
    public boolean holds(MachineState s) {
        return Operators.holds(body.apply(s));
    }
}
