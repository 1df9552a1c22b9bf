package dev.stalecheck.config;

import java.util.Optional;

/** A place on the path from a cpu to RAM that {@code pou}, {@code poc} or a device names: a level or memory. */
public sealed interface Point permits Point.Level, Point.Memory {
    /** RAM, beyond every cache level. */
    Point MEMORY = new Memory();

    /** How far out it lies: 1 for {@code l1d}/{@code l1i}, N for {@code lN}, {@link Integer#MAX_VALUE} for memory. */
    int depth();

    /** The word the scenario language uses: the level's name or {@code memory}. */
    String word();

    /** The level named {@code name} ({@code l1d}, {@code l1i} or {@code l2} .. {@code l9}). */
    static Point level(String name) {
        return new Level(name);
    }

    /** The point a (lower-case) language word names, if any: {@code memory} or a level name. */
    static Optional<Point> fromWord(String word) {
        if (word.equals(MEMORY.word())) {
            return Optional.of(MEMORY);
        }
        return CacheLevelConfig.isLevelName(word) ? Optional.of(level(word)) : Optional.empty();
    }

    /**
     * A cache level.
     *
     * @param name {@code l1d}, {@code l1i} or {@code l2} .. {@code l9}
     */
    record Level(String name) implements Point {
        /** Refuses a name that is not a level's. */
        public Level {
            if (name == null || !CacheLevelConfig.isLevelName(name)) {
                throw new ConfigException("cache level '" + name + "': expected l1d, l1i or l2 .. l9");
            }
        }

        @Override
        public int depth() {
            return CacheLevelConfig.levelDepth(name);
        }

        @Override
        public String word() {
            return name;
        }
    }

    /** Memory: RAM, beyond every level. */
    record Memory() implements Point {
        @Override
        public int depth() {
            return Integer.MAX_VALUE;
        }

        @Override
        public String word() {
            return "memory";
        }
    }
}
