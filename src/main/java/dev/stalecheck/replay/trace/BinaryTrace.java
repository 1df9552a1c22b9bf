package dev.stalecheck.replay.trace;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * stalecheck's compact binary trace: the 8-byte magic {@code SCTRACE3}, then one record per reference: a header
 * byte (bits 0-2 the kind, bits 4-7 the size when below 16, else bit 3 set and the size follows as a varint), then
 * the address as a zigzag varint delta. An instruction's delta is from the previous instruction; any other record's
 * is from the last address of the data slot that the previous instruction's address hashes to (1024 slots, all 0 at
 * first), so that an instruction that walks an array or reads the stack has small deltas. Most records take 2 bytes.
 * {@code stalecheck replay --convert} writes it.
 */
public final class BinaryTrace {
    /** The magic the format starts with. */
    static final byte[] MAGIC = "SCTRACE3".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OLD_MAGIC = "SCTRACE2".getBytes(StandardCharsets.US_ASCII);
    private static final int DATA_SLOTS = 1 << 10;

    private BinaryTrace() {
    }

    /**
     * The index in {@code previous} (the last instruction address at 0, the data slots after it) of the address that
     * a record of {@code kind} is a delta from.
     */
    private static int base(int kind, long[] previous) {
        long pc = previous[0];
        return kind == RefKind.INSTR ? 0 : 1 + (int) ((pc ^ pc >>> 10) & (DATA_SLOTS - 1));
    }

    /** Writes batches in the binary format. */
    public static final class Writer implements AutoCloseable {
        private final OutputStream out;
        private final byte[] buf = new byte[RefBatch.CAPACITY * 16];
        private final long[] previous = new long[1 + DATA_SLOTS];

        /** A writer to {@code out}, which gets the magic at once. */
        public Writer(OutputStream out) throws IOException {
            this.out = out;
            out.write(MAGIC);
        }

        /** Appends every reference of {@code b}. */
        public void write(RefBatch b) throws IOException {
            int p = 0;
            for (int i = 0; i < b.count; i++) {
                int kind = b.kind[i];
                int size = b.size[i];
                if (size < 16) {
                    buf[p++] = (byte) (kind | size << 4);
                } else {
                    buf[p++] = (byte) (kind | 8);
                    p = varint(buf, p, size);
                }
                int base = base(kind, previous);
                long delta = b.address[i] - previous[base];
                previous[base] = b.address[i];
                p = varint(buf, p, (delta << 1) ^ (delta >> 63));
            }
            out.write(buf, 0, p);
        }

        private static int varint(byte[] buf, int p, long v) {
            while ((v & ~0x7FL) != 0) {
                buf[p++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[p++] = (byte) v;
            return p;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads the binary format. */
    public static final class Reader implements TraceReader {
        private static final int MAX_RECORD = 1 + 5 + 10;
        private final InputStream in;
        private final String file;
        private final byte[] buf = new byte[1 << 20];
        private final long[] previous = new long[1 + DATA_SLOTS];
        private int pos;
        private int limit;
        private boolean eof;

        /** A reader of {@code in} (named {@code file} in errors), whose magic it checks at once. */
        public Reader(InputStream in, String file) throws IOException {
            this.in = in;
            this.file = file;
            byte[] magic = new byte[MAGIC.length];
            try {
                new DataInputStream(in).readFully(magic);
            } catch (EOFException e) {
                throw new TraceException(file, 0, "truncated binary trace header");
            }
            if (java.util.Arrays.equals(magic, OLD_MAGIC)) {
                throw new TraceException(file, 0, "a binary trace in the old SCTRACE2 format, which this version no"
                        + " longer reads: convert the lackey or din trace again with replay --convert");
            }
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new TraceException(file, 0, "not a stalecheck binary trace (expected the SCTRACE3 header)");
            }
        }

        private void refill() throws IOException {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
            while (!eof && limit < buf.length) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        }

        @Override
        public boolean read(RefBatch batch) throws IOException {
            batch.count = 0;
            byte[] b = buf;
            while (batch.count < RefBatch.CAPACITY) {
                if (limit - pos < MAX_RECORD && !eof) {
                    refill();
                }
                if (pos >= limit) {
                    break;
                }
                int h = b[pos++];
                int kind = h & 7;
                if (kind > RefKind.INVALIDATE) {
                    throw new TraceException(file, 0, "corrupt binary trace: record kind " + kind);
                }
                int size;
                if ((h & 8) == 0) {
                    size = (h >>> 4) & 0xF;
                } else {
                    long s = 0;
                    int shift = 0;
                    int c;
                    do {
                        checkAvailable();
                        c = b[pos++];
                        s |= (long) (c & 0x7F) << shift;
                        shift += 7;
                    } while (c < 0 && shift < 35);
                    size = (int) s;
                }
                long z = 0;
                int shift = 0;
                int c;
                do {
                    checkAvailable();
                    c = b[pos++];
                    z |= (long) (c & 0x7F) << shift;
                    shift += 7;
                } while (c < 0 && shift < 70);
                int base = base(kind, previous);
                long a = previous[base] + ((z >>> 1) ^ -(z & 1));
                previous[base] = a;
                batch.kind[batch.count] = (byte) kind;
                batch.address[batch.count] = a;
                batch.size[batch.count] = size;
                batch.count++;
            }
            return batch.count > 0;
        }

        private void checkAvailable() {
            if (pos >= limit) {
                throw new TraceException(file, 0, "truncated binary trace: the last record is cut short");
            }
        }

        @Override
        public long skipped() {
            return 0;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
