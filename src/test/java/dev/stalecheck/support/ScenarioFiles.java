package dev.stalecheck.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every scenario file the project ships: the golden files, the seed scenarios and the examples, in name order. */
public final class ScenarioFiles {
    private ScenarioFiles() {
    }

    /** The files, golden first, then seed, then examples. */
    public static Stream<Path> all() throws IOException {
        List<Path> all = new ArrayList<>();
        for (Path dir : List.of(Path.of("src/test/resources/golden"), Path.of("examples/seed"), Path.of("examples"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(all::add);
            }
        }
        return all.stream();
    }
}
