package dev.stalecheck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The launcher script names methods in its JVM options: they must exist, or the option silently does nothing. */
class LauncherTest {
    private static final Pattern NAMED_METHOD = Pattern.compile("CompileCommand=\\w+,([\\w.]+)::(\\w+)");

    @Test
    void everyMethodTheLauncherNamesExists() throws IOException, ClassNotFoundException {
        // The JIT ignores a CompileCommand for a method that does not exist (quietly, with "quiet"), so a rename
        // would lose the option without anyone noticing: look each named method up in the compiled classes.
        String script = Files.readString(Path.of("stalecheck"));
        Matcher m = NAMED_METHOD.matcher(script);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            Class<?> type = Class.forName(m.group(1));
            String method = m.group(2);
            assertThat(Arrays.stream(type.getDeclaredMethods()).map(Method::getName))
                    .as("%s in %s", method, type.getName()).contains(method);
            named.add(m.group(1) + "::" + method);
        }
        assertThat(named).as("the launcher names the search's step function").isNotEmpty();
    }
}
