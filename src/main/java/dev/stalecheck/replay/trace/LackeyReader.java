package dev.stalecheck.replay.trace;

import java.io.InputStream;

/**
 * Valgrind lackey output ({@code valgrind --tool=lackey --trace-mem=yes}): {@code I  addr,size} for instructions and
 * {@code  L|S|M addr,size} for data, hex addresses and decimal sizes; the {@code ==pid==} lines Valgrind writes
 * before and after are skipped.
 */
final class LackeyReader extends LineTraceReader {
    private final int[] next = new int[1];

    LackeyReader(InputStream in, String file, boolean skipBad) {
        super(in, file, skipBad);
    }

    @Override
    boolean parse(int start, int end, RefBatch batch) {
        if (end == start || buf[start] == '=') {
            return true;
        }
        byte k;
        int i;
        if (buf[start] == 'I' && end - start > 3 && buf[start + 1] == ' ' && buf[start + 2] == ' ') {
            k = RefKind.INSTR;
            i = start + 3;
        } else if (buf[start] == ' ' && end - start > 3 && buf[start + 2] == ' ') {
            switch (buf[start + 1]) {
                case 'L' -> k = RefKind.LOAD;
                case 'S' -> k = RefKind.STORE;
                case 'M' -> k = RefKind.MODIFY;
                default -> {
                    return false;
                }
            }
            i = start + 3;
        } else {
            return false;
        }
        long a = hex(i, end, next);
        i = next[0];
        if (i < 0 || i >= end || buf[i] != ',') {
            return false;
        }
        int size = decimal(i + 1, end, next);
        if (next[0] != end || size <= 0) {
            return false;
        }
        batch.add(k, a, size);
        return true;
    }

    @Override
    String formatName() {
        return "lackey";
    }
}
