package dev.stalecheck.util;

import java.util.Arrays;
import java.util.Optional;

/** A closed set of values that the scenario language or the command line names by words. */
public interface Worded {
    /** The word that names this value. */
    String word();

    /** The constant of {@code type} that {@code word} names, if any. */
    static <E extends Enum<E> & Worded> Optional<E> fromWord(Class<E> type, String word) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.word().equals(word)).findFirst();
    }
}
