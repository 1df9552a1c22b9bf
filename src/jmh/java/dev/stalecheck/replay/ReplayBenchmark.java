package dev.stalecheck.replay;

import dev.stalecheck.replay.simulator.CachegrindSimulator;
import dev.stalecheck.replay.simulator.Geometry;
import dev.stalecheck.replay.simulator.Hierarchy;
import dev.stalecheck.replay.trace.BinaryTrace;
import dev.stalecheck.replay.trace.RefBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The replay hot path in nanoseconds per reference: cachegrind's rules over in-memory batches, the binary format's
 * decoder over an in-memory buffer, and both together as {@code replay --rules cachegrind} runs them on a binary file.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class ReplayBenchmark {
    /** References simulated per call of {@link #simulate()}: four batches, about as much memory as an L2. */
    static final int SIMULATED = 4 * RefBatch.CAPACITY;
    /** References decoded per call of {@link #decode()} and {@link #decodeAndSimulate()}. */
    static final int DECODED = 1 << 20;
    private static final Geometry L1 = new Geometry(32768, 4, 32);
    private static final Geometry LL = new Geometry(262144, 8, 32);
    private RefBatch[] batches;
    private byte[] binary;
    private final RefBatch batch = new RefBatch();
    private CachegrindSimulator simulator;

    /** Generates the references and their binary encoding once per fork. */
    @Setup
    public void setUp() throws IOException {
        batches = new SyntheticRefs(7).batches(SIMULATED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BinaryTrace.Writer w = new BinaryTrace.Writer(bytes)) {
            for (RefBatch b : new SyntheticRefs(11).batches(DECODED)) {
                w.write(b);
            }
        }
        binary = bytes.toByteArray();
        simulator = new CachegrindSimulator(new Hierarchy(L1, L1, LL));
    }

    /** Cachegrind's rules over batches already in memory. */
    @Benchmark
    @OperationsPerInvocation(SIMULATED)
    public long simulate() {
        for (RefBatch b : batches) {
            simulator.accept(b);
        }
        return simulator.counters().ir() + simulator.counters().d1mr();
    }

    /** The binary format's decoder, from a byte array into one reused batch. */
    @Benchmark
    @OperationsPerInvocation(DECODED)
    public long decode() throws IOException {
        long sum = 0;
        try (BinaryTrace.Reader r = new BinaryTrace.Reader(new ByteArrayInputStream(binary), "bench")) {
            while (r.read(batch)) {
                sum += batch.addresses()[batch.count() - 1];
            }
        }
        return sum;
    }

    /** Decoding and simulating, as {@code replay --rules cachegrind} does on a binary file. */
    @Benchmark
    @OperationsPerInvocation(DECODED)
    public long decodeAndSimulate() throws IOException {
        try (BinaryTrace.Reader r = new BinaryTrace.Reader(new ByteArrayInputStream(binary), "bench")) {
            while (r.read(batch)) {
                simulator.accept(batch);
            }
        }
        return simulator.counters().ir() + simulator.counters().d1mr();
    }
}
