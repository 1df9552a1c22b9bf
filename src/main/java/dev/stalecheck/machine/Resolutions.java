package dev.stalecheck.machine;

import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/**
 * The {@code any} choices an execution has fixed so far: per cache level, what an invalidate does to a dirty
 * line; and whether disabled caches hit. Unresolved until the choice first matters.
 */
public final class Resolutions {
    /** Not chosen yet. */
    public static final byte UNRESOLVED = 0;
    /** Invalidate discards / disabled caches do not hit. */
    public static final byte FIRST = 1;
    /** Invalidate cleans first / disabled caches hit. */
    public static final byte SECOND = 2;

    private final byte[] invalidate;
    private final byte disabledHits;

    private Resolutions(byte[] invalidate, byte disabledHits) {
        this.invalidate = invalidate;
        this.disabledHits = disabledHits;
    }

    /** Nothing resolved, for a machine with {@code levels} levels. */
    public static Resolutions none(int levels) {
        return new Resolutions(new byte[levels], UNRESOLVED);
    }

    /** The invalidate choice for level number {@code level} (its index in the machine's level list). */
    public byte invalidate(int level) {
        return invalidate[level];
    }

    /** With the invalidate choice of level {@code level} fixed. */
    public Resolutions withInvalidate(int level, byte choice) {
        byte[] n = invalidate.clone();
        n[level] = choice;
        return new Resolutions(n, disabledHits);
    }

    /** The disabled-hits choice. */
    public byte disabledHits() {
        return disabledHits;
    }

    /** With the disabled-hits choice fixed. */
    public Resolutions withDisabledHits(byte choice) {
        return new Resolutions(invalidate, choice);
    }

    /** 64-bit fingerprint. */
    public long fingerprint() {
        long h = Fingerprint.combine(Fingerprint.SEED, disabledHits);
        for (byte b : invalidate) {
            h = Fingerprint.combine(h, b);
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resolutions r && r.disabledHits == disabledHits && Arrays.equals(r.invalidate, invalidate);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint());
    }
}
