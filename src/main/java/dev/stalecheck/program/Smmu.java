package dev.stalecheck.program;

/**
 * A system MMU (Arm SMMU): translates the addresses of the devices {@code via} it through its own stage-1 table and
 * its own TLB. Its table walks read memory coherently (SMMU_IDR0.COHACC) or from the point of coherency.
 *
 * @param name       its name in the scenario
 * @param index      its number, 0, 1, ... in file order (its TLB follows the cpus' TLBs)
 * @param table      the translation table its walks read
 * @param tlbEntries how many entries its TLB holds
 * @param coherent   whether its walks snoop the cpus' caches (COHACC = 1); else they read the PoC
 */
public record Smmu(String name, int index, PageTable table, int tlbEntries, boolean coherent) {
}
