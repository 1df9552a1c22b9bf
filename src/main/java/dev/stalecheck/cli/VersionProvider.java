package dev.stalecheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the project version and the git commit the jar was built from, read from the
 * {@code build.properties} the build fills in; the commit is "unknown" when the build had no git repository (a source
 * tarball), and both are when the file is missing.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "/dev/stalecheck/build.properties";
    private final String resource;

    VersionProvider() {
        this(RESOURCE);
    }

    /** A provider reading {@code resource} (a class-path name) instead of the build's. */
    VersionProvider(String resource) {
        this.resource = resource;
    }

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            build.clear();
        }
        return new String[] {"stalecheck " + known(build.getProperty("version")) + " (commit "
                + known(build.getProperty("commit")) + ")"};
    }

    /** The value, or "unknown" when the build left it empty or unfilled. */
    private static String known(String value) {
        return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }
}
