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

    /** These options with {@code option} turned on or off. */
    public ExploreOptions with(ExploreOption option, boolean on) {
        return switch (option) {
            case EVICTIONS -> new ExploreOptions(on, prefetch, tlbEvictions, cleans);
            case PREFETCH -> new ExploreOptions(evictions, on, tlbEvictions, cleans);
            case TLB_EVICTIONS -> new ExploreOptions(evictions, prefetch, on, cleans);
            case CLEANS -> new ExploreOptions(evictions, prefetch, tlbEvictions, on);
        };
    }

    /** The option words turned off, as reports list them ({@code ["prefetch"]}). */
    public List<String> restrictions() {
        List<String> out = new ArrayList<>();
        if (!evictions) {
            out.add(ExploreOption.EVICTIONS.word());
        }
        if (!prefetch) {
            out.add(ExploreOption.PREFETCH.word());
        }
        if (!tlbEvictions) {
            out.add(ExploreOption.TLB_EVICTIONS.word());
        }
        return out;
    }
}
