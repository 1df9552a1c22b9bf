package dev.stalecheck.herd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The recorded verdicts of herd7 on the judge's scenarios ({@code src/test/resources/herd/allowed.tsv}): for each
 * scenario, the herd7 variant its litmus test needs and every final outcome herd7 allows, written in the scenario's
 * own outcome terms. The first lines ({@code #}) name the herd7 release and revision that produced them.
 */
public final class HerdFacts {
    /** Where the judge's files live: {@code scn/}, {@code litmus/} and the facts. */
    public static final Path DIR = Path.of("src/test/resources/herd");
    /** The facts file. */
    public static final Path FILE = DIR.resolve("allowed.tsv");
    /** The herd7 this project's facts come from, as {@code herd7 -version} prints it. */
    public static final String HERD_VERSION = "7.58, Rev: 1ca343e16a2038e406d1ac674e7e3a1b722b36c7";

    private HerdFacts() {
    }

    /**
     * What herd7 allows for one scenario.
     *
     * @param name     the scenario ({@code scn/NAME.scn}, {@code litmus/NAME.litmus})
     * @param variant  herd7's {@code -variant}, empty for none
     * @param terms    the scenario's outcome terms, in its order
     * @param outcomes every allowed final outcome: one value per term, as stalecheck prints values ({@code 0x1})
     */
    public record Fact(String name, String variant, List<String> terms, Set<List<String>> outcomes) {
    }

    /** The scenario file of a fact. */
    public static Path scenario(String name) {
        return DIR.resolve("scn").resolve(name + ".scn");
    }

    /** The litmus file of a fact. */
    public static Path litmus(String name) {
        return DIR.resolve("litmus").resolve(name + ".litmus");
    }

    /** Reads the facts, in file order. */
    public static Map<String, Fact> read() {
        Map<String, Fact> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(FILE, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                List<String> terms = List.of(f[2].split(","));
                Set<List<String>> outcomes = new LinkedHashSet<>();
                for (int i = 3; i < f.length; i++) {
                    outcomes.add(List.of(f[i].split(",")));
                }
                out.put(f[0], new Fact(f[0], f[1].equals("-") ? "" : f[1], terms, outcomes));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The facts file's text for {@code facts}. */
    public static String text(List<Fact> facts) {
        StringBuilder b = new StringBuilder();
        b.append("# Final outcomes herd7 allows for the scenarios of the herd7 judge (docs/ordering-judge.md).\n");
        b.append("# herd7 ").append(HERD_VERSION).append(" (herdtools7 release 7.58, rev 1ca343e16a), its AArch64 model")
                .append(" (aarch64.cat); variant per line.\n");
        b.append("# Recorded by bench/herd-goldens.sh from litmus/NAME.litmus, the converter's (LitmusWriter) output for")
                .append(" scn/NAME.scn.\n");
        b.append("# Columns, tab-separated: scenario, herd7 -variant (- for none), the scenario's outcome terms, then one")
                .append(" field per allowed outcome (values in term order).\n");
        for (Fact f : facts) {
            b.append(f.name()).append('\t').append(f.variant().isEmpty() ? "-" : f.variant()).append('\t')
                    .append(String.join(",", f.terms()));
            for (List<String> o : f.outcomes()) {
                b.append('\t').append(String.join(",", o));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Parses herd7's output: every final state it lists, as herd7 location ({@code 1:X0}, {@code [x]}) to value
     * ({@code 0x1}). Throws if the output has no state listing.
     */
    public static List<Map<String, String>> states(String herdOutput) {
        List<String> lines = herdOutput.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("States ")) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("herd7 printed no states:\n" + herdOutput);
        }
        int n = Integer.parseInt(lines.get(at).substring("States ".length()).trim());
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = at + 1; i <= at + n; i++) {
            Map<String, String> state = new LinkedHashMap<>();
            for (String part : lines.get(i).split(";")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                if (p.startsWith("Fault(") || p.startsWith("~Fault(")) {
                    // Fault(P0:L3,x,MMU:Translation) or ~Fault(P0:L3,x): as fault(P0:L3,x), 1 or 0.
                    String[] parts = p.substring(p.indexOf('(') + 1, p.length() - 1).split(",");
                    state.put("fault(" + parts[0] + "," + parts[1] + ")", p.startsWith("~") ? "0" : "1");
                    continue;
                }
                int eq = p.indexOf('=');
                state.put(p.substring(0, eq).trim(), value(p.substring(eq + 1).trim()));
            }
            out.add(state);
        }
        return out;
    }

    /** A herd7 value as stalecheck prints it: a number (decimal, possibly negative) in hex, anything else as is. */
    static String value(String herd) {
        return herd.matches("-?\\d+") ? "0x" + Long.toHexString(Long.parseLong(herd)) : herd;
    }
}
