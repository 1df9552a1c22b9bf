package dev.stalecheck.result;

import dev.stalecheck.program.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The distinct final outcomes, and the table of their projections onto the displayed terms.
 *
 * @param terms         the displayed terms ({@code kvm.r1}, {@code ram[0x80002000]})
 * @param rows          the projections with their counts, in {@link OutcomeRow#ORDER}
 * @param finalOutcomes distinct final outcomes ({@code run}: 1); several may project onto one row
 */
public record OutcomeTable(List<String> terms, List<OutcomeRow> rows, long finalOutcomes) {
    /** Copies the lists. */
    public OutcomeTable {
        terms = List.copyOf(terms);
        rows = List.copyOf(rows);
    }

    /** The table of {@code counts} (projected values to how many final outcomes have them), sorted. */
    public static OutcomeTable of(List<String> terms, Map<List<Value>, Long> counts, long finalOutcomes) {
        List<OutcomeRow> rows = new ArrayList<>(counts.size());
        counts.forEach((values, count) -> rows.add(new OutcomeRow(values, count)));
        rows.sort(OutcomeRow.ORDER);
        return new OutcomeTable(terms, rows, finalOutcomes);
    }
}
