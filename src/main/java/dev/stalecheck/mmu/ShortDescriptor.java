package dev.stalecheck.mmu;

import dev.stalecheck.program.MemoryType;

/**
 * A raw ARMv7 short-descriptor translation-table word with accessors named after the Arm ARM's fields
 * (Arm ARM v7-A, B3.5.1 "Short-descriptor translation table format descriptors", Figures B3-4 and B3-5).
 *
 * @param word  the 32-bit descriptor
 * @param level 1 for a first-level descriptor, 2 for a second-level one
 */
public record ShortDescriptor(int word, int level) {
    /** What a descriptor is. */
    public enum Type {
        /** bits[1:0] = 0b00: a translation fault. */
        FAULT,
        /** First level, bits[1:0] = 0b01: a pointer to a second-level table. */
        PAGE_TABLE,
        /** First level, bit 1 = 1, bit 18 = 0: a 1 MB section. */
        SECTION,
        /** First level, bit 1 = 1, bit 18 = 1: a 16 MB supersection. */
        SUPERSECTION,
        /** Second level, bits[1:0] = 0b01: a 64 KB large page. */
        LARGE_PAGE,
        /** Second level, bit 1 = 1: a 4 KB small page. */
        SMALL_PAGE
    }

    /** The descriptor's type (B3.5.1). */
    public Type type() {
        int low = word & 3;
        if (low == 0) {
            return Type.FAULT;
        }
        if (level == 1) {
            if (low == 1) {
                return Type.PAGE_TABLE;
            }
            return (word & (1 << 18)) != 0 ? Type.SUPERSECTION : Type.SECTION;
        }
        return low == 1 ? Type.LARGE_PAGE : Type.SMALL_PAGE;
    }

    /** Bytes of virtual address space the descriptor maps (0 for a fault or a table pointer). */
    public long size() {
        return switch (type()) {
            case SECTION -> 1L << 20;
            case SUPERSECTION -> 1L << 24;
            case LARGE_PAGE -> 1L << 16;
            case SMALL_PAGE -> 1L << 12;
            default -> 0;
        };
    }

    private int bit(int n) {
        return (word >>> n) & 1;
    }

    /** Page table base address, bits[31:10] (first-level page-table descriptor). */
    public long pageTableBase() {
        return Integer.toUnsignedLong(word) & 0xFFFF_FC00L;
    }

    /**
     * The output address base: section bits[31:20]; supersection PA[31:24] from bits[31:24], PA[35:32] from
     * bits[23:20], PA[39:36] from bits[8:5]; large page bits[31:16]; small page bits[31:12].
     */
    public long outputBase() {
        long w = Integer.toUnsignedLong(word);
        return switch (type()) {
            case SECTION -> w & 0xFFF0_0000L;
            case SUPERSECTION -> (w & 0xFF00_0000L) | (((w >>> 20) & 0xF) << 32) | (((w >>> 5) & 0xF) << 36);
            case LARGE_PAGE -> w & 0xFFFF_0000L;
            case SMALL_PAGE -> w & 0xFFFF_F000L;
            default -> 0;
        };
    }

    /** TEX[2:0]: bits[14:12] in sections, supersections and large pages; bits[8:6] in small pages. */
    public int tex() {
        return type() == Type.SMALL_PAGE ? (word >>> 6) & 7 : (word >>> 12) & 7;
    }

    /** C, bit 3. */
    public int c() {
        return bit(3);
    }

    /** B, bit 2. */
    public int b() {
        return bit(2);
    }

    /** AP[2]: bit 15 in sections and supersections, bit 9 in second-level descriptors. */
    public int ap2() {
        return level == 1 ? bit(15) : bit(9);
    }

    /** AP[1:0]: bits[11:10] in sections and supersections, bits[5:4] in second-level descriptors. */
    public int ap10() {
        return level == 1 ? (word >>> 10) & 3 : (word >>> 4) & 3;
    }

    /** S (shareable): bit 16 in sections and supersections, bit 10 in second-level descriptors. */
    public int s() {
        return level == 1 ? bit(16) : bit(10);
    }

    /** nG (not global): bit 17 in sections and supersections, bit 11 in second-level descriptors. */
    public int nG() {
        return level == 1 ? bit(17) : bit(11);
    }

    /** Domain, bits[8:5] (sections and page-table descriptors; a supersection's domain is 0). */
    public int domain() {
        return type() == Type.SUPERSECTION ? 0 : (word >>> 5) & 0xF;
    }

    /**
     * The memory type with TEX remap off (Arm ARM v7-A B3.8.2, Table B3-10): Strongly-ordered and Device are
     * {@link MemoryType#DEVICE}; Write-Through is {@link MemoryType#NORMAL_WT}; Write-Back (with or without write
     * allocate) is {@link MemoryType#NORMAL}; Non-cacheable is {@link MemoryType#NORMAL_NC}. With TEX[2] = 1 the inner
     * policy C:B decides (00 non-cacheable, 01 write-back write-allocate, 10 write-through, 11 write-back).
     */
    public MemoryType memoryType() {
        int tex = tex();
        int cb = (c() << 1) | b();
        if ((tex & 4) != 0) {
            return switch (cb) {
                case 0 -> MemoryType.NORMAL_NC;
                case 2 -> MemoryType.NORMAL_WT;
                default -> MemoryType.NORMAL;
            };
        }
        return switch ((tex << 2) | cb) {
            case 0b00000, 0b00001, 0b01000 -> MemoryType.DEVICE;
            case 0b00010 -> MemoryType.NORMAL_WT;
            case 0b00011, 0b00111 -> MemoryType.NORMAL;
            case 0b00100 -> MemoryType.NORMAL_NC;
            default -> MemoryType.DEVICE;
        };
    }

    /** Whether the memory is shareable: S for Normal memory; Device memory is treated as shareable. */
    public boolean shareable() {
        return memoryType() == MemoryType.DEVICE || s() == 1;
    }

    /** Whether writes are refused (AP[2] = 1, with the access flag disabled: B3.7.1, Table B3-8). */
    public boolean readOnly() {
        return ap2() == 1;
    }

    /**
     * XN (execute-never): bit 4 in sections and supersections, bit 15 in large pages, bit 0 in small pages (B3.5.1).
     * PXN is not decoded.
     */
    public boolean executeNever() {
        return switch (type()) {
            case SECTION, SUPERSECTION -> bit(4) == 1;
            case LARGE_PAGE -> bit(15) == 1;
            case SMALL_PAGE -> bit(0) == 1;
            default -> false;
        };
    }

    /** Whether every access is refused (AP[2:0] = 0b000). */
    public boolean noAccess() {
        return ap2() == 0 && ap10() == 0;
    }
}
