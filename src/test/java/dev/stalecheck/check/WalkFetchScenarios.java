package dev.stalecheck.check;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random small scenarios with page tables for the differential test against the naive explorer
 * ({@code DifferentialTest}): walk attributes ({@code walk wb|wt|nc}, inner and outer apart) on machines whose walker
 * starts at L1, anywhere, at memory, with an {@code outer} level, a {@code wt-bypass} L1D or the PoC at L2; and the
 * fetch rules of issue 17 — fetches with the I-cache off, with the caches or the MMU off, through {@code normal-nc},
 * {@code device}, {@code normal-wt} and {@code xn} mappings — beside loads, stores, descriptor rewrites, cleans and
 * TLB and I-cache invalidates; in host tables and in a stage-2 table whose guests run with stage 1 off (their
 * speculative I-fills go through stage 2). A host's data page is mapped at its own physical address, so that with
 * the MMU off the same lines are read.
 */
final class WalkFetchScenarios {
    private WalkFetchScenarios() {
    }

    /** A random scenario's parameters: machine, cpus, table format, walk clause, page attributes, threads as op codes. */
    record Shape(int machine, int cpus, int format, int walk, int attributes, List<List<Integer>> threads) {
    }

    /** Operation codes per thread. */
    static final int OPS = 13;

    static final String[] MACHINES = {
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i 128B 2-way 32B;"
            + " cache l2 256B 2-way 32B shared; walker l1; tlb 2 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i 128B 1-way 32B;"
            + " cache l2 256B 2-way 32B shared; walker any; tlb 2 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i 128B 1-way 32B;"
            + " cache l2 256B 2-way 32B pipt write-back write-allocate shared outer; walker l1; tlb 2 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B write-back write-allocate wt-bypass;"
            + " cache l1i 128B 1-way 32B; cache l2 256B 2-way 32B shared; walker l1; tlb 2 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i 128B 1-way 32B; cache l2 none;"
            + " walker memory; pou memory; tlb 2 }",
        "machine generic { cpus %d; cache l1d 128B 2-way 32B; cache l1i 128B 1-way 32B;"
            + " cache l2 256B 2-way 32B shared; walker l1; poc l2; tlb 2 }",
    };

    static final String[] WALKS = {"", " walk wb", " walk wt", " walk nc", " walk inner nc outer wb",
        " walk inner wb outer nc"};

    static final String[] PAGE_ATTRIBUTES = {"normal", "normal-nc", "device", "normal xn", "normal-wt"};

    static Arbitrary<Shape> shapes() {
        Arbitrary<List<Integer>> thread = Arbitraries.integers().between(0, OPS - 1).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(Arbitraries.integers().between(0, MACHINES.length - 1),
                Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, WALKS.length - 1),
                Arbitraries.integers().between(0, PAGE_ATTRIBUTES.length - 1),
                thread.list().ofMinSize(1).ofMaxSize(2)).as(Shape::new);
    }

    /**
     * The scenario text of a shape: format 0 a {@code v8-4k} table, 1 a {@code v7-short} one, 2 a {@code stage 2}
     * table that guests (stage 1 off) run in directly, mapping its own memory at IPA 0x1000000.
     */
    static String text(Shape s) {
        boolean v7 = s.format() == 1;
        boolean guest = s.format() == 2;
        String tableAt = v7 ? "0x80004000" : guest ? "0x81000000" : "0x80010000";
        String window = v7 ? "0xc0000000" : guest ? "0x1000000" : "0x0";
        String windowTo = guest ? "0x81000000" : "0x80000000";
        String offset = v7 ? " + 0x40000000" : " - 0x80000000";
        String data = guest ? "0x200000" : "0x80200000";
        String st = v7 ? "store.w" : "store";
        String attributes = PAGE_ATTRIBUTES[s.attributes()];
        StringBuilder b = new StringBuilder("scenario \"random-walk-fetch\"\n")
                .append(String.format(MACHINES[s.machine()], s.cpus())).append('\n')
                .append("ram 0x80200000 = 0x11\nram 0x80400000 = 0x22\n")
                .append("pagetable pt format ").append(v7 ? "v7-short" : "v8-4k").append(" at ").append(tableAt)
                .append(guest ? " stage 2" : "").append(WALKS[s.walk()]).append(" {\n")
                .append("  map ").append(window).append(" -> ").append(windowTo).append(" size ")
                .append(v7 ? "1M section" : "2M block").append(" normal\n")
                .append("  map ").append(data).append(" -> 0x80200000 size 4K page ").append(attributes).append('\n')
                .append("}\n");
        String entry = "[entry(pt, " + data + ")" + offset + "]";
        for (int t = 0; t < s.threads().size(); t++) {
            b.append("thread t").append(t).append(" on cpu").append(t % s.cpus()).append(" in pt {\n");
            int reg = 0;
            for (int code : s.threads().get(t)) {
                b.append(switch (code) {
                    case 0 -> "  r" + ++reg + " = load.w [" + data + "]";
                    case 1, 2 -> "  r" + ++reg + " = fetch [" + data + "]";
                    case 3 -> "  store.w [" + data + "] = " + (0x30 + t);
                    case 4 -> "  " + st + " " + entry + " = desc(pt, page, 0x80400000, "
                            + attributes.replace(" ", ", ") + ")";
                    case 5 -> "  dc cvac " + entry;
                    case 6 -> guest ? "  tlbi vmalls12e1is pt" : "  tlbi va [" + data + "] is";
                    case 7 -> "  icache off";
                    case 8 -> "  caches off";
                    case 9 -> "  mmu off";
                    case 10 -> "  ic iallu";
                    case 11 -> "  dc cvau [" + data + "]";
                    default -> "  r" + ++reg + " = load.w " + entry;
                }).append('\n');
            }
            b.append("}\n");
            for (int r = 1; r <= reg; r++) {
                b.append("show t").append(t).append(".r").append(r).append('\n');
            }
        }
        return b.toString();
    }
}
