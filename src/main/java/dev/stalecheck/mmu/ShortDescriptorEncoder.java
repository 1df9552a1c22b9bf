package dev.stalecheck.mmu;

import dev.stalecheck.program.MemoryType;

/**
 * Builds ARMv7 short-descriptor words (Arm ARM v7-A B3.5.1) the way a {@code map} line asks: domain 0, AP[1:0] =
 * 0b11 (full access, which is also AF = 1), AP[2] for read-only, TEX/C/B with TEX remap off (B3.8.2, Table B3-10):
 * {@code normal} TEX=001 C=1 B=1 (write-back write-allocate), {@code normal-wt} TEX=000 C=1 B=0, {@code normal-nc}
 * TEX=001 C=0 B=0, {@code device} TEX=000 C=0 B=1 (shareable device); XN for {@code xn}.
 */
public final class ShortDescriptorEncoder {
    private ShortDescriptorEncoder() {
    }

    /** The attribute bits shared by every leaf kind ({@code executeNever}: the XN bit). */
    public record Attributes(MemoryType type, boolean shareable, boolean global, boolean readOnly,
                             boolean executeNever) {
        /** Attributes of an executable mapping. */
        public Attributes(MemoryType type, boolean shareable, boolean global, boolean readOnly) {
            this(type, shareable, global, readOnly, false);
        }
    }

    private static int xn(Attributes a) {
        return a.executeNever() ? 1 : 0;
    }

    private static int tex(MemoryType t) {
        return t == MemoryType.NORMAL || t == MemoryType.NORMAL_NC ? 1 : 0;
    }

    private static int c(MemoryType t) {
        return t == MemoryType.NORMAL || t == MemoryType.NORMAL_WT ? 1 : 0;
    }

    private static int b(MemoryType t) {
        return t == MemoryType.NORMAL || t == MemoryType.DEVICE ? 1 : 0;
    }

    private static int s(Attributes a) {
        return a.shareable() && a.type() != MemoryType.DEVICE ? 1 : 0;
    }

    /** A first-level section descriptor for the 1 MB at {@code oa}. */
    public static int section(long oa, Attributes a) {
        return (int) (oa & 0xFFF0_0000L) | 0b10 | b(a.type()) << 2 | c(a.type()) << 3 | xn(a) << 4 | 0b11 << 10
                | tex(a.type()) << 12 | (a.readOnly() ? 1 : 0) << 15 | s(a) << 16 | (a.global() ? 0 : 1) << 17;
    }

    /** A first-level supersection descriptor for the 16 MB at {@code oa} (up to 40-bit output addresses). */
    public static int supersection(long oa, Attributes a) {
        int base = (int) (oa & 0xFF00_0000L) | (int) ((oa >>> 32) & 0xF) << 20 | (int) ((oa >>> 36) & 0xF) << 5;
        return base | 1 << 18 | 0b10 | b(a.type()) << 2 | c(a.type()) << 3 | xn(a) << 4 | 0b11 << 10
                | tex(a.type()) << 12
                | (a.readOnly() ? 1 : 0) << 15 | s(a) << 16 | (a.global() ? 0 : 1) << 17;
    }

    /** A first-level page-table descriptor pointing at the 1 KB second-level table at {@code table} (domain 0). */
    public static int pageTable(long table) {
        return (int) (table & 0xFFFF_FC00L) | 0b01;
    }

    /** A second-level small-page descriptor for the 4 KB at {@code oa}. */
    public static int smallPage(long oa, Attributes a) {
        return (int) (oa & 0xFFFF_F000L) | 0b10 | xn(a) | b(a.type()) << 2 | c(a.type()) << 3 | 0b11 << 4
                | tex(a.type()) << 6 | (a.readOnly() ? 1 : 0) << 9 | s(a) << 10 | (a.global() ? 0 : 1) << 11;
    }

    /** A second-level large-page descriptor for the 64 KB at {@code oa}. */
    public static int largePage(long oa, Attributes a) {
        return (int) (oa & 0xFFFF_0000L) | 0b01 | b(a.type()) << 2 | c(a.type()) << 3 | 0b11 << 4
                | (a.readOnly() ? 1 : 0) << 9 | s(a) << 10 | (a.global() ? 0 : 1) << 11 | tex(a.type()) << 12
                | xn(a) << 15;
    }
}
