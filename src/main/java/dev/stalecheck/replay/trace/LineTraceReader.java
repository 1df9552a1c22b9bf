package dev.stalecheck.replay.trace;

import java.io.IOException;
import java.io.InputStream;

/**
 * Shared byte-level line reading for the text formats: a large buffer, no String per line. Subclasses parse one line
 * between {@code start} (inclusive) and {@code end} (exclusive) of {@link #buf}.
 */
abstract class LineTraceReader implements TraceReader {
    private final InputStream in;
    private final String file;
    private final boolean skipBad;
    byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long line;
    private long skipped;
    private boolean eof;

    LineTraceReader(InputStream in, String file, boolean skipBad) {
        this.in = in;
        this.file = file;
        this.skipBad = skipBad;
    }

    @Override
    public boolean read(RefBatch batch) throws IOException {
        batch.count = 0;
        while (!batch.full()) {
            int nl = findNewline();
            if (nl < 0) {
                if (eof) {
                    if (pos < limit) {
                        int start = pos;
                        pos = limit;
                        parseChecked(start, limit, batch);
                        continue;
                    }
                    return batch.count > 0;
                }
                refill();
                continue;
            }
            int start = pos;
            pos = nl + 1;
            int end = nl > start && buf[nl - 1] == '\r' ? nl - 1 : nl;
            parseChecked(start, end, batch);
        }
        return true;
    }

    private void parseChecked(int start, int end, RefBatch batch) {
        line++;
        if (!parse(start, end, batch)) {
            if (!skipBad) {
                String text = new String(buf, start, Math.min(end - start, 80), java.nio.charset.StandardCharsets.ISO_8859_1);
                throw new TraceException(file, line, "malformed " + formatName() + " line: '" + text + "'"
                        + " (use --skip-bad to skip such lines)");
            }
            skipped++;
        }
    }

    private int findNewline() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            if (buf.length >= (1 << 24)) {
                throw new TraceException(file, line + 1, "line longer than 16 MB: not a trace");
            }
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    /** Parses one line; returns false if it is malformed (blank lines and comments return true and add nothing). */
    abstract boolean parse(int start, int end, RefBatch batch);

    /** The format's name for messages. */
    abstract String formatName();

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Parses hex digits in [i, end); returns the value, or -1 in {@code out[0]} position on error. */
    long hex(int i, int end, int[] next) {
        long v = 0;
        int n = 0;
        while (i < end) {
            int c = buf[i];
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                d = c - 'A' + 10;
            } else {
                break;
            }
            v = (v << 4) | d;
            i++;
            n++;
        }
        next[0] = n == 0 || n > 16 ? -1 : i;
        return v;
    }

    /** Parses decimal digits in [i, end). */
    int decimal(int i, int end, int[] next) {
        int v = 0;
        int n = 0;
        while (i < end && buf[i] >= '0' && buf[i] <= '9' && n < 9) {
            v = v * 10 + (buf[i] - '0');
            i++;
            n++;
        }
        next[0] = n == 0 ? -1 : i;
        return v;
    }
}
