package dev.stalecheck.machine;

/** Something that moves the machine one step: a thread's next operation, or an event hardware may do on its own. */
public sealed interface Event {
    /**
     * Thread {@code thread} runs its next operation.
     *
     * @param thread index of the thread
     */
    record ThreadStep(int thread) implements Event {
    }

    /**
     * Under {@code ordering armv8}: thread {@code thread}'s operation {@code op} performs (earlier ones may not have).
     *
     * @param thread index of the thread
     * @param op     index of the operation in the thread
     */
    record Perform(int thread, int op) implements Event {
    }

    /**
     * Under {@code ordering armv8}: thread {@code thread} translates the address of its operation {@code op} now,
     * before the operation performs, which will use this translation.
     *
     * @param thread index of the thread
     * @param op     index of the operation in the thread
     */
    record Translate(int thread, int op) implements Event {
    }

    /** Whether this event runs a thread's operation ({@link ThreadStep} or {@link Perform}). */
    default boolean runsOperation() {
        return this instanceof ThreadStep || this instanceof Perform;
    }

    /**
     * Hardware evicts a valid line, writing it back first if dirty.
     *
     * @param cache the cache instance
     * @param set   the set
     * @param way   the way
     */
    record Evict(int cache, int set, int way) implements Event {
    }

    /**
     * Hardware speculatively fills a line into one level for a cpu, through a mapping that allows it.
     *
     * @param cpu             the cpu
     * @param cache           the cache instance filled (its L1D, L1I, or a level beyond)
     * @param physicalAddress the line (line-aligned at that level)
     * @param virtualAddress  the alias whose colour the fill uses
     * @param shareable       whether the mapping is shareable (coherent fill)
     */
    record SpeculativeFill(int cpu, int cache, long physicalAddress, long virtualAddress, boolean shareable)
            implements Event {
    }

    /**
     * Hardware walks a relevant virtual address in a thread's context and fills the TLB (if the walk does not fault).
     *
     * @param cpu    the cpu
     * @param thread the thread whose context (table, ASID) the walk uses
     * @param va     the virtual address
     */
    record SpeculativeWalk(int cpu, int thread, long va) implements Event {
    }

    /**
     * An SMMU walks its table for an IOVA one of its devices names and caches the translation (under
     * {@code explore { prefetch }}), when its TLB does not already translate it.
     *
     * @param smmu the SMMU's index
     * @param iova the address walked
     */
    record SmmuWalk(int smmu, long iova) implements Event {
    }

    /**
     * Hardware drops a TLB entry.
     *
     * @param cpu   whose TLB
     * @param entry the entry's index in the TLB's canonical order
     */
    record TlbDrop(int cpu, int entry) implements Event {
    }

    /**
     * Hardware writes a dirty line back and keeps it clean ({@code explore { cleans on }}).
     *
     * @param cache the cache instance
     * @param set   the set
     * @param way   the way
     */
    record HardwareClean(int cache, int set, int way) implements Event {
    }
}
