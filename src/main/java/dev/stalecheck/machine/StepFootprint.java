package dev.stalecheck.machine;

/**
 * What a thread's next operation may touch, for the search's sleep sets: nothing in memory, or the line of one
 * physical address and, when it may allocate, every set that address maps to in any cache (and those sets' victims).
 *
 * @param touchesMemory   false for an operation that only moves the thread on (a barrier)
 * @param physicalAddress the address it accesses
 * @param allocates       whether it may allocate a line (a cacheable or write-allocating store or load, dc zva)
 */
public record StepFootprint(boolean touchesMemory, long physicalAddress, boolean allocates) {
    /** An operation that touches no cache and no memory. */
    public static final StepFootprint NOTHING = new StepFootprint(false, 0, false);
}
