package dev.stalecheck.program;

import dev.stalecheck.util.Hex;

/**
 * One fixed translation range of a {@link Space}: {@code size} bytes from {@code virtualBase} to {@code physicalBase}.
 *
 * @param virtualBase  first virtual address
 * @param physicalBase first physical address
 * @param size         length in bytes (positive)
 * @param type         memory attributes
 * @param shareable    whether accesses are kept coherent between cpus ({@code nsh} makes it false)
 * @param readOnly     whether a store (or {@code dc ivac}) through it is a permission fault ({@code ro})
 * @param executeNever whether a fetch through it is a permission fault ({@code xn})
 */
public record Mapping(long virtualBase, long physicalBase, long size, MemoryType type, boolean shareable,
                      boolean readOnly, boolean executeNever) {
    /** Validates the range. */
    public Mapping {
        if (size <= 0) {
            throw new IllegalArgumentException("mapping size must be positive");
        }
        if (type == null) {
            throw new IllegalArgumentException("mapping needs a memory type");
        }
    }

    /** A writable, executable mapping. */
    public Mapping(long virtualBase, long physicalBase, long size, MemoryType type, boolean shareable) {
        this(virtualBase, physicalBase, size, type, shareable, false, false);
    }

    /** Whether {@code va} lies in this mapping. */
    public boolean containsVirtual(long va) {
        return Long.compareUnsigned(va - virtualBase, size) < 0;
    }

    /** Whether {@code pa} lies in this mapping's output range. */
    public boolean containsPhysical(long pa) {
        return Long.compareUnsigned(pa - physicalBase, size) < 0;
    }

    /** Whether the virtual ranges of this and {@code other} overlap. */
    public boolean overlapsVirtual(Mapping other) {
        return Long.compareUnsigned(other.virtualBase - virtualBase, size) < 0
                || Long.compareUnsigned(virtualBase - other.virtualBase, other.size) < 0;
    }

    /** The text of the mapping as the language writes it. */
    public String describe() {
        return Hex.of(virtualBase) + " -> " + Hex.of(physicalBase) + " size " + Hex.of(size) + " " + type.word()
                + (shareable ? "" : " nsh") + (readOnly ? " ro" : "") + (executeNever ? " xn" : "");
    }
}
