package dev.stalecheck.editor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TextMate grammar in editors/vscode (used by VS Code and other TextMate-grammar editors) tokenises every
 * shipped scenario without an illegal character, and gives the language's words the scopes a reader expects.
 *
 * <p>The tokenizer here follows TextMate's rule for the grammar's subset (single-line {@code match} rules, one
 * {@code begin}/{@code end} rule, {@code include}s of repository rules): at each position the rule whose match
 * starts first wins, ties going to the rule listed first.
 */
class EditorGrammarTest {
    private static final Path GRAMMAR = Path.of("editors/vscode/syntaxes/stalecheck.tmLanguage.json");

    /** One rule of the grammar, compiled with java.util.regex (which accepts the grammar's Oniguruma subset). */
    private record Rule(String scope, Pattern match, Pattern begin, Pattern end) {
    }

    /** A token: its text and scope. */
    record Token(String text, String scope) {
    }

    private static List<Rule> rules() throws IOException {
        JsonNode g = new ObjectMapper().readTree(GRAMMAR.toFile());
        assertThat(g.path("scopeName").asText()).isEqualTo("source.stalecheck");
        List<Rule> out = new ArrayList<>();
        for (JsonNode p : g.path("patterns")) {
            String ref = p.path("include").asText();
            assertThat(ref).startsWith("#");
            JsonNode r = g.path("repository").path(ref.substring(1));
            assertThat(r.isMissingNode()).as("rule %s", ref).isFalse();
            out.add(new Rule(r.path("name").asText(), compile(r, "match"), compile(r, "begin"), compile(r, "end")));
        }
        return out;
    }

    private static Pattern compile(JsonNode rule, String field) {
        return rule.has(field) ? Pattern.compile(rule.path(field).asText()) : null;
    }

    /** The tokens of one line; whitespace between tokens is dropped. */
    static List<Token> tokenise(List<Rule> rules, String line) {
        List<Token> out = new ArrayList<>();
        int pos = 0;
        while (pos < line.length()) {
            int bestStart = Integer.MAX_VALUE;
            int bestEnd = -1;
            Rule best = null;
            for (Rule r : rules) {
                Matcher m = (r.match() != null ? r.match() : r.begin()).matcher(line);
                if (m.find(pos) && m.start() < bestStart && m.end() > m.start()) {
                    bestStart = m.start();
                    bestEnd = m.end();
                    best = r;
                }
            }
            if (best == null) {
                assertThat(line.substring(pos)).as("untokenised text").isBlank();
                break;
            }
            assertThat(line.substring(pos, bestStart)).as("skipped text in %s", line).isBlank();
            if (best.begin() != null) {
                Matcher e = best.end().matcher(line);
                int from = bestEnd;
                while (e.find(from) && e.start() > 0 && line.charAt(e.start() - 1) == '\\') {
                    from = e.end();
                }
                bestEnd = e.find(from) ? e.end() : line.length();
            }
            out.add(new Token(line.substring(bestStart, bestEnd), best.scope()));
            pos = bestEnd;
        }
        return out;
    }

    static Stream<Path> shippedScenarios() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("examples", "src/main/resources/dev/stalecheck/preludes", "bench/realistic",
                "src/test/resources/golden")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".scn")).sorted().forEach(out::add);
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shippedScenarios")
    void everyShippedScenarioTokenisesWithoutAnIllegalCharacter(Path file) throws IOException {
        List<Rule> rules = rules();
        int tokens = 0;
        for (String line : Files.readAllLines(file)) {
            for (Token t : tokenise(rules, line)) {
                assertThat(t.scope()).as("%s in %s: %s", t.text(), file, line).doesNotStartWith("invalid");
                tokens++;
            }
        }
        assertThat(tokens).isPositive();
    }

    private static String scopeOf(List<Rule> rules, String line, String text) {
        return tokenise(rules, line).stream().filter(t -> t.text().equals(text)).findFirst().orElseThrow().scope();
    }

    @Test
    void wordsGetTheScopesAReaderExpects() throws IOException {
        List<Rule> rules = rules();
        String op = "  r1 = load.w [entry(pt, 0x200000) - 0x80000000]   # old";
        assertThat(scopeOf(rules, op, "load.w")).startsWith("keyword.other.operation");
        assertThat(scopeOf(rules, op, "entry")).startsWith("support.function");
        assertThat(scopeOf(rules, op, "0x200000")).startsWith("constant.numeric");
        assertThat(scopeOf(rules, op, "pt")).startsWith("variable.other");
        assertThat(scopeOf(rules, op, "# old")).startsWith("comment");
        assertThat(scopeOf(rules, "thread w on cpu0 in pt after r {", "thread")).startsWith("keyword.control");
        assertThat(scopeOf(rules, "  dc civac [0x1000]", "civac")).startsWith("keyword.other.operation");
        assertThat(scopeOf(rules, "exists r.r1 == fault", "r.r1")).startsWith("variable.other.register");
        assertThat(scopeOf(rules, "~exists r.r1 == fault", "~exists")).startsWith("keyword.control.condition");
        assertThat(scopeOf(rules, "explore { tlb-evictions off }", "tlb-evictions")).startsWith("support.constant");
        assertThat(scopeOf(rules, "  cache l1d 32K 2-way 64B", "2-way")).startsWith("constant.numeric");
        assertThat(scopeOf(rules, "doc \"a \\\" b\" x", "\"a \\\" b\"")).startsWith("string");
        assertThat(scopeOf(rules, "ram 0x0 = 1 @", "@")).startsWith("invalid.illegal");
    }

    @Test
    void everyWordTheParserKnowsIsHighlightedAsAWordOfTheLanguage() throws IOException, ClassNotFoundException {
        // The parser's words are the string literals it switches on; a word added there without the grammar
        // would be shown as a plain name.
        Set<String> words = new TreeSet<>();
        Pattern literal = Pattern.compile("case \"([a-z~][a-z0-9~-]+)\"");
        try (Stream<Path> s = Files.list(Path.of("src/main/java/dev/stalecheck/scenario"))) {
            for (Path p : s.toList()) {
                Matcher m = literal.matcher(Files.readString(p));
                while (m.find()) {
                    words.add(m.group(1));
                }
            }
        }
        // Words the parser resolves through enums (explore options, table formats, descriptor kinds) count too.
        for (String type : List.of("dev.stalecheck.machine.ExploreOption", "dev.stalecheck.program.TableFormat",
                "dev.stalecheck.scenario.DescriptorKind")) {
            for (Object e : Class.forName(type).getEnumConstants()) {
                words.add(((dev.stalecheck.util.Worded) e).word());
            }
        }
        assertThat(words).contains("tlb-evictions", "v8-4k", "supersection");
        assertThat(words).hasSizeGreaterThan(50);
        List<Rule> rules = rules();
        for (String w : words) {
            assertThat(scopeOf(rules, w, w)).as(w).doesNotStartWith("variable").doesNotStartWith("invalid");
        }
    }
}
