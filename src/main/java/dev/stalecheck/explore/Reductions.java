package dev.stalecheck.explore;

/**
 * Which reductions of the search are on. Each keeps every verdict, the set of final outcomes and the hazards; each
 * can be turned off to compare (the command line's {@code --no-sleep-sets}, {@code --no-dead-lines},
 * {@code --no-partial-order}, {@code --no-table-reach}, {@code --no-table-partial-order}, {@code --no-static-tlb}).
 *
 * @param sleepSets skip transitions whose target another order of commuting steps reaches at the same depth
 *                  ({@link Explorer}); changes only the number of transitions tried
 * @param deadLines count states that differ only in clean lines nothing can read any more as one state, and skip
 *                  speculative fills that would only add such lines ({@code LineLiveness}); changes the number of
 *                  states and transitions and, rarely, which counterexample of a given outcome is shown
 * @param partialOrder when one thread alone may run and its next operation's reach is known, try only it and the
 *                  hardware events that interfere with it ({@link PersistentSets}); keeps final outcomes, verdicts,
 *                  hazards and shortest counterexample lengths; a hazard may be shown on a longer execution
 * @param tableReach with dead lines: work out which lines the operations of threads in page tables can still touch,
 *                  instead of counting each as able to touch any line, and let a page-table line's clean copy be
 *                  dead when every copy of the line equals RAM ({@code TableReach}); without dead lines it does
 *                  nothing
 * @param tablePartialOrder with the partial-order reduction: apply it in programs with page tables too, where any
 *                  number of threads may run ({@link PersistentSets}); without the partial-order reduction it
 *                  does nothing
 * @param staticTlb leave TLB entries that no walk can ever change out of a state's identity, and do not try walks
 *                  and drops that only add or remove one ({@code StaticTlbEntries})
 */
public record Reductions(boolean sleepSets, boolean deadLines, boolean partialOrder, boolean tableReach,
                         boolean tablePartialOrder, boolean staticTlb) {
    /** Every reduction. */
    public static final Reductions ALL = new Reductions(true, true, true, true, true, true);

    /** None: the plain breadth-first search (way symmetry apart, which is exact). */
    public static final Reductions NONE = new Reductions(false, false, false, false, false, false);

    /** The first five as given, without static TLB entries. */
    public Reductions(boolean sleepSets, boolean deadLines, boolean partialOrder, boolean tableReach,
                      boolean tablePartialOrder) {
        this(sleepSets, deadLines, partialOrder, tableReach, tablePartialOrder, false);
    }

    /** Sleep sets, dead lines and the partial-order reduction as given, with every page-table extension. */
    public Reductions(boolean sleepSets, boolean deadLines, boolean partialOrder) {
        this(sleepSets, deadLines, partialOrder, true, true, true);
    }

    /** These reductions with static TLB entries on or off. */
    public Reductions withStaticTlb(boolean on) {
        return new Reductions(sleepSets, deadLines, partialOrder, tableReach, tablePartialOrder, on);
    }

    /** Sleep sets and dead lines as given, with the partial-order reduction and the table reach. */
    public Reductions(boolean sleepSets, boolean deadLines) {
        this(sleepSets, deadLines, true);
    }
}
