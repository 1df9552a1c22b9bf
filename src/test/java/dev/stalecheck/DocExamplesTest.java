package dev.stalecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioException;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example in README.md and docs/*.md is checked, so the documentation cannot drift from the code. The
 * conventions are defined for writers in docs/language.md, "How the examples are checked":
 *
 * <ul>
 *   <li>a {@code ```scn} block is a complete scenario file; {@code ```scn fragment} gets a {@code scenario} line in
 *       front; {@code ```scn ops} is the body of a thread in a fixed context ({@link #OPS_BEFORE}); {@code ```scn file
 *       NAME} is a file that later blocks of the page include (checked as a fragment). Each must load without an
 *       input error and without a warning;</li>
 *   <li>HTML comments on the lines right after such a block claim more: {@code <!-- verdicts: FAILS HOLDS -->} (what
 *       {@code check} gives, one verdict per condition in file order), {@code <!-- error: TEXT -->} (loading fails
 *       with a message containing TEXT), {@code <!-- warning: TEXT -->} (loading warns so);</li>
 *   <li>{@code <!-- output: ARGS [; exit N] -->} on the line before a {@code ```text} block claims that
 *       {@code stalecheck ARGS}, run in the repository, prints the block's lines in order ({@link #matches});</li>
 *   <li>any other block is not an example and is not checked, but one that looks like a scenario must be tagged
 *       ({@code ```grammar} marks a syntax summary with placeholders).</li>
 * </ul>
 */
class DocExamplesTest {
    /** What a {@code ```scn ops} block is wrapped in: thread {@code t} on cpu0 in a space mapping kernel VAs. */
    static final String OPS_BEFORE = "scenario \"ops\"\nspace kernel { 0xc0000000 -> 0x80000000 size 16M normal }\n"
            + "thread t on cpu0 in kernel {\n";
    private static final String OPS_AFTER = "\n}\nshow ram[0x80000000]\n";
    private static final String FRAGMENT_BEFORE = "scenario \"fragment\"\n";
    /** A doc example must stay small: this bounds its search (a larger one ends UNKNOWN and fails the test). */
    private static final long MAX_STATES = 200_000;
    private static final long TIMEOUT_MS = 20_000;

    private static final Pattern FENCE = Pattern.compile("^```(.*)$");
    private static final Pattern CLAIM_AFTER = Pattern.compile(
            "^<!--\\s*(verdicts|error|warning)\\s*:?(.*?)-->\\s*$");
    private static final Pattern CLAIM_OUTPUT = Pattern.compile(
            "^<!--\\s*output\\s*:(.*?)(?:;\\s*exit\\s+(\\d+))?\\s*-->\\s*$");
    private static final Pattern ANY_CLAIM = Pattern.compile("^<!--\\s*(verdicts|error|warning|output)\\b.*");
    private static final Pattern FILE_TAG = Pattern.compile("scn file ([A-Za-z0-9_.-]+\\.scn)");
    /** A line only a scenario has: an untagged block with one is an example that escaped the check. */
    private static final Pattern SCENARIO_LINE = Pattern.compile("^\\s*(scenario \"|thread \\w+ on |space \\w+ \\{"
            + "|pagetable \\w+ format |macro \\w+\\(|machine [\\w-]+ \\{).*");
    private static final Pattern POSITION = Pattern.compile("^(.*):(\\d+):(\\d+): (.*)$", Pattern.DOTALL);
    private static final Pattern MILLIS = Pattern.compile("\\b\\d[\\d,]* ms\\b");

    /** What each command printed: pages that show the same command run it once. */
    private static final Map<String, Cli.Result> OUTPUTS = new ConcurrentHashMap<>();

    @TempDir
    static Path dir;

    /** One fenced block of a page, with the claim comments around it. */
    record Block(Path page, int line, String info, List<String> body, List<String> claimsAfter, String claimBefore) {
        String where() {
            return page + ":" + line;
        }

        boolean isScenario() {
            return info.equals("scn") || info.startsWith("scn ");
        }
    }

