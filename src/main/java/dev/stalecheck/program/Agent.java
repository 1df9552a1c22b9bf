package dev.stalecheck.program;

import dev.stalecheck.config.Point;

/** Who runs a thread: a cpu, or a bus master (device). */
public sealed interface Agent permits Agent.Cpu, Agent.Device {
    /**
     * A cpu, numbered from 0.
     *
     * @param index the cpu number
     */
    record Cpu(int index) implements Agent {
    }

    /**
     * A bus master using physical addresses.
     *
     * @param level    where it is attached: a shared level or memory; for a coherent device, the shared level its
     *                 writes allocate into ({@code coherent allocate LEVEL}), else memory
     * @param coherent whether it is IO-coherent (reads the newest copy, writes remove cached copies)
     * @param smmu     the SMMU its addresses (IOVAs) translate through, or null: they are physical
     */
    record Device(Point level, boolean coherent, Smmu smmu) implements Agent {
        /** A device whose addresses are physical. */
        public Device(Point level, boolean coherent) {
            this(level, coherent, null);
        }
    }
}
