package dev.stalecheck.program;

/**
 * Initial physical memory (the language's {@code ram}).
 *
 * @param physicalAddress where
 * @param value           the value
 * @param wordBytes       width of the word written when {@code fillBytes} is 0
 * @param fillBytes       when positive, that many bytes each set to {@code value}'s low byte
 */
public record RamInit(long physicalAddress, long value, int wordBytes, long fillBytes) {
}
