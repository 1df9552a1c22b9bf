package dev.stalecheck.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.TraceFormat;
import dev.stalecheck.replay.trace.TraceReader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's rules on small din traces whose counts are derived by hand; formats, compression and bad input. */
class ModelRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode level(String out, String name) throws IOException {
        for (JsonNode l : MAPPER.readTree(out).get("levels")) {
            if (l.get("level").asText().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no level " + name);
    }

    @Test
    void writeBackWriteAllocateCountsByHand() throws IOException {
        // generic: L1D 32K 4-way 64B, L2 256K 8-way 64B, both write-back write-allocate.
        // w 0x1000: L1D miss (allocate: L2 miss, fill from memory), line dirty.
        // r 0x1008: L1D hit (same line). r 0x9000 .. 0x29000 step 0x8000 (five lines in L1D set 64): the 5th evicts
        // the LRU line of the set, 0x1000, which is dirty: one write-back into L2 (which holds it).
        Path t = Cli.write(dir, "t.din", "w 1000 8\nr 1008 8\nr 9000 8\nr 11000 8\nr 19000 8\nr 21000 8\n");
        Cli.Result r = Cli.run("replay", "-q", "--json", t.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode l1 = level(r.out(), "l1d");
        assertThat(l1.get("references").asLong()).isEqualTo(6);
        assertThat(l1.get("hits").asLong()).isEqualTo(1);
        assertThat(l1.get("misses").asLong()).isEqualTo(5);
        assertThat(l1.get("write_backs").asLong()).isEqualTo(1);
        JsonNode l2 = level(r.out(), "l2");
        assertThat(l2.get("references").asLong()).as("one fill per L1D miss").isEqualTo(5);
        assertThat(l2.get("misses").asLong()).isEqualTo(5);
        assertThat(MAPPER.readTree(r.out()).get("memory_writes").asLong()).as("the write-back stopped in L2").isZero();
    }

    @Test
    void cleanRecordsWriteBackAndInvalidateRecordsDiscard() throws IOException {
        // arm1136: L1D only (no-write-allocate: a store miss goes to memory), so load the line first.
        // r, w: dirty in L1D. c: cleaned (1 write-back to memory). w: dirty again. v: invalidate any -> discard:
        // no second write-back.
        Path t = Cli.write(dir, "t.din", "r 2000 4\nw 2000 4\nc 2000 4\nw 2000 4\nv 2000 4\n");
        Cli.Result r = Cli.run("replay", "-q", "--json", "--machine", "arm1136", t.toString());
        JsonNode l1 = level(r.out(), "l1d");
        assertThat(l1.get("write_backs").asLong()).isEqualTo(1);
        assertThat(MAPPER.readTree(r.out()).get("memory_writes").asLong()).isEqualTo(1);
    }

    @Test
    void gzipBinaryAndStdinLikeFilesGiveTheSameCounts() throws IOException {
        String lackey = "==1== header\nI  00001000,4\n L 00002000,8\n S 00002008,8\n M 00003000,4\nI  00001004,4\n==1== end\n";
        Path text = Cli.write(dir, "t.txt", lackey);
        Path gz = dir.resolve("t.txt.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(lackey.getBytes(StandardCharsets.UTF_8));
        }
        Path bin = dir.resolve("t.bin");
        assertThat(Cli.run("replay", "-q", "--convert", bin.toString(), text.toString()).out()).contains("wrote 5 references");
        String a = Cli.run("replay", "-q", "--rules", "cachegrind", text.toString()).out();
        assertThat(a).contains("I   refs:      2").contains("D   refs:      3  (2 rd + 1 wr)");
        assertThat(Cli.run("replay", "-q", "--rules", "cachegrind", gz.toString()).out()).isEqualTo(a);
        assertThat(Cli.run("replay", "-q", "--rules", "cachegrind", bin.toString()).out()).isEqualTo(a);
    }

    @Test
    void progressCountsTheCompressedBytesReadFromDisk() throws IOException {
        // The progress bar's ETA is the fraction of the files' on-disk bytes read; for a gzip trace that is the
        // compressed size, which is what Files.size reports, not the (larger) text length.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(String.format("I  %08x,4%n L %08x,8%n", 0x1000 + 4 * i, 0x80000 + 8 * i));
        }
        Path gz = dir.resolve("p.txt.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        long refs = 0;
        try (TraceReader r = TraceFormat.open(gz.toString(), null, false, read)) {
            RefBatch b = new RefBatch();
            while (r.read(b)) {
                refs += b.count();
            }
        }
        assertThat(refs).isEqualTo(10000);
        assertThat(read.get()).isEqualTo(Files.size(gz)).isLessThan(text.length());
    }

    @Test
    void malformedLinesStopWithTheirLineNumberOrAreSkipped() {
        Path t = Cli.write(dir, "bad.txt", "I  00001000,4\n L zzzz,8\n S 00002008,8\n");
        Cli.Result r = Cli.run("replay", "-q", "--rules", "cachegrind", t.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith(t + ":2: malformed lackey line");
        Cli.Result skip = Cli.run("replay", "-q", "--skip-bad", "--rules", "cachegrind", t.toString());
        assertThat(skip.exit()).isZero();
        assertThat(skip.out()).contains("skipped 1 malformed lines").contains("D   refs:      1");
    }

    @Test
    void unknownFormatsAndMissingFilesAreInputErrors() {
        Path garbage = Cli.write(dir, "g.txt", "hello world\n");
        assertThat(Cli.run("replay", "-q", garbage.toString()).err()).contains("cannot tell the trace format");
        assertThat(Cli.run("replay", "-q", dir.resolve("none").toString()).exit()).isEqualTo(2);
    }

    @Test
    void rulesAreResolvedBeforeAnythingRuns() {
        Path t = Cli.write(dir, "t.din", "r 0 8\n");
        assertThat(Cli.run("replay", "-q", "--rules", "model", t.toString()).exit()).isZero();
        Cli.Result r = Cli.run("replay", "-q", "--rules", "valgrind", t.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("stalecheck: ")
                .contains("unknown rules 'valgrind' (expected model, cachegrind or dinero)");
        // --convert ignores the rules, but an unknown word is refused before the conversion writes anything.
        Path bin = dir.resolve("t.bin");
        assertThat(Cli.run("replay", "-q", "--rules", "Dinero", "--convert", bin.toString(), t.toString()).exit())
                .isEqualTo(2);
        assertThat(bin).doesNotExist();
    }

    @Test
    void missesAreClassifiedAsCompulsoryCapacityOrConflict() throws IOException {
        // generic L1D: 32K 4-way 64B = 128 sets, so addresses 8K apart share a set. A..E fill one set (5 compulsory
        // misses; E evicts A, the LRU). A again misses in the 4-way set, but a fully associative cache of 512 lines
        // would still hold it: a conflict miss. In L2 (512 sets of 8 ways) they sit in different sets: the refill of
        // A hits there.
        Path t = Cli.write(dir, "c.din", "r 0 8\nr 2000 8\nr 4000 8\nr 6000 8\nr 8000 8\nr 0 8\n");
        Cli.Result r = Cli.run("replay", "-q", "--json", "--classify", t.toString());
        JsonNode m = level(r.out(), "l1d").get("misses_by_kind");
        assertThat(m.get("compulsory").asLong()).isEqualTo(5);
        assertThat(m.get("capacity").asLong()).isZero();
        assertThat(m.get("conflict").asLong()).isEqualTo(1);
        assertThat(level(r.out(), "l2").get("hits").asLong()).isEqualTo(1);
    }

    @Test
    void severalMachinesInOnePass() {
        Path t = Cli.write(dir, "m.din", "r 0 8\nw 40 8\n");
        Cli.Result r = Cli.run("replay", "-q", "--machine", "cortex-a9", "--machine", "arm1136", t.toString());
        assertThat(r.out()).contains("machine cortex-a9: 2 references").contains("machine arm1136: 2 references");
    }
}
