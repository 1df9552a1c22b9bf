package dev.stalecheck.replay.trace;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * A gzip or xz decompressor whose failures name the file and the compressed byte offset: a stream that ends early is
 * a {@linkplain TraceException#truncated truncated} trace, anything else corrupt data.
 */
final class DecompressedInput extends FilterInputStream {
    private final String file;
    private final String kind;
    private final LongSupplier offset;

    /** Wraps {@code decompressor} of {@code kind} (gzip, xz), reading {@code file}; {@code offset} = bytes read of it. */
    DecompressedInput(InputStream decompressor, String file, String kind, LongSupplier offset) {
        super(decompressor);
        this.file = file;
        this.kind = kind;
        this.offset = offset;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw translated(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw translated(e);
        }
    }

    /**
     * Always 0, so that a {@link java.io.BufferedInputStream} over this stream makes one read per call: otherwise it
     * would go on reading into the same call, and the bytes it had already decompressed would be lost with the error.
     */
    @Override
    public int available() {
        return 0;
    }

    private TraceException translated(IOException e) {
        if (e instanceof EOFException) {
            return TraceException.truncated(file, offset.getAsLong(), "truncated " + kind + " file: it ends inside the"
                    + " compressed stream, before the stream's end");
        }
        return TraceException.corrupt(file, offset.getAsLong(), "corrupt " + kind + " data"
                + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
}
