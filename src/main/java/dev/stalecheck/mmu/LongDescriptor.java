package dev.stalecheck.mmu;

import dev.stalecheck.program.MemoryType;

/**
 * A raw long-descriptor (VMSAv8-64 / ARMv7 LPAE) translation-table word, 4 KB granule, with accessors named after
 * the Arm ARM's fields (Arm ARM v8-A D5.3 "VMSAv8-64 translation table format descriptors"; v7-A B3.6.1 for LPAE).
 * Memory types come from the fixed MAIR this project documents (docs/mmu.md): AttrIndx 0 Device-nGnRnE, 1 Normal
 * non-cacheable, 2 Normal write-through, 3 Normal write-back.
 *
 * @param word  the 64-bit descriptor
 * @param level its lookup level (0 to 3)
 */
public record LongDescriptor(long word, int level) {
    /** What a descriptor is. */
    public enum Type {
        /** bit 0 = 0, or bits[1:0] = 0b01 at level 3: a translation fault. */
        INVALID,
        /** bits[1:0] = 0b11 at levels 0 to 2: the next-level table's address. */
        TABLE,
        /** bits[1:0] = 0b01 at levels 1 and 2: a 1 GB or 2 MB block. */
        BLOCK,
        /** bits[1:0] = 0b11 at level 3: a 4 KB page. */
        PAGE
    }

    /** The MAIR attribute indexes this project fixes. */
    public static final int DEVICE = 0;
    /** Normal non-cacheable. */
    public static final int NORMAL_NC = 1;
    /** Normal write-through. */
    public static final int NORMAL_WT = 2;
    /** Normal write-back, read/write-allocate. */
    public static final int NORMAL_WB = 3;

    /** The descriptor's type (D5.3.1, Figure D5-15). */
    public Type type() {
        int low = (int) (word & 3);
        if ((low & 1) == 0) {
            return Type.INVALID;
        }
        if (level == 3) {
            return low == 3 ? Type.PAGE : Type.INVALID;
        }
        if (low == 3) {
            return Type.TABLE;
        }
        return level == 0 ? Type.INVALID : Type.BLOCK;
    }

    /** Bytes a block or page maps: 1 GB at level 1, 2 MB at level 2, 4 KB at level 3. */
    public long size() {
        return 1L << (12 + 9 * (3 - level));
    }

    /** The output (or next-table) address, bits[47:12] (a block's low bits below its size are zero). */
    public long outputAddress() {
        long oa = word & 0x0000_FFFF_FFFF_F000L;
        return type() == Type.BLOCK ? oa & -size() : oa;
    }

    /** AttrIndx[2:0], bits[4:2]. */
    public int attrIndx() {
        return (int) ((word >>> 2) & 7);
    }

    /** AP[2:1], bits[7:6]. */
    public int ap() {
        return (int) ((word >>> 6) & 3);
    }

    /** SH[1:0], bits[9:8]. */
    public int sh() {
        return (int) ((word >>> 8) & 3);
    }

    /** AF, bit 10. */
    public int af() {
        return (int) ((word >>> 10) & 1);
    }

    /** nG, bit 11. */
    public int nG() {
        return (int) ((word >>> 11) & 1);
    }

    /** The memory type the fixed MAIR gives AttrIndx. */
    public MemoryType memoryType() {
        return switch (attrIndx()) {
            case NORMAL_NC -> MemoryType.NORMAL_NC;
            case NORMAL_WT -> MemoryType.NORMAL_WT;
            case NORMAL_WB -> MemoryType.NORMAL;
            default -> MemoryType.DEVICE;
        };
    }

    /** Whether accesses are coherent between cpus: SH = 0b10 or 0b11 (outer or inner shareable); Device is. */
    public boolean shareable() {
        return memoryType() == MemoryType.DEVICE || sh() >= 2;
    }

    /** Whether writes fault: AP[2] = 1 (bit 7). */
    public boolean readOnly() {
        return (ap() & 2) != 0;
    }

    /**
     * Execute-never of a stage-1 leaf: UXN/XN (bit 54) or PXN (bit 53). The model's threads have no exception level,
     * so either bit makes the page execute-never for them (v7-A B3.6.2 XN and PXN; v8-A D5.3.3 UXN and PXN).
     */
    public boolean executeNever() {
        return ((word >>> 53) & 3) != 0;
    }

    /** Execute-never of a stage-2 leaf: XN[1], bit 54 (v8-A D5.3.3; FEAT_XNX's XN[0], bit 53, is not modelled). */
    public boolean stage2ExecuteNever() {
        return ((word >>> 54) & 1) != 0;
    }

    /** The bits {@code xn} sets in a leaf: UXN and PXN at stage 1, XN[1] at stage 2; none without {@code xn}. */
    public static long executeNeverBits(boolean xn, boolean stage2) {
        return !xn ? 0 : stage2 ? 1L << 54 : 3L << 53;
    }

    /** Encodes a leaf (block or page) for {@code oa} at {@code level}: AF = 1, AP[1] = 1 (EL0 too), SH from shareability. */
    public static long leaf(int level, long oa, MemoryType type, boolean shareable, boolean global, boolean readOnly) {
        int attr = switch (type) {
            case NORMAL -> NORMAL_WB;
            case NORMAL_WT -> NORMAL_WT;
            case NORMAL_NC -> NORMAL_NC;
            default -> DEVICE;
        };
        long w = (oa & 0x0000_FFFF_FFFF_F000L) | (level == 3 ? 3 : 1) | (long) attr << 2 | 1L << 6
                | (readOnly ? 1L << 7 : 0) | (shareable && type != MemoryType.DEVICE ? 3L << 8 : 0) | 1L << 10
                | (global ? 0 : 1L << 11);
        return w;
    }

    /** The memory type a stage-2 descriptor's MemAttr[3:0] (bits[5:2]) gives (D5.5.5): Device, or Normal by inner policy. */
    public MemoryType stage2MemoryType() {
        int memAttr = (int) ((word >>> 2) & 0xF);
        if ((memAttr & 0xC) == 0) {
            return MemoryType.DEVICE;
        }
        return switch (memAttr & 3) {
            case 1 -> MemoryType.NORMAL_NC;
            case 2 -> MemoryType.NORMAL_WT;
            case 3 -> MemoryType.NORMAL;
            default -> MemoryType.DEVICE;
        };
    }

    /** Whether a stage-2 descriptor refuses writes: S2AP (bits[7:6]) is not 0b11. */
    public boolean stage2ReadOnly() {
        return ap() != 3;
    }

    /** Encodes a stage-2 leaf: MemAttr (device 0b0000, non-cacheable 0b0101, write-through 0b1010, write-back 0b1111). */
    public static long stage2Leaf(int level, long oa, MemoryType type, boolean shareable, boolean readOnly) {
        int memAttr = switch (type) {
            case NORMAL -> 0b1111;
            case NORMAL_WT -> 0b1010;
            case NORMAL_NC -> 0b0101;
            default -> 0;
        };
        return (oa & 0x0000_FFFF_FFFF_F000L) | (level == 3 ? 3 : 1) | (long) memAttr << 2
                | (readOnly ? 1L << 6 : 3L << 6) | (shareable && type != MemoryType.DEVICE ? 3L << 8 : 0) | 1L << 10;
    }

    /** Encodes a table descriptor pointing at {@code table}. */
    public static long table(long table) {
        return (table & 0x0000_FFFF_FFFF_F000L) | 3;
    }
}
