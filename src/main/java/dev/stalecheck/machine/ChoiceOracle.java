package dev.stalecheck.machine;

/** Decides, at each place a step may go several ways, which way this execution of the step takes. */
interface ChoiceOracle {
    /**
     * Picks one of {@code options} (at least 2) possibilities of kind {@code kind}.
     *
     * @param runPreference the option {@code run} takes (the LRU way for victims, else 0)
     */
    int choose(ChoiceKind kind, int options, int runPreference);
}
