package dev.stalecheck.config;

/** Writes byte counts with the language's size suffixes ({@code 32K}, {@code 1M}). */
public final class SizeText {
    private SizeText() {
    }

    /** The shortest exact text for {@code bytes}: {@code G}, {@code M}, {@code K} or plain {@code B}. */
    public static String of(long bytes) {
        if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "G";
        }
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "M";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + "K";
        }
        return bytes + "B";
    }
}
