package dev.stalecheck.scenario;

/** The keyword a condition is written with, which decides how final outcomes grade it. */
public enum ConditionKind {
    /** {@code expect C}: every final outcome satisfies C. */
    EXPECT,
    /** {@code forall C}: the same as expect. */
    FORALL,
    /** {@code exists C}: some final outcome satisfies C. */
    EXISTS,
    /** {@code ~exists C}: no final outcome satisfies C (graded as {@code expect !(C)}). */
    NOT_EXISTS;

    /** The keyword as written. */
    public String keyword() {
        return switch (this) {
            case EXPECT -> "expect";
            case FORALL -> "forall";
            case EXISTS -> "exists";
            case NOT_EXISTS -> "~exists";
        };
    }

    /** Whether one satisfying final outcome decides it (exists), rather than one that does not satisfy it. */
    public boolean existential() {
        return this == EXISTS;
    }

    /** The kind results report: {@code exists}, or {@code expect} for the three every final outcome must satisfy. */
    public String resultKind() {
        return existential() ? EXISTS.keyword() : EXPECT.keyword();
    }
}
