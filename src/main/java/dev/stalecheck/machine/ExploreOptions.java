package dev.stalecheck.machine;

import java.util.ArrayList;
import java.util.List;

/**
 * Which spontaneous hardware events the model offers (the language's {@code explore} block).
 *
 * @param evictions    spontaneous evictions of valid lines (forced victims remain when off)
 * @param prefetch     speculative fills of relevant lines
 * @param tlbEvictions dropping TLB entries
 * @param cleans       hardware writing a dirty line back and keeping it
 */
public record ExploreOptions(boolean evictions, boolean prefetch, boolean tlbEvictions, boolean cleans) {
    /** The default: everything but spontaneous cleans. */
    public static final ExploreOptions DEFAULT = new ExploreOptions(true, true, true, false);

    /** The option words turned off, as reports list them ({@code ["prefetch"]}). */
    public List<String> restrictions() {
        List<String> out = new ArrayList<>();
        if (!evictions) {
            out.add("evictions");
        }
        if (!prefetch) {
            out.add("prefetch");
        }
        if (!tlbEvictions) {
            out.add("tlb-evictions");
        }
        return out;
    }
}
