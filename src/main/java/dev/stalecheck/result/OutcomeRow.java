package dev.stalecheck.result;

import dev.stalecheck.program.Value;
import java.util.Comparator;
import java.util.List;

/**
 * One distinct final outcome projected onto the displayed terms.
 *
 * @param values each term's value, in term order
 * @param count  how many final outcomes project onto it
 */
public record OutcomeRow(List<Value> values, long count) {
    /** Numbers ascending (unsigned), {@code fault} after every number. */
    public static final Comparator<Value> VALUE_ORDER = Comparator.comparing(Value::fault)
            .thenComparing(Value::bits, Long::compareUnsigned);

    /** Table order: by the first value, then the second, and so on. */
    public static final Comparator<OutcomeRow> ORDER = (a, b) -> {
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
