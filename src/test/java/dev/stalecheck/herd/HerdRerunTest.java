package dev.stalecheck.herd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Reruns herd7 on every scenario of the judge and requires the recorded facts ({@link HerdFacts}): run by
 * {@code mvn -Pherd verify} where herd7 is installed ({@code -Dherd7=PATH}, else {@code /work/herd/herd7}, else
 * {@code herd7} on the PATH), skipped elsewhere. With {@code -Dherd.write=true} (bench/herd-goldens.sh) it writes
 * the scenarios, their litmus tests and the facts instead of comparing.
 */
@Tag("herd")
class HerdRerunTest {
    private static final long HERD_TIMEOUT_SECONDS = 300;

    @Test
    void herdAllowsWhatTheFactsSay() throws Exception {
        String herd = herd7();
        Assumptions.assumeTrue(herd != null, "herd7 not found (-Dherd7=PATH, /work/herd/herd7 or herd7 on the PATH)");
        boolean write = Boolean.getBoolean("herd.write");
        String version = run(List.of(herd, "-version")).trim();
        // The facts name the herd7 they come from; another release may allow other outcomes.
        assertThat(version).as("herd7 -version").isEqualTo(HerdFacts.HERD_VERSION);

        List<HerdShapes.Generated> generated = HerdShapes.all(HerdShapes.SEED);
        if (write) {
            clear(HerdFacts.DIR.resolve("scn"), ".scn");
            clear(HerdFacts.DIR.resolve("litmus"), ".litmus");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        List<Future<HerdFacts.Fact>> runs = new ArrayList<>();
        for (HerdShapes.Generated g : generated) {
            Path scn = HerdFacts.scenario(g.name());
            Path litmusFile = HerdFacts.litmus(g.name());
            if (write) {
                Files.writeString(scn, g.text(), StandardCharsets.UTF_8);
            }
            Scenario s = ScenarioLoader.load(scn, scn.toString());
            LitmusWriter.Litmus litmus = LitmusWriter.write(s, g.name());
            if (write) {
                Files.writeString(litmusFile, litmus.text(), StandardCharsets.UTF_8);
            }
            runs.add(pool.submit(() -> fact(herd, g.name(), s, litmus, litmusFile)));
        }
        List<HerdFacts.Fact> facts = new ArrayList<>();
        for (Future<HerdFacts.Fact> f : runs) {
            facts.add(f.get());
        }
        pool.shutdown();
        if (write) {
            Files.writeString(HerdFacts.FILE, HerdFacts.text(facts), StandardCharsets.UTF_8);
            return;
        }
        // Compared as sets: herd7 and the file may list outcomes in different orders.
        Map<String, HerdFacts.Fact> recorded = HerdFacts.read();
        assertThat(recorded.keySet()).as("recorded scenarios").containsExactlyElementsOf(
                facts.stream().map(HerdFacts.Fact::name).toList());
        for (HerdFacts.Fact f : facts) {
            HerdFacts.Fact r = recorded.get(f.name());
            assertThat(r.variant()).as(f.name() + " variant").isEqualTo(f.variant());
            assertThat(r.terms()).as(f.name() + " terms").isEqualTo(f.terms());
            assertThat(r.outcomes()).as(f.name() + ": herd7 now allows").containsExactlyInAnyOrderElementsOf(f.outcomes());
        }
    }

    /** herd7's verdict on one litmus test, in the scenario's terms. */
    private static HerdFacts.Fact fact(String herd, String name, Scenario s, LitmusWriter.Litmus litmus, Path file) {
        // herd7 reads the file the converter wrote (or that the repository records: the CI test checks they agree).
        List<String> command = new ArrayList<>(List.of(herd));
        if (!litmus.variant().isEmpty()) {
            command.addAll(List.of("-variant", litmus.variant()));
        }
        command.add(file.toString());
        List<String> terms = s.outcomeTerms().stream().map(t -> t.text()).toList();
        Set<List<String>> outcomes = new TreeSet<>(HerdRerunTest::compare);
        for (Map<String, String> state : HerdFacts.states(run(command))) {
            List<String> row = new ArrayList<>();
            for (String term : terms) {
                row.add(litmus.columns().get(term).value(state));
            }
            outcomes.add(row);
        }
        return new HerdFacts.Fact(name, litmus.variant(), terms, new LinkedHashSet<>(outcomes));
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(HERD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("herd7 timed out: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("herd7 failed (" + p.exitValue() + "): " + command + "\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The herd7 to run, or null. */
    private static String herd7() {
        String property = System.getProperty("herd7");
        if (property != null && !property.isBlank()) {
            return property;
        }
        if (Files.isExecutable(Path.of("/work/herd/herd7"))) {
            return "/work/herd/herd7";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "herd7");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static void clear(Path dir, String suffix) throws IOException {
        Files.createDirectories(dir);
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Files.delete(p);
            }
        }
    }
}
