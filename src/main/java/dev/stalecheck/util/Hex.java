package dev.stalecheck.util;

/** Formats addresses and data values as the reports print them: lower-case {@code 0x} hexadecimal. */
public final class Hex {
    private Hex() {
    }

    /** {@code 0x} followed by the unsigned hexadecimal digits of {@code value}. */
    public static String of(long value) {
        return "0x" + Long.toHexString(value);
    }

    /** {@code 0x} followed by exactly {@code digits} hexadecimal digits, zero-padded. */
    public static String padded(long value, int digits) {
        String s = Long.toHexString(value);
        StringBuilder b = new StringBuilder("0x");
        for (int i = s.length(); i < digits; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }

    /**
     * The bytes of little-endian {@code words} compactly: each non-zero 8-byte word as {@code +OFFSET=VALUE}
     * ({@code [+0x0=0x80003013]}), or {@code [zeros]} when every byte is zero.
     */
    public static String words(long[] words) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < words.length; i++) {
            if (words[i] != 0) {
                b.append(b.length() > 1 ? " " : "").append("+").append(of(8L * i)).append('=').append(of(words[i]));
            }
        }
        return b.append(b.length() == 1 ? "zeros]" : "]").toString();
    }
}
