package dev.stalecheck.config;

import java.util.Optional;

/** Where the table walker's descriptor reads start ({@code walker}): at a fixed point, or at any level, per read. */
public sealed interface WalkerStart permits WalkerStart.Any, WalkerStart.From {
    /** {@code walker any}: each descriptor read may start at any data level or memory. */
    WalkerStart ANY = new Any();
    /** {@code walker memory}: walks read RAM. */
    WalkerStart MEMORY = new From(Point.MEMORY);
    /** {@code walker l1}: walks start at the L1 data caches. */
    WalkerStart L1 = new From(Point.level("l1d"));

    /** The word the scenario language uses ({@code l1} for the L1 data cache). */
    String word();

    /** The start a (lower-case) language word names, if any: {@code any}, {@code l1}, a level name or memory. */
    static Optional<WalkerStart> fromWord(String word) {
        if (word.equals(ANY.word())) {
            return Optional.of(ANY);
        }
        if (word.equals(L1.word())) {
            return Optional.of(L1);
        }
        return Point.fromWord(word).map(From::new);
    }

    /** Every descriptor read chooses its start: each data level the walker may use, then memory. */
    record Any() implements WalkerStart {
        @Override
        public String word() {
            return "any";
        }
    }

    /**
     * Every descriptor read starts at one point and goes outward.
     *
     * @param point a data cache level or memory
     */
    record From(Point point) implements WalkerStart {
        @Override
        public String word() {
            return point.equals(Point.level("l1d")) ? "l1" : point.word();
        }
    }
}
