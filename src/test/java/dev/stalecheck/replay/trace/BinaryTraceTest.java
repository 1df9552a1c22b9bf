package dev.stalecheck.replay.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stalecheck.support.Cli;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary format: what is written is read back exactly; old, cut and corrupt files are input errors. */
class BinaryTraceTest {
    @TempDir
    Path dir;

    /** References of every kind: nearby and far addresses (up to the whole 64-bit range), small and large sizes. */
    private static RefBatch[] randomBatches(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        RefBatch[] batches = new RefBatch[count];
        long pc = 0x400000;
        for (int n = 0; n < count; n++) {
            batches[n] = new RefBatch();
            int refs = random.nextInt(RefBatch.CAPACITY + 1);
            for (int i = 0; i < refs; i++) {
                byte kind = (byte) (random.nextInt(3) == 0 ? random.nextInt(RefKind.INVALIDATE + 1) : RefKind.INSTR);
                int far = random.nextInt(20);
                long a = far == 0 ? random.nextLong() : far < 4 ? random.nextLong(1L << 48)
                        : pc + random.nextInt(4096) - 2048;
                pc = kind == RefKind.INSTR ? a : pc;
                int size = random.nextInt(10) == 0 ? 1 + random.nextInt(Integer.MAX_VALUE) : 1 + random.nextInt(15);
                batches[n].add(kind, a, size);
            }
        }
        return batches;
    }

    private static byte[] write(RefBatch... batches) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BinaryTrace.Writer w = new BinaryTrace.Writer(bytes)) {
            for (RefBatch b : batches) {
                w.write(b);
            }
        }
        return bytes.toByteArray();
    }

    @Property(tries = 30)
    void readsBackExactlyWhatWasWritten(@ForAll long seed) throws IOException {
        RefBatch[] written = randomBatches(seed, 3);
        RefBatch read = new RefBatch();
        int total = 0;
        try (BinaryTrace.Reader r = new BinaryTrace.Reader(new ByteArrayInputStream(write(written)), "t.bin")) {
            int batch = 0;
            int at = 0;
            while (r.read(read)) {
                for (int i = 0; i < read.count; i++, at++, total++) {
                    while (at == written[batch].count) {
                        batch++;
                        at = 0;
                    }
                    RefBatch w = written[batch];
                    assertThat(new long[] {read.kind[i], read.address[i], read.size[i]}).as("reference %d", total)
                            .containsExactly(w.kind[at], w.address[at], w.size[at]);
                }
            }
        }
        assertThat(total).isEqualTo(Arrays.stream(written).mapToInt(RefBatch::count).sum());
    }

    @Test
    void aCutRecordOrAnUnknownKindIsCorrupt() throws IOException {
        RefBatch b = new RefBatch();
        b.add(RefKind.INSTR, 0x400000, 4);
        b.add(RefKind.LOAD, 0x1ffefff000L, 8);
        byte[] whole = write(b);
        byte[] cut = Arrays.copyOf(whole, whole.length - 1);
        assertThatThrownBy(() -> new BinaryTrace.Reader(new ByteArrayInputStream(cut), "cut.bin").read(new RefBatch()))
                .isInstanceOf(TraceException.class).hasMessageContaining("the last record is cut short");
        byte[] badKind = whole.clone();
        badKind[BinaryTrace.MAGIC.length] = 7;
        assertThatThrownBy(() -> new BinaryTrace.Reader(new ByteArrayInputStream(badKind), "k.bin").read(new RefBatch()))
                .isInstanceOf(TraceException.class).hasMessageContaining("record kind 7");
    }

    @Test
    void aTraceInTheOldFormatIsAnInputErrorThatSaysToConvertAgain() throws IOException {
        Path old = dir.resolve("old.bin");
        Files.write(old, "SCTRACE2\u0040\u0008".getBytes(StandardCharsets.US_ASCII));
        Cli.Result r = Cli.run("replay", "-q", "--rules", "cachegrind", old.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("old SCTRACE2 format").contains("replay --convert");
    }
}
