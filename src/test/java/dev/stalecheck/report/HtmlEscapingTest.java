package dev.stalecheck.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.check.ScenarioCheck;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User strings (scenario names, docs) never reach the page as markup. */
class HtmlEscapingTest {
    @TempDir
    Path dir;

    @Test
    void namesAndDocsAreDataNotMarkup() {
        Path f = Cli.write(dir, "x.scn", "scenario \"<script>alert(1)</script> & co\"\n"
                + "doc \"<img src=x onerror=alert(2)> </script><b>bold</b>\"\nspace s { 0 -> 0 size 4K }\n"
                + "thread t on cpu0 in s { r1 = load [0x10] }\nexpect t.r1 == 1\n");
        String html = HtmlReport.render(new ScenarioCheck(ScenarioLoader.load(f, "x.scn"), Bounds.NONE, null).check());
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("<b>bold")
                .doesNotContain("& co");
        // The only script elements are the viewer's own two: the data block and the code.
        assertThat(html.split("<script", -1)).hasSize(3);
        assertThat(html).contains("\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 co");
    }

    @Test
    void reportRerendersASavedJsonResult() throws IOException {
        Cli.Result json = Cli.run("check", "--json", "examples/kvm-invalidate.scn");
        Path saved = Cli.write(dir, "r.json", json.out());
        Path out = dir.resolve("r.html");
        Cli.Result r = Cli.run("report", saved.toString(), "--html", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out)).contains("kvm-invalidate-drops-guest-pte").contains("\"verdict\":\"FAILS\"");
        Path bad = Cli.write(dir, "bad.json", "{\"results\": [");
        assertThat(Cli.run("report", bad.toString(), "--html", out.toString()).exit()).isEqualTo(2);
    }
}
