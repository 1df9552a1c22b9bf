package dev.stalecheck.replay;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * stalecheck's compact binary trace: the 8-byte magic {@code SCTRACE1}, then 10 bytes per reference: kind (1),
 * size (1, capped at 255), address (8, little-endian). {@code stalecheck replay --convert} writes it.
 */
final class BinaryTrace {
    static final byte[] MAGIC = "SCTRACE1".getBytes(StandardCharsets.US_ASCII);
    static final int RECORD = 10;

    private BinaryTrace() {
    }

    /** Writes batches in the binary format. */
    static final class Writer implements AutoCloseable {
        private final OutputStream out;
        private final ByteBuffer buf = ByteBuffer.allocate(RECORD * RefBatch.CAPACITY).order(ByteOrder.LITTLE_ENDIAN);

        Writer(OutputStream out) throws IOException {
            this.out = out;
            out.write(MAGIC);
        }

        void write(RefBatch b) throws IOException {
            buf.clear();
            for (int i = 0; i < b.count; i++) {
                buf.put(b.kind[i]).put((byte) Math.min(b.size[i], 255)).putLong(b.address[i]);
            }
            out.write(buf.array(), 0, buf.position());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads the binary format (the magic already consumed by detection or not: it is checked here). */
    static final class Reader implements TraceReader {
        private final InputStream in;
        private final String file;
        private final byte[] raw = new byte[RECORD * RefBatch.CAPACITY];
        private final ByteBuffer view = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        private int carry;

        Reader(InputStream in, String file) throws IOException {
            this.in = in;
            this.file = file;
            byte[] magic = new byte[MAGIC.length];
            try {
                new DataInputStream(in).readFully(magic);
            } catch (EOFException e) {
                throw new TraceException(file, 0, "truncated binary trace header");
            }
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new TraceException(file, 0, "not a stalecheck binary trace");
            }
        }

        @Override
        public boolean read(RefBatch batch) throws IOException {
            batch.count = 0;
            int filled = carry;
            while (filled < raw.length) {
                int n = in.read(raw, filled, raw.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            int records = filled / RECORD;
            for (int r = 0; r < records; r++) {
                int o = r * RECORD;
                byte k = raw[o];
                if (k < RefKind.INSTR || k > RefKind.INVALIDATE) {
                    throw new TraceException(file, 0, "corrupt binary trace: record kind " + k);
                }
                batch.add(k, view.getLong(o + 2), raw[o + 1] & 0xff);
            }
            carry = filled - records * RECORD;
            System.arraycopy(raw, records * RECORD, raw, 0, carry);
            if (records == 0 && carry > 0) {
                throw new TraceException(file, 0, "truncated binary trace: " + carry + " stray bytes at the end");
            }
            return records > 0;
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
