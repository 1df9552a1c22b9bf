package dev.stalecheck.replay.trace;

import java.io.InputStream;

/**
 * Dinero IV's extended din format: {@code LABEL ADDRESS SIZE} per line, hex address and size; labels {@code r}
 * (read), {@code w} (write), {@code i} (instruction fetch), {@code m} (miscellaneous: ignored), {@code c} (clean to
 * PoC), {@code v} (invalidate to PoC); the classic digits 0 (read), 1 (write), 2 (fetch), 3 (misc), 4 (clean) too.
 */
final class DinReader extends LineTraceReader {
    private final int[] next = new int[1];

    DinReader(InputStream in, String file, boolean skipBad) {
        super(in, file, skipBad);
    }

    @Override
    boolean parse(int start, int end, RefBatch batch) {
        int i = start;
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i == end || buf[i] == '#') {
            return true;
        }
        byte k;
        switch (buf[i]) {
            case 'r', '0' -> k = RefKind.LOAD;
            case 'w', '1' -> k = RefKind.STORE;
            case 'i', '2' -> k = RefKind.INSTR;
            case 'm', '3' -> k = -1;
            case 'c', '4' -> k = RefKind.CLEAN;
            case 'v' -> k = RefKind.INVALIDATE;
            default -> {
                return false;
            }
        }
        i++;
        if (i >= end || (buf[i] != ' ' && buf[i] != '\t')) {
            return false;
        }
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        long a = hex(i, end, next);
        i = next[0];
        if (i < 0) {
            return false;
        }
        int size = 4;
        if (i < end) {
            while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
                i++;
            }
            if (i < end) {
                long s = hex(i, end, next);
                if (next[0] < 0 || s <= 0 || s > (1 << 20)) {
                    return false;
                }
                i = next[0];
                while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
                    i++;
                }
                if (i != end) {
                    return false;
                }
                size = (int) s;
            }
        }
        if (k >= 0) {
            batch.add(k, a, size);
        }
        return true;
    }

    @Override
    String formatName() {
        return "din";
    }
}
