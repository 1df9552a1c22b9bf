package dev.stalecheck.explore;

/** The search could not spill to disk (no room, or the file could not be made): it ends, cut by memory. */
final class SpillException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SpillException(String message) {
        super(message);
    }
}
