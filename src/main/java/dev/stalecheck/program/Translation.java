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
     * @param kind            what faulted
     * @param level           the lookup level that faulted (0 for a fixed space)
     * @param stage2          whether stage 2 of a guest's translation faulted
     * @param descriptorFetch whether it faulted translating the address of a stage-1 descriptor (through stage 2)
     */
    record Faulted(FaultKind kind, int level, boolean stage2, boolean descriptorFetch) implements Translation {
        /** A stage-1 fault of the access itself. */
        public Faulted(FaultKind kind, int level) {
            this(kind, level, false, false);
        }

        /** This fault, met while fetching a descriptor. */
        public Faulted onDescriptorFetch() {
            return new Faulted(kind, level, stage2, true);
        }

        /** The fault in words: {@code translation}, {@code access flag (stage 2) on a descriptor fetch}, ... */
        public String describe() {
            return kind.word() + (stage2 ? " (stage 2)" : "") + (descriptorFetch ? " on a descriptor fetch" : "");
        }
    }
}
