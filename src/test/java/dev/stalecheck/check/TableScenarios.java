package dev.stalecheck.check;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;

/**
 * Random small scenarios with page tables, for the differential tests of the reductions that work through them
 * ({@code TableReachTest}, {@code TablePartialOrderTest}): one or two cpus, one to three threads in a table of each
 * format ({@code v8-4k}, {@code v7-lpae}, {@code v7-short}) that maps its own memory, so that threads rewrite
 * descriptors (break, make), invalidate TLB entries (local, broadcast, all), load and store through the mapping
 * being changed, read descriptors and clean or invalidate their lines; machines with one or two cache levels of
 * different line sizes, instruction caches, every walker, shareable and non-shareable and non-cacheable mappings,
 * and small TLBs; speculative fills, walks and TLB drops on (prefetch off in one case of eight). Each thread that
 * loads has an {@code exists} (a witness to compare) and an {@code expect} on the old page's RAM fails whenever a
 * store through the old mapping reaches it (a counterexample to compare).
 */
final class TableScenarios {
    private TableScenarios() {
    }

    /** A random scenario's parameters: machine, cpus, table format, attributes, threads as op codes, options. */
    record Shape(int machine, int cpus, int format, int attributes, List<List<Integer>> threads, int options) {
    }

    /** Operation codes per thread. */
    static final int OPS = 14;

    /** The state bound of the differential tests: a search cut by it is skipped. */
    static final long BOUND = 10_000;

    /** {@link #shapes()} for {@code @ForAll(supplier = ...)}. */
    static final class Shapes implements ArbitrarySupplier<Shape> {
        @Override
        public Arbitrary<Shape> get() {
            return shapes();
        }
    }

    static Arbitrary<Shape> shapes() {
        Arbitrary<List<Integer>> thread = Arbitraries.integers().between(0, OPS - 1).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 2),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                thread.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(0, 15)).as(Shape::new);
    }

    private static final String[] MACHINES = {
        "machine generic { cpus %d; cache l1d 256B 2-way 64B; cache l1i 256B 2-way 64B;"
            + " cache l2 512B 2-way 64B shared; walker l1; tlb 4 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i none; cache l2 256B 2-way 64B shared;"
            + " walker l1 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i none; cache l2 none; walker memory }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i 128B 2-way 32B;"
            + " cache l2 256B 2-way 32B shared; walker any; tlb 2 }",
        "machine cortex-a57 { cpus %d; cache l1d 256B 2-way 64B; cache l1i 256B 1-way 64B;"
            + " cache l2 512B 2-way 64B shared; tlb 2 }",
        "machine generic { cpus %d; cache l1d 128B 1-way 32B; cache l1i none; cache l2 256B 2-way 32B shared;"
            + " walker l2; invalidate l1d discard }",
    };

    /** The scenario text of a shape. */
    static String text(Shape s) {
        boolean v7 = s.format() == 2;
        String format = new String[] {"v8-4k", "v7-lpae", "v7-short"}[s.format()];
        // The table maps its own memory (a 2 MB block, or a 1 MB section for v7-short) and one 4 KB page, the one
        // the threads change.
        String tableAt = v7 ? "0x80004000" : "0x80010000";
        String window = v7 ? "0xc0000000" : "0x0";
        String offset = v7 ? " + 0x40000000" : " - 0x80000000";
        String data = v7 ? "0xc0200000" : "0x200000";
        String other = v7 ? "0xc0201000" : "0x201000";
        String pageAttr = new String[] {"normal", "normal", "normal nsh", "normal-nc"}[s.attributes()];
        String windowAttr = s.attributes() == 1 ? "normal nsh" : "normal";
        String newAttr = s.attributes() == 3 ? "normal" : pageAttr;
        String st = v7 ? "store.w" : "store";
        StringBuilder b = new StringBuilder("scenario \"random-table\"\n")
                .append(String.format(MACHINES[s.machine()], s.cpus())).append('\n')
                .append("ram 0x80200000 = 0x11\nram 0x80400000 = 0x22\n")
                .append("pagetable pt format ").append(format).append(" at ").append(tableAt).append(" {\n")
                .append("  map ").append(window).append(" -> 0x80000000 size ").append(v7 ? "1M section " : "2M block ")
                .append(windowAttr).append('\n')
                .append("  map ").append(data).append(" -> 0x80200000 size 4K page ").append(pageAttr).append('\n')
                .append("}\n");
        String entry = "[entry(pt, " + data + ")" + offset + "]";
        int n = s.threads().size();
        for (int t = 0; t < n; t++) {
            boolean waits = t == n - 1 && t > 0 && (s.options() & 1) != 0;
            b.append("thread t").append(t).append(" on cpu").append(t % s.cpus()).append(" in pt")
                    .append(waits ? " after t0" : "").append(" {\n");
            int reg = 0;
            for (int code : s.threads().get(t)) {
                b.append(switch (code) {
                    case 0, 1 -> "  r" + ++reg + " = load [" + data + "]";
                    case 2 -> "  store [" + data + "] = " + (0x30 + t);
                    case 3 -> "  " + st + " " + entry + " = 0";
                    case 4 -> "  " + st + " " + entry + " = desc(pt, page, 0x80400000, " + newAttr.replace(" ", ", ")
                            + ")";
                    case 5 -> "  tlbi va [" + data + "] is";
                    case 6 -> "  tlbi va [" + data + "]";
                    case 7 -> "  tlbi all is";
                    case 8 -> "  dsb";
                    case 9 -> "  r" + ++reg + " = load " + entry;
                    case 10 -> "  dc civac " + entry;
                    case 11 -> "  dc cvac " + entry;
                    case 12 -> "  dc ivac [" + data + "]";
                    default -> "  r" + ++reg + " = load [" + other + "]";
                }).append('\n');
            }
            b.append("}\n");
            for (int r = 1; r <= reg; r++) {
                b.append("show t").append(t).append(".r").append(r).append('\n');
            }
            if (reg > 0) {
                b.append("exists t").append(t).append(".r1 == 0x22\n");
            }
        }
        // A store through the old mapping that reaches RAM breaks this: a counterexample to compare.
        b.append("expect ram[0x80200000] == 0x11\nshow ram[0x80400000]\n");
        if ((s.options() & 14) == 14) {
            b.append("explore { prefetch off }\n");
        }
        return b.toString();
    }
}
