package dev.stalecheck.scenario;

/** The range of addresses a descriptor covers, as {@code explain} prints it: {@code 0xc0000000..0xc00fffff}. */
final class VaRange {
    private VaRange() {
    }

    /** {@code span} bytes from {@code from}, first and last address in hex. */
    static String of(long from, long span) {
        return "0x" + Long.toHexString(from) + "..0x" + Long.toHexString(from + span - 1);
    }
}
