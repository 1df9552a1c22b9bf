package dev.stalecheck.result;

import java.util.List;

/**
 * One distinct final outcome projected onto the displayed terms.
 *
 * @param values each term's value as text ({@code 0x...} or {@code fault}), in term order
 * @param count  how many final outcomes project onto it
 */
public record OutcomeRow(List<String> values, long count) {
    /** Copies the values. */
    public OutcomeRow {
        values = List.copyOf(values);
    }
}
