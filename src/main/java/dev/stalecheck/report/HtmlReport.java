package dev.stalecheck.report;

import dev.stalecheck.result.ScenarioResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A single self-contained HTML page (no network, no external assets) that shows a result's verdicts and lets a person
 * step through each execution, redrawing every cache from the steps' effects. The page is the result's JSON (the
 * same the JSON printer writes) embedded in a fixed viewer; every user string reaches the page only as JSON data and
 * is put into the document as text, never as markup.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    /** The page for a result. */
    public static String render(ScenarioResult r) {
        return fromJson(JsonReport.render(r));
    }

    /** The page for a saved JSON result ({@code stalecheck report RESULT.json --html OUT}). */
    public static String fromJson(String json) {
        String template;
        try (InputStream in = HtmlReport.class.getResourceAsStream("/dev/stalecheck/report/viewer.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String safe = json.strip().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        return template.replace("@@DATA@@", safe);
    }
}
