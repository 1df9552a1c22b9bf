package dev.stalecheck.result;

import java.util.List;

/**
 * The distinct final outcomes, and the table of their projections onto the displayed terms.
 *
 * @param terms         the displayed terms ({@code kvm.r1}, {@code ram[0x80002000]})
 * @param rows          the projections with their counts, sorted by values
 * @param finalOutcomes distinct final outcomes ({@code run}: 1); several may project onto one row
 */
public record OutcomeTable(List<String> terms, List<OutcomeRow> rows, long finalOutcomes) {
    /** Copies the lists. */
    public OutcomeTable {
        terms = List.copyOf(terms);
        rows = List.copyOf(rows);
    }
}
