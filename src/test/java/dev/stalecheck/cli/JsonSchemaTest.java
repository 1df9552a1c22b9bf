package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON output has exactly the fields docs/json.md lists, in that order, and is byte-identical across runs. */
class JsonSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> TOP = List.of("scenario", "file", "doc", "machine", "mode", "complete",
            "restrictions", "ordering", "states", "final_outcomes", "results", "outcomes", "hazards", "trace", "cost", "warnings", "threads",
            "caches", "start");
    private static final String[] SEARCH = {"transitions", "depth", "cut", "by_kind", "post_end", "new_states",
        "peak_queue"};

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void runJsonHasTheDocumentedFieldsInOrder() throws IOException {
        Cli.Result r = Cli.run("run", "--json", "examples/kvm-invalidate.scn");
        assertThat(r.exit()).isEqualTo(1);
        JsonNode o = MAPPER.readTree(r.out());
        assertThat(fields(o)).containsExactlyElementsOf(TOP);
        JsonNode result = o.get("results").get(0);
        assertThat(fields(result)).containsExactly("kind", "condition", "verdict", "witnesses", "trace");
        assertThat(result.get("verdict").asText()).isEqualTo("FAILS");
        assertThat(result.get("witnesses").isNumber()).isTrue();
        assertThat(fields(o.get("outcomes").get(0))).containsExactly("terms", "count");
        assertThat(o.get("outcomes").get(0).get("terms").get("kvm.r1").asText()).isEqualTo("0x0");
        JsonNode step = o.get("trace").get(1);
        assertThat(fields(step)).containsExactly("step", "agent", "operation", "choices", "effects");
        JsonNode discard = step.get("effects").get(0);
        assertThat(fields(discard)).containsExactly("type", "action", "cache", "cpu", "set", "way", "colour", "line",
                "before", "after");
        assertThat(discard.get("action").asText()).isEqualTo("discarded dirty");
        assertThat(discard.get("before").get("words").get(0).asText()).isEqualTo("0x80003013");
        assertThat(discard.get("after").isNull()).isTrue();
    }

    @Test
    void checkJsonEndsWithTheSearchObject() throws IOException {
        // kvm-invalidate: one cpu, L1D and L2, fills and evictions on; the search is complete.
        JsonNode o = MAPPER.readTree(Cli.run("check", "--json", "examples/kvm-invalidate.scn").out());
        List<String> top = new ArrayList<>(TOP);
        top.remove("trace");
        top.remove("cost");
        top.add("search");
        assertThat(fields(o)).containsExactlyElementsOf(top);
        JsonNode search = o.get("search");
        assertThat(fields(search)).containsExactly(SEARCH);
        assertThat(search.get("cut").isNull()).isTrue();
        assertThat(search.get("transitions").isNumber()).isTrue();
        assertThat(search.get("depth").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(search.get("new_states").asLong()).isEqualTo(o.get("states").asLong() - 1);
        long sum = 0;
        for (JsonNode n : search.get("by_kind")) {
            sum += n.asLong();
        }
        assertThat(sum).as("every transition has one kind").isEqualTo(search.get("transitions").asLong());
        assertThat(fields(search.get("by_kind"))).startsWith("thread").contains("evict l1d", "fill l2");
    }

    @Test
    void elapsedTimeOnlyWithTiming() throws IOException {
        JsonNode plain = MAPPER.readTree(Cli.run("check", "--json", "examples/kvm-flush.scn").out());
        assertThat(plain.get("search").has("elapsed_ms")).isFalse();
        JsonNode timed = MAPPER.readTree(Cli.run("check", "--json", "--timing", "examples/kvm-flush.scn").out());
        List<String> withTime = new ArrayList<>(List.of(SEARCH));
        withTime.add("elapsed_ms");
        assertThat(fields(timed.get("search"))).containsExactlyElementsOf(withTime);
        assertThat(timed.get("search").get("elapsed_ms").isNumber()).isTrue();
    }

    @Test
    void aCutIsNamedInTheSearchObject() throws IOException {
        JsonNode o = MAPPER.readTree(Cli.run("check", "--json", "--max-states", "5", "examples/kvm-flush.scn").out());
        assertThat(o.get("search").get("cut").asText()).isEqualTo("max-states");
        assertThat(o.get("search").get("new_states").asLong()).isEqualTo(4);
    }

    @Test
    void everyFieldIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("docs/json.md"));
        for (String f : TOP) {
            assertThat(doc).contains("| `" + f + "` |");
        }
        assertThat(doc).contains("| `search` |");
        for (String f : SEARCH) {
            assertThat(doc).contains("| `" + f + "` |");
        }
        assertThat(doc).contains("| `elapsed_ms` |");
        for (String f : List.of("kind", "keyword", "condition", "verdict", "witnesses", "terms", "count", "where",
                "line", "detail", "step", "agent", "operation", "choices", "effects")) {
            assertThat(doc).contains("`" + f + "`");
        }
    }

    @Test
    void theSameInputGivesByteIdenticalJson() {
        for (String mode : List.of("run", "check")) {
            String first = Cli.run(mode, "--json", "examples/kvm-invalidate.scn").out();
            String second = Cli.run(mode, "--json", "examples/kvm-invalidate.scn").out();
            assertThat(first).isEqualTo(second).isNotEmpty();
        }
    }

    @Test
    void notExistsCarriesItsKeyword(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = Cli.write(dir, "n.scn", "scenario \"n\"\nspace s { 0 -> 0 size 4K }\n"
                + "thread t on cpu0 in s { r1 = load [0x10] }\n~exists t.r1 == 1\n");
        JsonNode result = MAPPER.readTree(Cli.run("run", "--json", f.toString()).out()).get("results").get(0);
        assertThat(fields(result)).containsExactly("kind", "keyword", "condition", "verdict", "witnesses");
        assertThat(result.get("keyword").asText()).isEqualTo("~exists");
        assertThat(result.get("condition").asText()).isEqualTo("!(t.r1 == 1)");
    }
}
