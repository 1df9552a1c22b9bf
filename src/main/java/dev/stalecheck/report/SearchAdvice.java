package dev.stalecheck.report;

import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Says where a cut or long search's transitions come from and which restrictions would shrink it. */
public final class SearchAdvice {
    /** A search longer than this is explained even when complete. */
    private static final long LONG_MILLIS = 10_000;

    private SearchAdvice() {
    }

    /**
     * A restriction that would remove a share of the transitions, and what it gives up.
     *
     * @param restriction what to write in the scenario
     * @param givesUp     what the model then no longer explores
     * @param share       the fraction of the transitions it would remove
     */
    public record Suggestion(String restriction, String givesUp, double share) {
    }

    /** Whether a search deserves the explanation: cut by a bound, or longer than ten seconds. */
    public static boolean worthExplaining(SearchStats s) {
        return (s.isCut() && s.cut() != CutReason.DECIDED) || s.elapsedMillis() > LONG_MILLIS;
    }

    /**
     * The restrictions the counts point to, largest share first; {@code levelsUsed} are cache levels the program
     * itself names or needs ({@link #levelsUsed}), which are never suggested for removal.
     */
    public static List<Suggestion> suggestions(SearchStats s, Set<String> levelsUsed) {
        List<Suggestion> out = new ArrayList<>();
        if (s.transitions() == 0) {
            return out;
        }
        double total = s.transitions();
        double speculative = (s.countStartingWith("fill ") + s.countStartingWith("walk")) / total;
        if (speculative >= 0.2) {
            out.add(new Suggestion("explore { prefetch off }", "speculative fills and walks: a line or TLB entry"
                    + " that hardware brings in early, such as a refill between an invalidate and a read", speculative));
        }
        double evictions = s.countStartingWith("evict ") / total;
        if (evictions >= 0.4) {
            out.add(new Suggestion("explore { evictions off }", "spontaneous evictions: a dirty line written back at"
                    + " an arbitrary moment (victims a fill forces out remain)", evictions));
        }
        long instruction = s.countEndingWith(" l1i");
        if (instruction > 0 && !levelsUsed.contains("l1i")) {
            out.add(new Suggestion("cache l1i none  (in the machine block)", "the instruction cache, which no"
                    + " operation or cached line of the program uses", instruction / total));
        }
        double second = s.countEndingWith(" l2") / total;
        if (second >= 0.4 && !levelsUsed.contains("l2")) {
            out.add(new Suggestion("cache l2 none  (in the machine block), or a preset with fewer levels",
                    "the second level: dirty data parked in L2 and refills from it", second));
        }
        double drops = s.countStartingWith("tlb drop") / total;
        if (drops >= 0.1) {
            out.add(new Suggestion("explore { tlb-evictions off }", "TLB entries dropped at any moment (an entry"
                    + " then stays until an invalidate removes it)", drops));
        }
        out.sort(Comparator.comparingDouble(Suggestion::share).reversed());
        return out;
    }

    /** The block "where the states come from": transitions by kind with shares, then the suggestions. */
    public static List<String> explain(SearchStats s, Set<String> levelsUsed) {
        List<String> out = new ArrayList<>();
        String why = s.isCut() ? "search cut by " + s.cut().word() : String.format(Locale.ROOT, "search took %.1f s",
                s.elapsedMillis() / 1000.0);
        out.add("where the states come from (" + why + " at depth " + s.depth() + ", " + (s.newStates() + 1)
                + " states, at most " + s.peakQueue() + " queued):");
        out.add("  " + s.transitions() + " transitions, " + s.newStates() + " to a new state, " + s.postEnd()
                + " (" + percent(s.postEnd(), s.transitions()) + ") after every thread had finished");
        List<Map.Entry<String, Long>> kinds = new ArrayList<>(s.byKind().entrySet());
        kinds.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (Map.Entry<String, Long> k : kinds) {
            out.add(String.format(Locale.ROOT, "  %-14s %12d  %6s", k.getKey(), k.getValue(),
                    percent(k.getValue(), s.transitions())));
        }
        List<Suggestion> suggestions = suggestions(s, levelsUsed);
        if (suggestions.isEmpty()) {
            out.add("restrictions that would shrink it: none stands out from these counts");
        } else {
            out.add("restrictions that would shrink it:");
        }
        for (Suggestion g : suggestions) {
            out.add(String.format(Locale.ROOT, "  %s  (%.1f%% of transitions)", g.restriction(), 100 * g.share()));
            out.add("      gives up " + g.givesUp());
        }
        return out;
    }

    private static String percent(long n, long of) {
        return String.format(Locale.ROOT, "%.1f%%", of == 0 ? 0.0 : 100.0 * n / of);
    }

    /**
     * The cache levels {@code p} names or needs: those of its {@code cached} lines and set/way or whole-level
     * operations, and {@code l1i} when it fetches instructions or maintains the instruction cache.
     */
    public static Set<String> levelsUsed(Program p) {
        Set<String> out = new TreeSet<>();
        for (InitialLine l : p.cachedLines()) {
            out.add(l.level());
        }
        for (ThreadProgram t : p.threads()) {
            for (Op op : t.ops()) {
                if (op instanceof Op.Fetch || op instanceof Op.InstructionCacheOp) {
                    out.add("l1i");
                } else if (op instanceof Op.DataCacheBySetWay w) {
                    out.add(w.level());
                } else if (op instanceof Op.DataCacheWholeLevel w) {
                    out.add(w.level());
                }
            }
        }
        return out;
    }
}
