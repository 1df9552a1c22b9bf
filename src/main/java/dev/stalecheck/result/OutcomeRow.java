package dev.stalecheck.result;

import dev.stalecheck.program.Value;
import java.util.Comparator;
import java.util.List;

/**
 * One distinct final outcome projected onto the displayed terms.
 *
 * @param values   each term's value, in term order
 * @param count    how many final outcomes project onto it
 * @param deadlock whether these are deadlocks: executions where a thread waits for ever (values as they stand then)
 */
public record OutcomeRow(List<Value> values, long count, boolean deadlock) {
    /** A row of finished executions. */
    public OutcomeRow(List<Value> values, long count) {
        this(values, count, false);
    }

    /** Numbers ascending (unsigned), {@code fault} after every number. */
    public static final Comparator<Value> VALUE_ORDER = Comparator.comparing(Value::fault)
            .thenComparing(Value::bits, Long::compareUnsigned);

    /** Table order: finished executions before deadlocks, then by the first value, the second, and so on. */
    public static final Comparator<OutcomeRow> ORDER = (a, b) -> {
        if (a.deadlock != b.deadlock) {
            return a.deadlock ? 1 : -1;
        }
        for (int i = 0; i < Math.min(a.values.size(), b.values.size()); i++) {
            int c = VALUE_ORDER.compare(a.values.get(i), b.values.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.values.size(), b.values.size());
    };

    /** Copies the values. */
    public OutcomeRow {
        values = List.copyOf(values);
    }
}
