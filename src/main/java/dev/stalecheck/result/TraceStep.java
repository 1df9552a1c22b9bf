package dev.stalecheck.result;

import dev.stalecheck.machine.Effect;
import java.util.List;

/**
 * One step of an execution as reports show it.
 *
 * @param number    1-based position in the execution
 * @param agent     the thread's name, or {@code hardware}
 * @param operation the operation or hardware event in words
 * @param choices   choices the hardware made inside the step
 * @param effects   what the step did
 */
public record TraceStep(int number, String agent, String operation, List<String> choices, List<Effect> effects) {
    /** Copies the lists. */
    public TraceStep {
        choices = List.copyOf(choices);
        effects = List.copyOf(effects);
    }
}
