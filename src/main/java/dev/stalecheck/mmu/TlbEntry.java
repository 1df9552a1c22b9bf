package dev.stalecheck.mmu;

import dev.stalecheck.program.MemoryType;
import dev.stalecheck.util.Fingerprint;
import dev.stalecheck.util.Hex;

/**
 * One cached leaf translation.
 *
 * @param asid      the ASID it was walked with (ignored when global)
 * @param global    whether it matches every ASID (nG = 0)
 * @param vaBase    first virtual address it maps
 * @param size      bytes it maps
 * @param paBase    first physical address
 * @param type      memory type
 * @param shareable whether accesses are coherent between cpus
 * @param readOnly  whether writes fault
 */
public record TlbEntry(long asid, boolean global, long vaBase, long size, long paBase, MemoryType type,
                       boolean shareable, boolean readOnly) {
    /** Whether the entry translates {@code va} for {@code currentAsid}. */
    public boolean matches(long va, long currentAsid) {
        return (global || asid == currentAsid) && Long.compareUnsigned(va - vaBase, size) < 0;
    }

    /** 64-bit fingerprint. */
    public long fingerprint() {
        long h = Fingerprint.combine(Fingerprint.SEED, asid);
        h = Fingerprint.combine(h, (global ? 1 : 0) | (shareable ? 2 : 0) | (readOnly ? 4 : 0) | type.ordinal() << 3);
        h = Fingerprint.combine(h, vaBase);
        h = Fingerprint.combine(h, size);
        return Fingerprint.combine(h, paBase);
    }

    /** The entry in words. */
    public String describe() {
        return Hex.of(vaBase) + "+" + Hex.of(size) + " -> " + Hex.of(paBase) + " " + type.word()
                + (global ? " global" : " asid " + asid) + (readOnly ? " ro" : "") + (shareable ? "" : " nsh");
    }
}
