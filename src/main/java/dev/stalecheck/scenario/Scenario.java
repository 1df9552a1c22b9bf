package dev.stalecheck.scenario;

import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Machine;
import java.util.List;

/**
 * A scenario file read, checked and lowered: its machine with the program the model runs, its conditions and the
 * terms of its outcome table.
 *
 * @param name          the {@code scenario} name
 * @param doc           the {@code doc} text (empty if none)
 * @param file          the file as the user named it
 * @param machine       the model: configuration and program
 * @param conditions    every expect/forall/exists/~exists in file order
 * @param outcomeTerms  terms of the outcome table: those the conditions name, then {@code show}'s
 * @param explore       which hardware events {@code check} explores
 * @param warnings      warnings about legal but suspicious input
 * @param opPositions   for each thread, where each of its (expanded) operations was written
 * @param tableListing  {@code stalecheck explain}: every page table's descriptors, one per line
 */
public record Scenario(String name, String doc, String file, Machine machine, List<Condition> conditions,
                       List<Term> outcomeTerms, ExploreOptions explore, List<String> warnings,
                       List<List<SourcePosition>> opPositions, List<String> tableListing) {
    /** The machine's configuration. */
    public MachineConfig config() {
        return machine.config();
    }
}
