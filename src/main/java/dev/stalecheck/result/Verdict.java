package dev.stalecheck.result;

/** The verdict of one condition. */
public enum Verdict {
    /** An expect holds in every final outcome considered. */
    HOLDS,
    /** An expect fails in some final outcome. */
    FAILS,
    /** An exists holds in some final outcome. */
    REACHABLE,
    /** An exists holds in no final outcome considered. */
    UNREACHABLE,
    /** A bound cut the search short before a verdict could be definitive. */
    UNKNOWN
}
