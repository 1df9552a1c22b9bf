package dev.stalecheck.machine;

import dev.stalecheck.program.MemoryType;

/**
 * One translated cpu access: where it goes and through which attributes and context.
 *
 * @param cpu       the issuing cpu
 * @param va        the virtual address (the physical one with the MMU off); its colour selects VIPT sets
 * @param pa        the physical address
 * @param type      the mapping's memory type
 * @param shareable whether the access is kept coherent with other cpus
 * @param mmuOn     SCTLR.M of the issuing thread
 * @param cachesOn  SCTLR.C of the issuing thread
 */
record Access(int cpu, long va, long pa, MemoryType type, boolean shareable, boolean mmuOn, boolean cachesOn) {
    /** Whether the access may allocate in caches: MMU and caches on, and a cacheable mapping. */
    boolean cacheable() {
        return mmuOn && cachesOn && type.isCacheable();
    }

    /** Whether {@code disabled-hits} may apply: caches off with the MMU on, through a normal cacheable mapping. */
    boolean disabledHitsApply() {
        return mmuOn && !cachesOn && type.isCacheable();
    }
}
