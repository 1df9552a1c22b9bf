package dev.stalecheck.machine;

import java.util.List;

/**
 * One possible result of an event: the choices taken, what happened, and the next state.
 *
 * @param event   the event
 * @param labels  choices made inside the step, in the order they were made
 * @param effects what the step did, in order
 * @param next    the state after the step
 */
public record Outcome(Event event, List<Label> labels, List<Effect> effects, MachineState next) {
    /** Copies the lists. */
    public Outcome {
        labels = List.copyOf(labels);
        effects = List.copyOf(effects);
    }
}
