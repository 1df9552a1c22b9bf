package dev.stalecheck.replay.trace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** The trace formats {@code replay} reads, and how a file is opened: decompressed if needed, format detected. */
public enum TraceFormat {
    /** Valgrind lackey output. */
    LACKEY("lackey"),
    /** Dinero IV extended din. */
    DIN("din"),
    /** stalecheck's binary format. */
    BINARY("binary");

    private final String word;

    TraceFormat(String word) {
        this.word = word;
    }

    /** The format's name on the command line. */
    public String word() {
        return word;
    }

    /** The format named {@code word}, or null. */
    public static TraceFormat fromWord(String word) {
        for (TraceFormat f : values()) {
            if (f.word.equals(word)) {
                return f;
            }
        }
        return null;
    }

    /**
     * Opens {@code name} ({@code -} for standard input): gzip and xz are decompressed; the format is {@code format},
     * or detected from the first bytes when null.
     */
    public static TraceReader open(String name, TraceFormat format, boolean skipBad) throws IOException {
        return open(name, format, skipBad, new AtomicLong());
    }

    /** As {@link #open(String, TraceFormat, boolean)}, adding the bytes read from the file to {@code bytesRead}. */
    public static TraceReader open(String name, TraceFormat format, boolean skipBad, AtomicLong bytesRead)
            throws IOException {
        InputStream raw;
        try {
            raw = new CountingInputStream(name.equals("-") ? System.in : Files.newInputStream(Path.of(name)),
                    bytesRead);
        } catch (NoSuchFileException e) {
            throw new TraceException(name, 0, "no such file");
        }
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] head = peek(in, 6);
        InputStream data = in;
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            data = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        } else if (head.length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                && head[4] == 'Z' && head[5] == 0) {
            data = new BufferedInputStream(new XZInputStream(in), 1 << 16);
        }
        BufferedInputStream d = data instanceof BufferedInputStream b ? b : new BufferedInputStream(data, 1 << 16);
        TraceFormat f = format != null ? format : detect(peek(d, 256), name);
        return switch (f) {
            case LACKEY -> new LackeyReader(d, name, skipBad);
            case DIN -> new DinReader(d, name, skipBad);
            case BINARY -> new BinaryTrace.Reader(d, name);
        };
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }

    private static TraceFormat detect(byte[] head, String name) {
        String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (s.startsWith("SCTRACE")) {
            return BINARY;
        }
        if (s.startsWith("==") || s.startsWith("I  ") || s.matches("(?s) [LSM] .*")) {
            return LACKEY;
        }
        if (s.matches("(?s)\\s*[rwimcv0-4][ \\t].*")) {
            return DIN;
        }
        for (byte b : head) {
            if (b == 0) {
                throw new TraceException(name, 0, "cannot tell the trace format (binary data); use --format");
            }
        }
        throw new TraceException(name, 1, "cannot tell the trace format from its first line; use --format"
                + " lackey|din|binary");
    }
}
