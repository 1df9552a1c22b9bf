package dev.stalecheck.support;

import java.util.ArrayList;
import java.util.List;

/** Issue #4's scaling family, as bench/scaling-scenario.sh writes it, for tests that need a search of some size. */
public final class ScalingScenario {
    private ScalingScenario() {
    }

    /**
     * A cpu stores 1 to {@code n} lines 32 bytes apart, then runs {@code dc OP} ({@code civac} or {@code ivac}) on
     * each; a device at memory, after the cpu, loads each line's word; one expect that every load read 1. One
     * 256-byte, 4-set, 2-way, 32-byte-line L1D, {@code invalidate l1d discard}, no speculative fills.
     */
    public static String text(int n, String op) {
        StringBuilder b = new StringBuilder();
        b.append("scenario \"scaling\"\nmachine generic {\n  cache l1i none\n  cache l2 none\n")
                .append("  cache l1d 256B 2-way 32B pipt write-back write-allocate\n  invalidate l1d discard\n}\n")
                .append("explore { prefetch off }\ndevice dma at memory\n")
                .append("space s { 0x10000 -> 0x10000 size 4K normal }\nthread cpu on cpu0 in s {\n");
        for (int i = 0; i < n; i++) {
            b.append(String.format("  store [0x%x] = 1%n", 0x10000 + 32 * i));
        }
        for (int i = 0; i < n; i++) {
            b.append(String.format("  dc %s [0x%x]%n", op, 0x10000 + 32 * i));
        }
        b.append("}\nthread d on dma after cpu {\n");
        List<String> conds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            b.append(String.format("  r%d = load [0x%x]%n", i, 0x10000 + 32 * i));
            conds.add("d.r" + i + " == 1");
        }
        return b.append("}\nexpect ").append(String.join(" && ", conds)).append('\n').toString();
    }
}
