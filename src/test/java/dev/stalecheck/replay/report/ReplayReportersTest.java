package dev.stalecheck.replay.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.replay.simulator.CachegrindStats;
import dev.stalecheck.replay.simulator.DineroStats;
import dev.stalecheck.replay.simulator.Geometry;
import dev.stalecheck.replay.simulator.Hierarchy;
import dev.stalecheck.replay.simulator.ModelStats;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reporters render hand-made statistics records; each field lands where the text and JSON layouts say. */
class ReplayReportersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Geometry L1 = new Geometry(32768, 4, 64);
    private static final Geometry LL = new Geometry(262144, 8, 64);
    private static final String NL = System.lineSeparator();

    private static final Hierarchy CACHES = new Hierarchy(L1, L1, LL);
    private static final CachegrindStats CACHEGRIND = new CachegrindStats(CACHES,
            new CachegrindStats.Counters(1000, 10, 2, 300, 30, 3, 200, 20, 4), 1500, 2);

    @Test
    void cachegrindTextIsItsSummaryLayoutWithReadsAndWritesAdded() {
        assertThat(ReportFormat.TEXT.reporter().cachegrind(CACHEGRIND)).isEqualTo(
                "I1 32768B 4-way 64B, D1 32768B 4-way 64B, LL 262144B 8-way 64B" + NL
                + "I   refs:      1,000" + NL
                + "I1  misses:    10" + NL
                + "LLi misses:    2" + NL
                + "D   refs:      500  (300 rd + 200 wr)" + NL
                + "D1  misses:    50  (30 rd + 20 wr)" + NL
                + "LLd misses:    7  (3 rd + 4 wr)" + NL
                + "summary: 1000 10 2 300 30 3 200 20 4" + NL
                + "skipped 2 malformed lines" + NL);
    }

    @Test
    void cachegrindJsonNamesEveryCounter() throws IOException {
        JsonNode o = MAPPER.readTree(ReportFormat.JSON.reporter().cachegrind(CACHEGRIND));
        assertThat(o.get("rules").asText()).isEqualTo("cachegrind");
        assertThat(o.get("references").asLong()).isEqualTo(1500);
        assertThat(o.get("skipped").asLong()).isEqualTo(2);
        assertThat(o.get("counters").fieldNames()).toIterable().containsExactlyElementsOf(CachegrindStats.NAMES);
        assertThat(o.at("/counters/DLmw").asLong()).isEqualTo(4);
    }

    @Test
    void dineroRowsAddDataAndTotalsAndRatesByType() {
        // Fetches: 6 reads, 2 writes, 12 instruction fetches; misses 3, 1, 0. Data 8, total 20; miss rates
        // 4/20 = 0.2000 in total, 0 of the instruction fetches, 4/8 = 0.5000 of the data.
        DineroStats.Cache d1 = new DineroStats.Cache("l1-dcache", new DineroStats.ByType(6, 2, 12),
                new DineroStats.ByType(3, 1, 0), 1, 1, 256, 64);
        String text = ReportFormat.TEXT.reporter().dinero(new DineroStats(CACHES, List.of(d1), 20, 0));
        assertThat(text.lines()).contains(
                " Demand Fetches                 20           12            8            6            2",
                " Demand Misses                   4            0            4            3            1",
                " Demand miss rate           0.2000       0.0000       0.5000       0.5000       0.5000",
                " Bytes From Memory             256");
        assertThat(text).doesNotContain("skipped");
    }

    @Test
    void modelJsonCarriesTheMachineAndMissKindsOnlyWhenClassified() throws IOException {
        ModelStats.Level l1 = new ModelStats.Level("l1d", 10, 6, 4, 1, 256, 64,
                new ModelStats.MissKinds(2, 1, 1));
        ModelStats.Level l2 = new ModelStats.Level("l2", 4, 1, 3, 0, 192, 0, null);
        ModelStats stats = new ModelStats("generic", List.of(l1, l2), 3, 1, 10, 0);
        JsonNode o = MAPPER.readTree(ReportFormat.JSON.reporter().model(stats));
        assertThat(o.fieldNames()).toIterable().startsWith("rules", "machine", "references", "skipped");
        assertThat(o.at("/levels/0/misses_by_kind/conflict").asLong()).isEqualTo(1);
        assertThat(o.at("/levels/1").has("misses_by_kind")).isFalse();
        assertThat(o.get("memory_reads").asLong()).isEqualTo(3);
        String text = ReportFormat.TEXT.reporter().model(stats);
        assertThat(text).startsWith("machine generic: 10 references" + NL)
                .contains("l1d    misses: 2 compulsory, 1 capacity, 1 conflict").doesNotContain("l2     misses:");
        assertThat(text.lines()).contains(
                "l1d                10              6              4   40.00%            1            256"
                        + "               64");
    }

    @Test
    void severalHierarchiesAreSeparatedByABlankLineInTextAndNothingInJson() {
        assertThat(ReportFormat.TEXT.reporter().separator()).isEqualTo(NL);
        assertThat(ReportFormat.JSON.reporter().separator()).isEmpty();
    }
}
