package dev.stalecheck.program;

/**
 * A line present in a cache at the start (the language's {@code cached}).
 *
 * @param cpu             the cpu whose private level holds it, or -1 for a shared level
 * @param level           the level's name
 * @param physicalAddress an address in the line; {@code value} is written there as a {@code word}
 * @param value           the word written at {@code physicalAddress}; the rest of the line is as RAM holds it
 * @param wordBytes       width of {@code value} in bytes
 * @param dirty           whether the line starts dirty
 * @param colour          the colour it sits in, or -1 for the physical address's own colour
 */
public record InitialLine(int cpu, String level, long physicalAddress, long value, int wordBytes, boolean dirty,
                          int colour) {
}
