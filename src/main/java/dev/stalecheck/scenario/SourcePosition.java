package dev.stalecheck.scenario;

/**
 * A place in a scenario file, for error messages ({@code file:line:col}).
 *
 * @param file   the file as the user named it (or as an include resolved it)
 * @param line   1-based line
 * @param column 1-based column
 */
public record SourcePosition(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
