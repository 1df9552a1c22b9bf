package dev.stalecheck.program;

import dev.stalecheck.util.Hex;

/**
 * A 64-bit unsigned value, or {@code fault}, which is distinct from every number.
 *
 * @param bits  the number (0 when a fault)
 * @param fault whether this is the fault value
 */
public record Value(long bits, boolean fault) {
    /** The fault value. */
    public static final Value FAULT = new Value(0, true);

    /** A number. */
    public static Value of(long bits) {
        return new Value(bits, false);
    }

    /** {@code fault} or the number in {@code 0x} hex. */
    public String describe() {
        return fault ? "fault" : Hex.of(bits);
    }
}
