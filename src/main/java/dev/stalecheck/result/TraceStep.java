package dev.stalecheck.result;

import dev.stalecheck.machine.Effect;
import java.util.List;
import java.util.Map;

/**
 * One step of an execution as reports show it.
 *
 * @param number    1-based position in the execution
 * @param agent     the thread's name, or {@code hardware}
 * @param operation the operation or hardware event in words
 * @param choices   choices the hardware made inside the step
 * @param effects   what the step did
 * @param inFlight  under {@code ordering armv8}: per thread, the operations issued and not yet performed after the
 *                  step (an operation is issued once a later one performed or it translated early); empty otherwise
 */
public record TraceStep(int number, String agent, String operation, List<String> choices, List<Effect> effects,
                        Map<String, List<String>> inFlight) {
    /** A step with nothing in flight. */
    public TraceStep(int number, String agent, String operation, List<String> choices, List<Effect> effects) {
        this(number, agent, operation, choices, effects, Map.of());
    }

    /** Copies the lists. */
    public TraceStep {
        choices = List.copyOf(choices);
        effects = List.copyOf(effects);
        inFlight = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inFlight));
    }
}
