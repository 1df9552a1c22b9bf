package dev.stalecheck.replay.report;

import dev.stalecheck.replay.simulator.CachegrindStats;
import dev.stalecheck.replay.simulator.DineroStats;
import dev.stalecheck.replay.simulator.Hierarchy;
import dev.stalecheck.replay.simulator.ModelStats;

/** Replay statistics as text: cachegrind's summary, Dinero IV's per-cache tables, or the model's level table. */
final class TextReplayReporter implements ReplayReporter {
    @Override
    public String separator() {
        return System.lineSeparator();
    }

    @Override
    public String cachegrind(CachegrindStats s) {
        CachegrindStats.Counters c = s.counters();
        StringBuilder b = new StringBuilder();
        Hierarchy h = s.caches();
        b.append(String.format("I1 %s, D1 %s, LL %s%n", h.i1().describe(), h.d1().describe(), h.ll().describe()));
        b.append(String.format("I   refs:      %,d%n", c.ir()));
        b.append(String.format("I1  misses:    %,d%n", c.i1mr()));
        b.append(String.format("LLi misses:    %,d%n", c.ilmr()));
        b.append(String.format("D   refs:      %,d  (%,d rd + %,d wr)%n", c.dr() + c.dw(), c.dr(), c.dw()));
        b.append(String.format("D1  misses:    %,d  (%,d rd + %,d wr)%n", c.d1mr() + c.d1mw(), c.d1mr(), c.d1mw()));
        b.append(String.format("LLd misses:    %,d  (%,d rd + %,d wr)%n", c.dlmr() + c.dlmw(), c.dlmr(), c.dlmw()));
        b.append("summary: ");
        for (int i = 0; i < c.inOrder().size(); i++) {
            b.append(i == 0 ? "" : " ").append(c.inOrder().get(i));
        }
        b.append(System.lineSeparator());
        appendSkipped(b, s.skipped());
        return b.toString();
    }

    @Override
    public String dinero(DineroStats s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("I1 %s, D1 %s, L2 %s (LRU, write-back, write-allocate, demand fetch)%n",
                s.hierarchy().i1().describe(), s.hierarchy().d1().describe(), s.hierarchy().ll().describe()));
        for (DineroStats.Cache c : s.caches()) {
            DineroStats.ByType f = c.fetches();
            DineroStats.ByType m = c.misses();
            b.append(System.lineSeparator()).append(c.name()).append(System.lineSeparator());
            String row = " %-20s %12s %12s %12s %12s %12s%n";
            b.append(String.format(row, "Metrics", "Total", "Instrn", "Data", "Read", "Write"));
            b.append(String.format(row, "Demand Fetches", f.total(), f.instrn(), f.data(), f.read(), f.write()));
            b.append(String.format(row, "Demand Misses", m.total(), m.instrn(), m.data(), m.read(), m.write()));
            b.append(String.format(row, "Demand miss rate", rate(m.total(), f.total()), rate(m.instrn(), f.instrn()),
                    rate(m.data(), f.data()), rate(m.read(), f.read()), rate(m.write(), f.write())));
            b.append(String.format(" %-20s %12d%n", "Multi-block refs", c.multiblockRefs()));
            b.append(String.format(" %-20s %12d%n", "Write-backs", c.writeBacks()));
            b.append(String.format(" %-20s %12d%n", "Bytes From Memory", c.bytesFromNext()));
            b.append(String.format(" %-20s %12d%n", "Bytes To Memory", c.bytesToNext()));
        }
        appendSkipped(b, s.skipped());
        return b.toString();
    }

    @Override
    public String model(ModelStats s) {
        StringBuilder b = new StringBuilder(String.format("machine %s: %,d references%s%n", s.machine(), s.references(),
                s.skipped() > 0 ? " (" + s.skipped() + " malformed lines skipped)" : ""));
        b.append(String.format("%-6s %14s %14s %14s %8s %12s %14s %16s%n", "level", "references", "hits", "misses",
                "miss %", "write-backs", "fill bytes", "bytes to next"));
        for (ModelStats.Level l : s.levels()) {
            double rate = l.references() == 0 ? 0 : 100.0 * l.misses() / l.references();
            b.append(String.format("%-6s %,14d %,14d %,14d %7.2f%% %,12d %,14d %,16d%n", l.name(), l.references(),
                    l.hits(), l.misses(), rate, l.writeBacks(), l.fillBytes(), l.bytesOut()));
        }
        b.append(String.format("memory: %,d line reads, %,d writes%n", s.memoryReads(), s.memoryWrites()));
        for (ModelStats.Level l : s.levels()) {
            ModelStats.MissKinds k = l.missKinds();
            if (k != null) {
                b.append(String.format("%-6s misses: %,d compulsory, %,d capacity, %,d conflict%n", l.name(),
                        k.compulsory(), k.capacity(), k.conflict()));
            }
        }
        return b.toString();
    }

    private static String rate(long misses, long fetches) {
        return fetches == 0 ? "0.0000" : String.format("%.4f", (double) misses / fetches);
    }

    private static void appendSkipped(StringBuilder b, long skipped) {
        if (skipped > 0) {
            b.append("skipped ").append(skipped).append(" malformed lines").append(System.lineSeparator());
        }
    }
}
