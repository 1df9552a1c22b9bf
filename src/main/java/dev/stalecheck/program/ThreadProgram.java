package dev.stalecheck.program;

import java.util.List;

/**
 * One thread: who runs it, its context, its operations in program order and the threads it waits for.
 *
 * @param name      the thread's name
 * @param agent     the cpu or device that runs it
 * @param space     its fixed translation ({@code in SPACE}), or {@code null}: MMU and caches start off
 * @param ops       operations in program order
 * @param after     indexes of threads that must finish before this one starts
 * @param registers the registers the thread uses, indexed as {@link RegisterRef#index()}
 * @param table     its translation table ({@code in TABLE}), or {@code null}; a thread has a space or a table
 */
public record ThreadProgram(String name, Agent agent, Space space, List<Op> ops, List<Integer> after,
                            List<String> registers, PageTable table) {
    /** A thread in a fixed space (or none). */
    public ThreadProgram(String name, Agent agent, Space space, List<Op> ops, List<Integer> after, List<String> registers) {
        this(name, agent, space, ops, after, registers, null);
    }

    /** Copies the lists. */
    public ThreadProgram {
        ops = List.copyOf(ops);
        after = List.copyOf(after);
        registers = List.copyOf(registers);
        if (registers.size() > RegisterFile.MAX_REGISTERS) {
            throw new IllegalArgumentException("thread " + name + " uses " + registers.size()
                    + " registers; at most " + RegisterFile.MAX_REGISTERS + " are allowed");
        }
    }

    /** Whether the thread has a translation (a space or a table): it starts with MMU and caches on. */
    public boolean translated() {
        return space != null || table != null;
    }

    /** Whether a cpu runs this thread. */
    public boolean onCpu() {
        return agent instanceof Agent.Cpu;
    }

    /** The cpu number, or -1 for a device thread. */
    public int cpu() {
        return agent instanceof Agent.Cpu c ? c.index() : -1;
    }

    /**
     * Whether the thread may access memory by physical address: a device, a cpu thread without translation, or one
     * that turns its MMU off.
     */
    public boolean mayRunPhysical() {
        return !onCpu() || !translated() || ops.stream()
                .anyMatch(o -> o instanceof Op.ControlChange c && c.bit() == Op.ControlBit.MMU && !c.on());
    }
}
