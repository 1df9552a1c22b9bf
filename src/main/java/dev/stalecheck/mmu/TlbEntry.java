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
 * @param vmid      the VMID (0 outside guests); an entry may combine both stages of a guest
 * @param stage2    whether this is a stage-2-only entry (IPA to PA), which walks may use for their IPAs
 * @param executeNever whether fetches fault
 */
public record TlbEntry(long asid, boolean global, long vaBase, long size, long paBase, MemoryType type,
                       boolean shareable, boolean readOnly, long vmid, boolean stage2, boolean executeNever) {
    /** A host entry (VMID 0). */
    public TlbEntry(long asid, boolean global, long vaBase, long size, long paBase, MemoryType type, boolean shareable,
                    boolean readOnly, boolean executeNever) {
        this(asid, global, vaBase, size, paBase, type, shareable, readOnly, 0, false, executeNever);
    }

    /** A stage-1 or combined entry of a VMID. */
    public TlbEntry(long asid, boolean global, long vaBase, long size, long paBase, MemoryType type, boolean shareable,
                    boolean readOnly, long vmid, boolean executeNever) {
        this(asid, global, vaBase, size, paBase, type, shareable, readOnly, vmid, false, executeNever);
    }

    /** Whether the entry translates {@code va} for {@code currentAsid} (host, VMID 0). */
    public boolean matches(long va, long currentAsid) {
        return matches(va, currentAsid, 0);
    }

    /** Whether the entry translates {@code va} for {@code currentAsid} in VMID {@code currentVmid}. */
    public boolean matches(long va, long currentAsid, long currentVmid) {
        return !stage2 && vmid == currentVmid && (global || asid == currentAsid)
                && Long.compareUnsigned(va - vaBase, size) < 0;
    }

    /** Whether this stage-2 entry translates {@code ipa} for VMID {@code currentVmid}. */
    public boolean matchesStage2(long ipa, long currentVmid) {
        return stage2 && vmid == currentVmid && Long.compareUnsigned(ipa - vaBase, size) < 0;
    }

    /**
     * Whether this entry and {@code other} differ yet could both translate one address in one context (same stage
     * and VMID; the same ASID, or either global, which every ASID's lookup matches; overlapping ranges): what the Arm
     * ARM calls a TLB conflict, the result of changing a valid descriptor to another without break-before-make.
     */
    public boolean conflictsWith(TlbEntry other) {
        return !equals(other) && stage2 == other.stage2 && vmid == other.vmid
                && (global || other.global || asid == other.asid)
                && Long.compareUnsigned(vaBase, other.vaBase + other.size - 1) <= 0
                && Long.compareUnsigned(other.vaBase, vaBase + size - 1) <= 0;
    }

    /** 64-bit fingerprint. */
    public long fingerprint() {
        long h = Fingerprint.combine(Fingerprint.SEED, asid);
        h = Fingerprint.combine(h, (global ? 1 : 0) | (shareable ? 2 : 0) | (readOnly ? 4 : 0) | type.ordinal() << 3
                | (executeNever ? 1 << 6 : 0));
        h = Fingerprint.combine(h, vaBase);
        h = Fingerprint.combine(h, size);
        h = Fingerprint.combine(h, vmid * 2 + (stage2 ? 1 : 0));
        return Fingerprint.combine(h, paBase);
    }

    /** The entry in words. */
    public String describe() {
        return (stage2 ? "stage 2: IPA " : "") + Hex.of(vaBase) + "+" + Hex.of(size) + " -> " + Hex.of(paBase) + " "
                + type.word()
                + (global ? " global" : " asid " + asid) + (vmid != 0 ? " vmid " + vmid : "") + (readOnly ? " ro" : "") + (executeNever ? " xn" : "")
                + (shareable ? "" : " nsh");
    }
}
