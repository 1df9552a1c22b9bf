package dev.stalecheck.replay.trace;

/** The kinds of memory reference a trace holds, as small codes for primitive arrays. */
public final class RefKind {
    /** An instruction fetch. */
    public static final byte INSTR = 0;
    /** A data load. */
    public static final byte LOAD = 1;
    /** A data store. */
    public static final byte STORE = 2;
    /** A data modify (load and store of the same location; cachegrind counts it as one read). */
    public static final byte MODIFY = 3;
    /** A clean to PoC of the line (Dinero IV's {@code c}). */
    public static final byte CLEAN = 4;
    /** An invalidate to PoC of the line (Dinero IV's {@code v}). */
    public static final byte INVALIDATE = 5;

    private RefKind() {
    }
}
