package dev.stalecheck.program;

import dev.stalecheck.util.Worded;
import java.util.Optional;

/** The descriptor format of a page table ({@code pagetable NAME format FMT}). */
public enum TableFormat implements Worded {
    /** ARMv7 short descriptors: 32-bit addresses, first and second level. */
    V7_SHORT,
    /** ARMv7 LPAE long descriptors: 32-bit addresses, levels 1 to 3. */
    V7_LPAE,
    /** AArch64 with a 4 KB granule: 48-bit addresses, levels 0 to 3 (stage 2: 40-bit IPAs from level 1). */
    V8_4K;

    @Override
    public String word() {
        return switch (this) {
            case V7_SHORT -> "v7-short";
            case V7_LPAE -> "v7-lpae";
            case V8_4K -> "v8-4k";
        };
    }

    /** The format a (lower-case) language word names, if any. */
    public static Optional<TableFormat> fromWord(String word) {
        return Worded.fromWord(TableFormat.class, word);
    }
}
