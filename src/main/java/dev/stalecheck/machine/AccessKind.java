package dev.stalecheck.machine;

/** What an access needs of its mapping's permissions: to read, to write, or to execute. */
enum AccessKind {
    /** A load, {@code translate}, or maintenance that needs only read permission. */
    READ,
    /** A store, or {@code dc ivac} (Arm ARM: DC IVAC requires write permission). */
    WRITE,
    /** An instruction fetch. */
    EXECUTE
}
