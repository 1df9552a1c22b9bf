package dev.stalecheck.check;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One whole {@code check} of a scenario file (search, grading, counterexamples) in a warmed-up JVM: the search's
 * speed once the JIT compiler has finished, which a single {@code ./stalecheck check} run does not show on a small
 * machine (there the compiler competes with the search for the cores). bench/check-jmh.sh passes the file;
 * bench/realistic-jmh.sh passes realistic scenarios with a bound on the states stored, for those the search cannot
 * finish today.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-XX:CompileCommand=quiet",
    "-XX:CompileCommand=dontinline,dev.stalecheck.machine.Machine::searchOutcomes", "-Xms1g", "-Xmn512m"})
public class CheckBenchmark {
    /** The scenario file. */
    @Param("")
    public String file;

    /** Search workers. */
    @Param("2")
    public int workers;

    /** The most distinct states to store (the check's --max-states: a deterministic cut), 0 for no bound. */
    @Param("0")
    public long maxStates;

    /** Whether the search uses sleep sets. */
    @Param("true")
    public boolean sleepSets;

    private Scenario scenario;

    /** Loads the scenario once. */
    @Setup
    public void load() {
        scenario = ScenarioLoader.load(Path.of(file), file);
    }

    /** Checks it; returns the states stored. */
    @Benchmark
    public long check() {
        Bounds bounds = maxStates > 0 ? new Bounds(maxStates, 0, false, workers) : Bounds.NONE.withWorkers(workers);
        return new ScenarioCheck(scenario, bounds, null, sleepSets).check().states();
    }
}
