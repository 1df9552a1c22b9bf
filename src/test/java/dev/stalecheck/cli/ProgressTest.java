package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.SearchProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress line: nothing in the first second, then at most one redraw a second, erased at the end. */
class ProgressTest {
    private long now;

    @Test
    void redrawsAtMostOnceASecondWithRateDepthAndQueue() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(false, Long.MAX_VALUE, new PrintWriter(text), () -> now);
        now = 500_000_000L;
        p.update(new SearchProgress(1_000, 3_000, 4, 200));
        assertThat(text.toString()).as("nothing before a second has passed").isEmpty();
        now = 1_000_000_000L;
        p.update(new SearchProgress(2_000, 6_000, 5, 300));
        assertThat(text.toString()).isEqualTo("\rsearch: 2000 states, 2000 states/s, depth 5, queue 300");
        now = 1_500_000_000L;
        p.update(new SearchProgress(2_500, 7_000, 5, 350));
        assertThat(text.toString()).as("no redraw within the second").endsWith("queue 300");
        now = 3_000_000_000L;
        p.update(new SearchProgress(6_000, 9_000, 7, 10));
        // 4000 more states in 2 s; the shorter line is padded over the longer one before it.
        assertThat(text.toString()).endsWith("\rsearch: 6000 states, 2000 states/s, depth 7, queue 10 ");
        p.close();
        assertThat(text.toString()).endsWith("\r" + " ".repeat(54) + "\r");
    }

    @Test
    void quietOrNotATerminalDrawsNothing() {
        StringWriter text = new StringWriter();
        Progress p = new Progress(true, 100, new PrintWriter(text), () -> now);
        now = 5_000_000_000L;
        p.update(new SearchProgress(50, 60, 2, 3));
        p.close();
        assertThat(text.toString()).isEmpty();
    }
}
