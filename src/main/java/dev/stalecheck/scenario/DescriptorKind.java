package dev.stalecheck.scenario;

import dev.stalecheck.util.Worded;
import java.util.Optional;

/** The kind of descriptor a {@code map} line lays out or {@code desc()} encodes; which ones apply depends on the format. */
enum DescriptorKind implements Worded {
    /** v7-short: 1 MB at the first level. */
    SECTION,
    /** v7-short: 16 MB, sixteen first-level entries. */
    SUPERSECTION,
    /** 4 KB at the last level. */
    PAGE,
    /** v7-short: 64 KB, sixteen second-level entries. */
    LARGE_PAGE,
    /** Long formats: 1 GB at level 1 or 2 MB at level 2. */
    BLOCK,
    /** {@code desc()} only: a pointer to a next-level table. */
    TABLE,
    /** {@code desc()} only: an invalid descriptor (0). */
    FAULT;

    @Override
    public String word() {
        return switch (this) {
            case SECTION -> "section";
            case SUPERSECTION -> "supersection";
            case PAGE -> "page";
            case LARGE_PAGE -> "large-page";
            case BLOCK -> "block";
            case TABLE -> "table";
            case FAULT -> "fault";
        };
    }

    /** Whether a {@code map} line may use it: every kind but {@code table} and {@code fault}, which map nothing. */
    boolean maps() {
        return this != TABLE && this != FAULT;
    }

    /** The kind a (lower-case) language word names, if any. */
    static Optional<DescriptorKind> fromWord(String word) {
        return Worded.fromWord(DescriptorKind.class, word);
    }
}
