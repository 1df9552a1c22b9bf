package dev.stalecheck.program;

/** What a translation fault reports (the families of the Arm ARM's fault status codes that the model raises). */
public enum FaultKind {
    /** No valid descriptor (or no mapping in a fixed space). */
    TRANSLATION,
    /** A valid leaf descriptor whose access flag is 0. */
    ACCESS_FLAG,
    /** An access the descriptor does not permit (a store to read-only, or no access at all). */
    PERMISSION;

    /** The kind in words, as messages name it. */
    public String word() {
        return switch (this) {
            case TRANSLATION -> "translation";
            case ACCESS_FLAG -> "access flag";
            case PERMISSION -> "permission";
        };
    }
}
