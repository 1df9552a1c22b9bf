package dev.stalecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The explanation of a cut or long search, from hand-made counts. */
class SearchAdviceTest {
    private static SearchStats stats(CutReason cut, long millis, Object... kindsAndCounts) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        long total = 0;
        for (int i = 0; i < kindsAndCounts.length; i += 2) {
            long n = ((Number) kindsAndCounts[i + 1]).longValue();
            byKind.put((String) kindsAndCounts[i], n);
            total += n;
        }
        return new SearchStats(total / 4 + 1, total, total / 4, total / 10, 12, 345, byKind, cut, "",
                new SearchStats.Fingerprints(0, -1), new SearchStats.Spill(0, 0, "/tmp"), millis);
    }

    private static List<String> restrictions(SearchStats s, Set<String> used) {
        return SearchAdvice.suggestions(s, used).stream().map(SearchAdvice.Suggestion::restriction).toList();
    }

    @Test
    void onlyACutOrLongSearchIsExplained() {
        assertThat(SearchAdvice.worthExplaining(stats(null, 9_000, "thread", 10))).isFalse();
        assertThat(SearchAdvice.worthExplaining(stats(null, 10_001, "thread", 10))).isTrue();
        assertThat(SearchAdvice.worthExplaining(stats(CutReason.TIMEOUT, 5, "thread", 10))).isTrue();
        assertThat(SearchAdvice.worthExplaining(stats(CutReason.MAX_STATES, 5, "thread", 10))).isTrue();
    }

    @Test
    void evictionsThatDominateComeFirstThenSpeculation() {
        // 1000 transitions: evictions 600 (60%: at least 40%), fills 150 + walks 50 (20%: at least 20%), thread
        // steps 200. Largest share first.
        SearchStats s = stats(CutReason.MAX_STATES, 5, "thread", 200, "evict l1d", 450, "evict l2", 150, "fill l1d", 150,
                "walk", 50);
        List<SearchAdvice.Suggestion> g = SearchAdvice.suggestions(s, Set.of());
        assertThat(g).extracting(SearchAdvice.Suggestion::restriction)
                .containsExactly("explore { evictions off }", "explore { prefetch off }");
        assertThat(g.get(0).share()).isEqualTo(0.6);
        assertThat(g.get(0).givesUp()).contains("spontaneous evictions").contains("remain");
        assertThat(g.get(1).givesUp()).contains("speculative fills and walks");
    }

    @Test
    void smallSharesSuggestNothing() {
        // Evictions 39%, fills 19%, TLB drops 9%: each just under its threshold.
        SearchStats s = stats(CutReason.TIMEOUT, 5, "thread", 33, "evict l1d", 39, "fill l1d", 19, "tlb drop", 9);
        assertThat(SearchAdvice.suggestions(s, Set.of())).isEmpty();
        assertThat(SearchAdvice.explain(s, Set.of()))
                .contains("restrictions that would shrink it: none stands out from these counts");
    }

    @Test
    void theInstructionCacheIsSuggestedOnlyWhenTheProgramDoesNotUseIt() {
        SearchStats s = stats(CutReason.TIMEOUT, 5, "thread", 90, "fill l1i", 5, "evict l1i", 5);
        assertThat(restrictions(s, Set.of())).containsExactly("cache l1i none  (in the machine block)");
        assertThat(restrictions(s, Set.of("l1i"))).isEmpty();
    }

    @Test
    void aDominantSecondLevelAndTlbDrops() {
        // l2: 250 + 200 = 45% of 1000; TLB drops 10%; evictions 25 + 250 = 27.5% (under 40%).
        SearchStats s = stats(CutReason.TIMEOUT, 5, "thread", 325, "evict l1d", 25, "evict l2", 250, "fill l2", 200,
                "tlb drop", 100, "walk", 100);
        assertThat(restrictions(s, Set.of())).containsExactly(
                "cache l2 none  (in the machine block), or a preset with fewer levels", "explore { prefetch off }",
                "explore { tlb-evictions off }");
        assertThat(restrictions(s, Set.of("l2"))).doesNotContain(
                "cache l2 none  (in the machine block), or a preset with fewer levels");
    }

    @Test
    void theBlockListsKindsByCountWithPercentages() {
        SearchStats s = stats(CutReason.MAX_STATES, 5, "thread", 200, "evict l1d", 600, "fill l1d", 200);
        List<String> lines = SearchAdvice.explain(s, Set.of());
        assertThat(lines.get(0)).isEqualTo(
                "where the states come from (search cut by max-states at depth 12, 251 states, at most 345 queued):");
        assertThat(lines.get(1)).isEqualTo("  1000 transitions, 250 to a new state, 100 (10.0%) after every thread"
                + " had finished");
        assertThat(lines.get(2)).startsWith("  evict l1d").endsWith("600   60.0%");
        assertThat(lines.get(3)).startsWith("  thread").endsWith("200   20.0%");
        assertThat(lines.get(4)).startsWith("  fill l1d").endsWith("200   20.0%");
        assertThat(lines.get(5)).isEqualTo("restrictions that would shrink it:");
        assertThat(lines.get(6)).isEqualTo("  explore { evictions off }  (60.0% of transitions)");
        assertThat(lines.get(7)).startsWith("      gives up spontaneous evictions");
        assertThat(lines.get(8)).isEqualTo("  explore { prefetch off }  (20.0% of transitions)");
    }

    @Test
    void aLongCompleteSearchSaysHowLongItTook() {
        assertThat(SearchAdvice.explain(stats(null, 12_345, "thread", 4), Set.of()).get(0))
                .startsWith("where the states come from (search took 12.3 s at depth 12");
    }
}
