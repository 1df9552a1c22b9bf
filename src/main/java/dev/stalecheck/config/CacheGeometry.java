package dev.stalecheck.config;

/**
 * Size, associativity and line size of one cache, validated when built.
 *
 * @param sizeBytes total data capacity in bytes
 * @param ways      associativity
 * @param lineBytes bytes per line
 */
public record CacheGeometry(int sizeBytes, int ways, int lineBytes) {
    /** Smallest line the model supports (two 64-bit words). */
    public static final int MIN_LINE = 16;
    /** Largest line the model supports. */
    public static final int MAX_LINE = 512;
    /** Largest cache the model accepts (256 MiB). */
    public static final int MAX_SIZE = 1 << 28;

    /** Validates the geometry; every failure names the field. */
    public CacheGeometry {
        if (lineBytes < MIN_LINE || lineBytes > MAX_LINE || Integer.bitCount(lineBytes) != 1) {
            throw new ConfigException("line size " + lineBytes + "B: must be a power of two from "
                    + MIN_LINE + "B to " + MAX_LINE + "B");
        }
        if (ways < 1 || ways > 64) {
            throw new ConfigException("ways " + ways + ": must be from 1 to 64");
        }
        if (sizeBytes < 1 || sizeBytes > MAX_SIZE) {
            throw new ConfigException("size " + sizeBytes + "B: must be from 1 byte to 256M");
        }
        if (sizeBytes % ((long) ways * lineBytes) != 0) {
            throw new ConfigException("size " + sizeBytes + "B is not a multiple of ways x line size ("
                    + ways + " x " + lineBytes + "B)");
        }
        int sets = sizeBytes / (ways * lineBytes);
        if (Integer.bitCount(sets) != 1) {
            throw new ConfigException("size " + sizeBytes + "B with " + ways + " ways of " + lineBytes
                    + "B lines gives " + sets + " sets: the number of sets must be a power of two");
        }
    }

    /** Number of sets. */
    public int sets() {
        return sizeBytes / (ways * lineBytes);
    }

    /** Bytes in one way (sets x line size). */
    public int wayBytes() {
        return sizeBytes / ways;
    }

    /** log2 of the line size: the number of offset bits. */
    public int lineShift() {
        return Integer.numberOfTrailingZeros(lineBytes);
    }

    /** log2 of the number of sets. */
    public int setBits() {
        return Integer.numberOfTrailingZeros(sets());
    }

    /** Text as the scenario language writes it, e.g. {@code 32K 4-way 64B}. */
    public String describe() {
        return SizeText.of(sizeBytes) + " " + ways + "-way " + lineBytes + "B";
    }
}
