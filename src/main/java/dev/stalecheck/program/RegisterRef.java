package dev.stalecheck.program;

/**
 * A register of one thread: its index in the thread's register file and its name.
 *
 * @param index position in the thread's register file (0-based, below {@link RegisterFile#MAX_REGISTERS})
 * @param name  the register's name in the scenario
 */
public record RegisterRef(int index, String name) {
    /** Validates the index. */
    public RegisterRef {
        if (index < 0 || index >= RegisterFile.MAX_REGISTERS) {
            throw new IllegalArgumentException("register index " + index + " out of range");
        }
    }
}
