package dev.stalecheck.program;

/** The result of translating a virtual address: a value, never an exception. */
public sealed interface Translation permits Translation.Translated, Translation.Faulted {
    /**
     * A successful translation.
     *
     * @param physicalAddress the output address
     * @param type            memory attributes of the access
     * @param shareable       whether the access is kept coherent between cpus
     */
    record Translated(long physicalAddress, MemoryType type, boolean shareable) implements Translation {
    }

    /**
     * A translation fault.
     *
     * @param kind  what faulted (e.g. {@code translation})
     * @param level the lookup level that faulted (0 for a fixed space)
     */
    record Faulted(String kind, int level) implements Translation {
    }
}
