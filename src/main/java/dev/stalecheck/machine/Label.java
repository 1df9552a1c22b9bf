package dev.stalecheck.machine;

/**
 * A choice made within a step, shown on the step where it first matters.
 *
 * @param kind what was chosen
 * @param text the choice in words
 */
public record Label(ChoiceKind kind, String text) {
}
