package dev.stalecheck.program;

import java.util.Locale;
import java.util.Optional;

/**
 * The memory attributes of a table's walks: TTBR/TTBCR/TCR IRGN and ORGN for stage 1, VTCR_EL2 for stage 2.
 *
 * @param inner the inner cacheability (levels not marked {@code outer})
 * @param outer the outer cacheability ({@code outer} levels)
 */
public record WalkAttributes(Cacheability inner, Cacheability outer) {
    /** Inner and outer write-back: a walk reads every level its walker reads (what a table without {@code walk} does). */
    public static final WalkAttributes WRITE_BACK = new WalkAttributes(Cacheability.WB, Cacheability.WB);

    /** A cacheability of walk accesses, as the language writes it. */
    public enum Cacheability {
        /** Non-cacheable: the walk reads memory as every observer sees it (the PoC). */
        NC,
        /** Write-through: cacheable, except at levels that do not look write-through memory up ({@code wt-bypass}). */
        WT,
        /** Write-back: cacheable. */
        WB;

        /** The language word: {@code nc}, {@code wt} or {@code wb}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The cacheability a (lower-case) word names, if any. */
        public static Optional<Cacheability> fromWord(String word) {
            for (Cacheability c : values()) {
                if (c.word().equals(word)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** Whether a walk with these attributes looks up a level ({@code outer}, {@code wt-bypass} as the level says). */
    public boolean caches(boolean outerLevel, boolean wtBypass) {
        Cacheability c = outerLevel ? outer : inner;
        return c == Cacheability.WB || c == Cacheability.WT && !wtBypass;
    }

    /**
     * These attributes combined with the memory type of a further stage (stage 2 for a guest's stage-1 walk): each
     * of inner and outer becomes the less cacheable of the two (device and {@code normal-nc} are Non-cacheable).
     */
    public WalkAttributes limitedBy(MemoryType type) {
        Cacheability cap = cacheability(type);
        return new WalkAttributes(inner.compareTo(cap) <= 0 ? inner : cap, outer.compareTo(cap) <= 0 ? outer : cap);
    }

    /** The walk attributes a memory type gives for inner and outer alike. */
    public static WalkAttributes of(MemoryType type) {
        Cacheability c = cacheability(type);
        return new WalkAttributes(c, c);
    }

    private static Cacheability cacheability(MemoryType type) {
        return switch (type) {
            case DEVICE, NORMAL_NC -> Cacheability.NC;
            case NORMAL_WT -> Cacheability.WT;
            case NORMAL -> Cacheability.WB;
        };
    }

    /** The clause as the language writes it: {@code walk wb}, {@code walk inner nc outer wb}. */
    public String clause() {
        return inner == outer ? "walk " + inner.word() : "walk inner " + inner.word() + " outer " + outer.word();
    }
}
