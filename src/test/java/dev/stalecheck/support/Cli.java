package dev.stalecheck.support;

import dev.stalecheck.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process and captures what it prints. */
public final class Cli {
    /**
     * What a command printed and returned.
     *
     * @param exit the exit code
     * @param out  standard output
     * @param err  standard error
     */
    public record Result(int exit, String out, String err) {
    }

    private Cli() {
    }

    /** Runs {@code stalecheck ARGS}. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Writes {@code text} to {@code dir/name} and returns the path. */
    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
