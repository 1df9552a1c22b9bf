package dev.stalecheck.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * A trace cut short — a binary trace without its end record, a gzip or xz file that stops inside the compressed
 * stream — is an error naming the file and the byte offset (exit 2, nothing on stdout), or with
 * {@code --accept-truncated} a warning, the references before the cut counted.
 */
class TruncatedTraceTest {
    private static final int REFERENCES = 20000;

    @TempDir
    Path dir;

    /** A din trace of {@link #REFERENCES} reads whose addresses do not compress well. */
    private Path din() {
        StringBuilder b = new StringBuilder();
        long a = 0x12345;
        for (int i = 0; i < REFERENCES; i++) {
            a = a * 6364136223846793005L + 1442695040888963407L;
            b.append("r ").append(Long.toHexString(a >>> 20)).append(" 8\n");
        }
        return Cli.write(dir, "t.din", b.toString());
    }

    private Path cut(Path whole, String name, int keep) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, Arrays.copyOf(Files.readAllBytes(whole), keep));
        return p;
    }

    private Path compressed(Path text, String name, boolean xz) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = xz ? new XZOutputStream(Files.newOutputStream(p), new LZMA2Options())
                : new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(Files.readAllBytes(text));
        }
        return p;
    }

    private static void refusedAt(Path file, long offset, String message) {
        Cli.Result r = Cli.run("replay", "-q", file.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo(file + ": byte " + offset + ": " + message);
    }

    /** The reference count of {@code replay --accept-truncated FILE}, which must warn that the file was cut. */
    private static long acceptedReferences(Path file) {
        Cli.Result r = Cli.run("replay", "-q", "--accept-truncated", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("warning: " + file + ": byte ").contains("(accepted:");
        String count = r.out().lines().findFirst().orElseThrow().replaceAll(".*: ([0-9,]+) references", "$1");
        return Long.parseLong(count.replace(",", ""));
    }

    @Test
    void aBinaryTraceCutBetweenRecordsIsAnErrorAndWithTheFlagAPartialCount() throws IOException {
        Path bin = dir.resolve("t.bin");
        assertThat(Cli.run("replay", "-q", "--convert", bin.toString(), din().toString()).exit()).isZero();
        assertThat(Cli.run("replay", "-q", bin.toString()).out()).contains(String.format("%,d references", REFERENCES));
        // Every record of this trace is at least two bytes: the first half of the file holds whole records, then
        // one cut short or none; either way the error names the file's length as the place of the cut.
        int half = (int) Files.size(bin) / 2;
        Path cut = cut(bin, "cut.bin", half);
        Cli.Result r = Cli.run("replay", "-q", cut.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith(cut + ": byte " + half + ": truncated binary trace: the file ends");
        assertThat(acceptedReferences(cut)).isPositive().isLessThan(REFERENCES);
    }

    @Test
    void aGzipFileCutShortNamesTheFileAndTheOffset() throws IOException {
        Path gz = compressed(din(), "t.din.gz", false);
        int keep = (int) Files.size(gz) / 2;
        refusedAt(cut(gz, "cut.din.gz", keep), keep,
                "truncated gzip file: it ends inside the compressed stream, before the stream's end");
        refusedAt(cut(gz, "head.din.gz", 5), 5, "truncated gzip file: it ends inside the gzip header");
        assertThat(acceptedReferences(dir.resolve("cut.din.gz"))).isPositive().isLessThan(REFERENCES);
    }

    @Test
    void anXzFileCutShortNamesTheFileAndTheOffsetInsteadOfNull() throws IOException {
        Path xz = compressed(din(), "t.din.xz", true);
        int keep = (int) Files.size(xz) / 2;
        refusedAt(cut(xz, "cut.din.xz", keep), keep,
                "truncated xz file: it ends inside the compressed stream, before the stream's end");
        // xz decodes whole LZMA2 chunks (up to 64 KB compressed): of a file this small, the cut chunk may be the first.
        assertThat(acceptedReferences(dir.resolve("cut.din.xz"))).isNotNegative().isLessThan(REFERENCES);
    }

    @Test
    void anAcceptedCutKeepsEveryReferenceBeforeIt() throws IOException {
        // A text trace cut inside a gzip stream: the references of the complete lines decompressed before the cut
        // are all counted, no more (the partial last line is dropped, not parsed as a shorter address).
        Path text = din();
        Path gz = compressed(text, "t.din.gz", false);
        Path cut = cut(gz, "cut.din.gz", (int) Files.size(gz) - 40);
        long accepted = acceptedReferences(cut);
        assertThat(accepted).isLessThan(REFERENCES).isGreaterThan(REFERENCES - 200);
        String[] lines = Files.readString(text, StandardCharsets.US_ASCII).split("\n");
        Path prefix = Cli.write(dir, "prefix.din", String.join("\n", Arrays.copyOf(lines, (int) accepted)) + "\n");
        Cli.Result partial = Cli.run("replay", "-q", "--accept-truncated", cut.toString());
        assertThat(partial.out()).isEqualTo(Cli.run("replay", "-q", prefix.toString()).out()
                .replace(prefix.toString(), cut.toString()));
    }

    @Test
    void aConversionThatFailsLeavesNoHalfWrittenFile() throws IOException {
        Path gz = compressed(din(), "t.din.gz", false);
        Path cut = cut(gz, "cut.din.gz", (int) Files.size(gz) / 2);
        Path out = dir.resolve("out.bin");
        Cli.Result r = Cli.run("replay", "-q", "--convert", out.toString(), cut.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("truncated gzip file");
        assertThat(out).doesNotExist();
    }
}
