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

    /** The bytes of little-endian {@code words} as hexadecimal, one group of 16 digits per 8-byte word, lowest address first. */
    public static String words(long[] words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            String s = Long.toHexString(words[i]);
            for (int k = s.length(); k < 16; k++) {
                b.append('0');
            }
            b.append(s);
        }
        return b.toString();
    }
}