    static List<Path> pages() {
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fenced blocks of a page; {@code claimLines} collects the lines of the claim comments they use. */
    static List<Block> blocks(Path page, Set<Integer> claimLines) {
        List<String> lines = lines(page);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            List<String> body = new ArrayList<>();
            for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
                body.add(lines.get(i));
            }
            List<String> after = new ArrayList<>();
            int j = i + 1;
            while (j < lines.size() && lines.get(j).isBlank()) {
                j++;
            }
            for (; j < lines.size() && CLAIM_AFTER.matcher(lines.get(j)).matches(); j++) {
                after.add(lines.get(j));
                claimLines.add(j);
            }
            int k = start - 1;
            while (k >= 0 && lines.get(k).isBlank()) {
                k--;
            }
            String before = null;
            if (k >= 0 && CLAIM_OUTPUT.matcher(lines.get(k)).matches()) {
                before = lines.get(k);
                claimLines.add(k);
            }
            out.add(new Block(page, start + 1, open.group(1).trim(), body, after, before));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyExampleLoadsAndShowsWhatTheTextClaims() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path page : pages()) {
            Path pageDir = dir.resolve(page.toString().replace('/', '_'));
            List<Block> blocks = blocks(page, new HashSet<>());
            for (Block b : blocks) {
                Matcher f = FILE_TAG.matcher(b.info());
                if (f.matches()) {
                    write(pageDir, f.group(1), String.join("\n", b.body()) + "\n");
                }
            }
            for (Block b : blocks) {
                if (b.isScenario()) {
                    tests.add(DynamicTest.dynamicTest(b.where() + " " + b.info(), () -> checkScenario(b, pageDir)));
                } else if (b.claimBefore() != null) {
                    tests.add(DynamicTest.dynamicTest(b.where() + " output", () -> checkOutput(b)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void theConventionsAreFollowed() {
        // A claim that no block uses, an unknown scn tag, an untagged scenario, an output claim on a non-text block,
        // or a file block nothing includes would each let an example escape the check.
        List<String> problems = new ArrayList<>();
        int scenarios = 0;
        int claims = 0;
        for (Path page : pages()) {
            Set<Integer> used = new HashSet<>();
            List<Block> blocks = blocks(page, used);
            List<String> lines = lines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (ANY_CLAIM.matcher(lines.get(i)).matches() && !used.contains(i)) {
                    problems.add(page + ":" + (i + 1) + ": a claim comment that belongs to no block (verdicts, error"
                            + " and warning go right after a scn block, output right before a text block)");
                }
            }
            Set<String> included = new HashSet<>();
            for (Block b : blocks) {
                String text = String.join("\n", b.body());
                Matcher inc = Pattern.compile("include \"([^\"]+)\"").matcher(text);
                while (inc.find()) {
                    included.add(inc.group(1));
                }
            }
            for (Block b : blocks) {
                claims += b.claimsAfter().size() + (b.claimBefore() == null ? 0 : 1);
                if (b.isScenario()) {
                    scenarios++;
                    Matcher f = FILE_TAG.matcher(b.info());
                    if (!b.info().equals("scn") && !b.info().equals("scn fragment") && !b.info().equals("scn ops")
                            && !f.matches()) {
                        problems.add(b.where() + ": unknown tag '" + b.info() + "' (scn, scn fragment, scn ops or scn"
                                + " file NAME.scn)");
                    }
                    if (f.matches() && !included.contains(f.group(1))) {
                        problems.add(b.where() + ": no block of " + b.page() + " includes " + f.group(1));
                    }
                } else {
                    if (!b.claimsAfter().isEmpty()) {
                        problems.add(b.where() + ": verdicts, error and warning claims follow scn blocks only");
                    }
                    if (b.claimBefore() != null && !b.info().equals("text")) {
                        problems.add(b.where() + ": an output claim precedes a ```text block");
                    }
                    if (!b.info().equals("grammar")
                            && b.body().stream().anyMatch(l -> SCENARIO_LINE.matcher(l).matches())) {
                        problems.add(b.where() + ": this block looks like a scenario: tag it ```scn (or scn fragment,"
                                + " scn ops) so that it is checked");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(scenarios).as("scenario examples found in the docs").isGreaterThanOrEqualTo(35);
        assertThat(claims).as("verdict, error, warning and output claims found in the docs").isGreaterThanOrEqualTo(35);
    }

    @Test
    void outputLinesMatchInOrderWithWildcards() {
        List<String> actual = List.of("scenario \"x\"  (t.scn, machine generic)", "", "verdicts:",
                "  expect t.r1 == 1   HOLDS  (0 failing of 1 final outcomes)", "explored 4 states in 128 ms; more");
        assertThat(matches(List.of("verdicts:", "  expect t.r1 == 1   HOLDS  (...)", "...",
                "explored 4 states in 9 ms; ..."), actual)).isNull();
        assertThat(matches(List.of("  expect t.r1 == 1   FAILS  (...)"), actual)).isNotNull();
        assertThat(matches(List.of("explored 4 states in 9 ms; ...", "verdicts:"), actual)).as("order counts")
                .isNotNull();
        assertThat(matches(List.of("verdicts"), actual)).as("whole lines").isNotNull();
    }

    /**
     * What follows a fragment: a thread and a {@code show} when it has none of its own, since a scenario without a
     * thread, or without a condition or {@code show}, is an input error.
     */
    private static String fragmentAfter(Block b) {
        String body = String.join("\n", b.body());
        StringBuilder after = new StringBuilder("\n");
        if (!Pattern.compile("(?m)^\\s*thread\\s").matcher(body).find()) {
            after.append("thread fragment_thread on cpu0 { dmb }\n");
        }
        if (!Pattern.compile("(?m)^\\s*(expect|exists|~exists|forall|show)\\b").matcher(body).find()) {
            after.append("show ram[0x0]\n");
        }
        return after.toString();
    }

    private static String wrapBefore(Block b) {
        return b.info().equals("scn") ? "" : b.info().equals("scn ops") ? OPS_BEFORE : FRAGMENT_BEFORE;
    }

    private static void checkScenario(Block b, Path pageDir) {
        String before = wrapBefore(b);
        String after = b.info().equals("scn ops") ? OPS_AFTER : b.info().equals("scn") ? "\n" : fragmentAfter(b);
        String name = "line" + b.line() + ".scn";
        Path file = write(pageDir, name, before + String.join("\n", b.body()) + after);
        int offset = b.line() - (int) before.chars().filter(c -> c == '\n').count();
        String error = null;
        String expectedError = null;
        String expectedWarning = null;
        List<String> expectedVerdicts = null;
        for (String c : b.claimsAfter()) {
            Matcher m = CLAIM_AFTER.matcher(c);
            m.matches();
            String value = m.group(2).trim();
            switch (m.group(1)) {
                case "verdicts" -> expectedVerdicts = Arrays.asList(value.split("\\s+"));
                case "error" -> expectedError = value;
                default -> expectedWarning = value;
            }
        }
        Scenario scenario = null;
        try {
            scenario = ScenarioLoader.load(file, name);
        } catch (ScenarioException e) {
            error = inPage(e.getMessage(), name, b.page(), offset);
        }
        if (expectedError != null) {
            assertThat(error).as(b.where() + ": the text says this is an input error").isNotNull()
                    .contains(expectedError);
            return;
        }
        if (error != null) {
            fail(error + "\n  (in the example at " + b.where() + ")");
        }
        if (expectedWarning != null) {
            String warning = expectedWarning;
            assertThat(scenario.warnings()).as(b.where() + ": the warning the text claims")
                    .anyMatch(w -> w.contains(warning));
        } else {
            assertThat(scenario.warnings()).as(b.where() + ": warnings of an example the text does not mention")
                    .isEmpty();
        }
        if (expectedVerdicts != null) {
            List<ConditionResult> results = new ScenarioCheck(scenario, new Bounds(MAX_STATES, TIMEOUT_MS, false, 1),
                    null).check().results();
            assertThat(results).extracting(r -> r.verdict().name()).as(b.where() + ": the verdicts the text claims")
                    .containsExactlyElementsOf(expectedVerdicts);
        }
    }

    /** An error message with the position moved from the written file to the page. */
    private static String inPage(String message, String name, Path page, int offset) {
        Matcher m = POSITION.matcher(message);
        if (m.matches() && m.group(1).equals(name)) {
            return page + ":" + (Integer.parseInt(m.group(2)) + offset) + ":" + m.group(3) + ": " + m.group(4);
        }
        return message;
    }

    private static void checkOutput(Block b) {
        Matcher m = CLAIM_OUTPUT.matcher(b.claimBefore());
        m.matches();
        Cli.Result r = OUTPUTS.computeIfAbsent(m.group(1).trim(), args -> Cli.run(args.split("\\s+")));
        String mismatch = matches(b.body(), r.out().lines().toList());
        if (mismatch != null) {
            fail(b.where() + ": `stalecheck " + m.group(1).trim() + "` does not print what the page shows: " + mismatch
                    + "\n--- it printed:\n" + r.out() + r.err());
        }
        if (m.group(2) != null) {
            assertThat(r.exit()).as(b.where() + ": the exit code of stalecheck " + m.group(1).trim())
                    .isEqualTo(Integer.parseInt(m.group(2)));
        }
    }

    /**
     * Whether {@code shown} (a page's output block) matches what a command printed: every line that is not blank and
     * not just {@code ...} equals a printed line, in order (other printed lines may come between); {@code ...}
     * inside a line stands for any text; durations ({@code 74 ms}) are not compared. Returns null on a match, else
     * the first line that did not match.
     */
    static String matches(List<String> shown, List<String> printed) {
        int next = 0;
        for (String s : shown) {
            String want = MILLIS.matcher(s.stripTrailing()).replaceAll("# ms");
            if (want.isBlank() || want.strip().equals("...")) {
                continue;
            }
            StringBuilder regex = new StringBuilder();
            for (String part : want.split("\\.\\.\\.", -1)) {
                regex.append(regex.length() == 0 ? "" : ".*").append(Pattern.quote(part));
            }
            Pattern p = Pattern.compile(regex.toString());
            while (next < printed.size()
                    && !p.matcher(MILLIS.matcher(printed.get(next).stripTrailing()).replaceAll("# ms")).matches()) {
                next++;
            }
            if (next == printed.size()) {
                return "no line (after the ones matched before it) matches \"" + s + "\"";
            }
            next++;
        }
        return null;
    }

    private static Path write(Path pageDir, String name, String text) {
        try {
            Files.createDirectories(pageDir);
            return Cli.write(pageDir, name, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
