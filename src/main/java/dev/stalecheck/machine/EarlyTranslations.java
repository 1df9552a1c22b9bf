package dev.stalecheck.machine;

import dev.stalecheck.program.Translation;
import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/**
 * The translations a thread took before the operations that use them perform ({@code ordering armv8}): an
 * immutable map from operation index to translation, sorted by index.
 */
public final class EarlyTranslations {
    /** No early translation. */
    public static final EarlyTranslations NONE = new EarlyTranslations(new int[0], new Translation[0]);

    private final int[] ops;
    private final Translation[] results;

    private EarlyTranslations(int[] ops, Translation[] results) {
        this.ops = ops;
        this.results = results;
    }

    /** The translation taken for operation {@code op}, or null. */
    public Translation of(int op) {
        int i = Arrays.binarySearch(ops, op);
        return i >= 0 ? results[i] : null;
    }

    /** Whether there is none. */
    public boolean isEmpty() {
        return ops.length == 0;
    }

    /** These translations with {@code op}'s added. */
    public EarlyTranslations with(int op, Translation t) {
        int i = -Arrays.binarySearch(ops, op) - 1;
        if (i < 0) {
            throw new IllegalStateException("operation " + op + " was already translated");
        }
        int[] o = new int[ops.length + 1];
        Translation[] r = new Translation[ops.length + 1];
        System.arraycopy(ops, 0, o, 0, i);
        System.arraycopy(results, 0, r, 0, i);
        o[i] = op;
        r[i] = t;
        System.arraycopy(ops, i, o, i + 1, ops.length - i);
        System.arraycopy(results, i, r, i + 1, ops.length - i);
        return new EarlyTranslations(o, r);
    }

    /** These translations without {@code op}'s (it performed). */
    public EarlyTranslations without(int op) {
        int i = Arrays.binarySearch(ops, op);
        if (i < 0) {
            return this;
        }
        if (ops.length == 1) {
            return NONE;
        }
        int[] o = new int[ops.length - 1];
        Translation[] r = new Translation[ops.length - 1];
        System.arraycopy(ops, 0, o, 0, i);
        System.arraycopy(results, 0, r, 0, i);
        System.arraycopy(ops, i + 1, o, i, ops.length - i - 1);
        System.arraycopy(results, i + 1, r, i, ops.length - i - 1);
        return new EarlyTranslations(o, r);
    }

    /** 64-bit fingerprint, the same on every run (no identity hash codes). */
    public long fingerprint() {
        long h = Fingerprint.SEED;
        for (int i = 0; i < ops.length; i++) {
            h = Fingerprint.combine(h, ops[i]);
            if (results[i] instanceof Translation.Translated t) {
                h = Fingerprint.combine(h, t.physicalAddress());
                h = Fingerprint.combine(h, t.type().ordinal() * 2L + (t.shareable() ? 1 : 0));
            } else if (results[i] instanceof Translation.Faulted f) {
                h = Fingerprint.combine(h, -1 - f.kind().ordinal() * 64L - f.level() * 4L - (f.stage2() ? 2 : 0)
                        - (f.descriptorFetch() ? 1 : 0));
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EarlyTranslations e && Arrays.equals(e.ops, ops) && Arrays.equals(e.results, results);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint());
    }
}
