package dev.stalecheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The tests' java.util.logging setting (src/test/resources/test-logging.properties) turns off exactly jqwik's "edge
 * case generation exceeds number of tries" notice: jqwik's warnings and everyone else's INFO still print.
 */
class TestLoggingTest {
    @Test
    void onlyJqwiksEdgeCaseNoticeIsSilenced() {
        assertThat(System.getProperty("java.util.logging.config.file")).endsWith("test-logging.properties");
        Logger notice = Logger.getLogger("net.jqwik.engine.properties.RandomizedShrinkablesGenerator");
        assertThat(notice.isLoggable(Level.INFO)).isFalse();
        assertThat(notice.isLoggable(Level.WARNING)).isTrue();
        assertThat(Logger.getLogger("net.jqwik.engine.execution.CheckedProperty").isLoggable(Level.INFO)).isTrue();
        assertThat(Logger.getLogger("dev.stalecheck").isLoggable(Level.INFO)).isTrue();
    }
}
