package dev.stalecheck.util;

/**
 * The one 64-bit mixing function every part of a state uses to fold itself into a fingerprint.
 *
 * <p>Why this mixer: the finaliser of MurmurHash3 (also SplitMix64's) has full avalanche, so
 * combining parts with {@link #combine} keeps fingerprints of states that differ in one field far
 * apart, which is what makes the collision estimate {@code n^2 / 2^65} meaningful.
 */
public final class Fingerprint {
    /** The fingerprint of nothing; the seed every fold starts from. */
    public static final long SEED = 0x9E3779B97F4A7C15L;

    private Fingerprint() {
    }

    /** Mixes one 64-bit value so that every input bit affects every output bit. */
    public static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Folds {@code value} into the running fingerprint {@code acc}; order matters. */
    public static long combine(long acc, long value) {
        return mix(acc * 31 + mix(value + SEED));
    }

    /** Folds every element of {@code values} into {@code acc}. */
    public static long combine(long acc, long[] values) {
        long h = combine(acc, values.length);
        for (long v : values) {
            h = combine(h, v);
        }
        return h;
    }
}
