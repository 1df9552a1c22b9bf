package dev.stalecheck.scenario;

import dev.stalecheck.util.FileProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a scenario file and the files it includes into one {@link ScenarioDecl}. Includes are looked up next to
 * the including file, then among the preludes shipped in the jar; each file is read at most once.
 */
public final class ScenarioParser {
    /** Deepest include nesting. */
    static final int MAX_INCLUDE_DEPTH = 16;
    static final Set<String> RESERVED = Set.of("fault", "line", "iline", "page", "ram", "load", "store", "fetch", "dc",
            "ic", "tlbi", "dsb", "dmb", "isb", "translate", "caches", "mmu", "icache", "outer", "for", "in", "step",
            "on", "off", "after", "expect", "exists", "forall", "show", "thread", "macro", "space", "device",
            "scenario", "doc", "include", "machine", "cached", "explore", "pagetable");
    private static final String PRELUDE_ROOT = "/dev/stalecheck/preludes/";
    /** The preludes shipped in the jar. */
    static final List<String> PRELUDES = List.of("linux-arm.scn", "linux-armv6.scn", "linux-arm64.scn", "kvm-arm.scn",
            "kvm-arm64.scn");

    private final Set<String> included = new HashSet<>();
    private ScenarioDecl decl;

    /** Parses {@code file} as a top-level scenario. */
    ScenarioDecl parse(Path file, String shownName) {
        decl = new ScenarioDecl();
        included.add(canonical(file));
        parseText(read(file, shownName, null), shownName, file.toAbsolutePath().getParent(), 0, true);
        if (decl.name == null) {
            throw new ScenarioException(new SourcePosition(shownName, 1, 1), "a scenario starts with: scenario \"name\"");
        }
        return decl;
    }

    private static String canonical(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    /** Reads a file as UTF-8 text, refusing missing, oversized, empty and binary files. */
    static String read(Path file, String shownName, SourcePosition includedFrom) {
        SourcePosition at = includedFrom != null ? includedFrom : new SourcePosition(shownName, 1, 1);
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw wholeFile(includedFrom, shownName + " is a directory, not a scenario file");
            }
            if (Files.size(file) > Lexer.MAX_FILE_BYTES) {
                throw new ScenarioException(at, "file is larger than " + (Lexer.MAX_FILE_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw wholeFile(includedFrom, "cannot read " + shownName + ": " + FileProblem.reason(e));
        }
        return decode(bytes, shownName, at);
    }

    static String decode(byte[] bytes, String shownName, SourcePosition at) {
        for (byte b : bytes) {
            if (b == 0) {
                throw new ScenarioException(at, shownName + " is a binary file, not a scenario (it contains NUL bytes)");
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(at, shownName + " is not UTF-8 text");
        }
        if (text.isBlank()) {
            throw new ScenarioException(at, shownName + " is empty");
        }
        return text;
    }

    private void parseText(String text, String file, Path dir, int depth, boolean root) {
        TokenStream in = new TokenStream(new Lexer(file, text).tokens());
        ExprParser expr = new ExprParser(in);
        StmtParser stmts = new StmtParser(in, expr);
        TopLevelParser top = new TopLevelParser(in, expr, stmts, decl, file, text);
        boolean first = true;
        while (true) {
            in.skipSeparators();
            if (in.atEof()) {
                return;
            }
            Token t = in.peek();
            if (root && first && !t.isWord("scenario")) {
                throw TokenStream.error(t, "a scenario starts with: scenario \"name\"");
            }
            first = false;
            if (t.isWord("include")) {
                in.next();
                String name = in.string("a file name");
                include(name, t.position(), dir, depth);
                continue;
            }
            if (!root && (t.isWord("scenario") || t.isWord("machine"))) {
                throw TokenStream.error(t, "an included file may not contain '" + t.text() + "'");
            }
            top.item();
        }
    }

    private void include(String name, SourcePosition at, Path dir, int depth) {
        if (depth + 1 > MAX_INCLUDE_DEPTH) {
            throw new ScenarioException(at, "includes nested deeper than " + MAX_INCLUDE_DEPTH + " files");
        }
        Path local = dir == null ? null : dir.resolve(name);
        if (local != null && Files.isRegularFile(local)) {
            if (included.add(canonical(local))) {
                parseText(read(local, local.toString(), at), local.toString(), local.toAbsolutePath().getParent(),
                        depth + 1, false);
            }
            return;
        }
        String resource = PRELUDE_ROOT + name;
        try (InputStream s = ScenarioParser.class.getResourceAsStream(resource)) {
            if (s == null || name.contains("..") || name.contains("/")) {
                throw new ScenarioException(at, "cannot find include \"" + name + "\" next to this file or among the"
                        + " shipped preludes (" + String.join(", ", PRELUDES) + ")");
            }
            if (included.add("prelude:" + name)) {
                String text = decode(s.readAllBytes(), name, at);
                parseText(text, name, null, depth + 1, false);
            }
        } catch (IOException e) {
            throw new ScenarioException(at, "cannot read prelude " + name);
        }
    }

    /** Whether {@code name} is a reserved word (case-insensitive for mnemonics). */
    static boolean isReserved(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }

    /** An error about a whole file: at the {@code include} that named it, or without a position for the top file. */
    private static ScenarioException wholeFile(SourcePosition includedFrom, String detail) {
        return includedFrom != null ? new ScenarioException(includedFrom, detail) : new ScenarioException(detail);
    }
}
