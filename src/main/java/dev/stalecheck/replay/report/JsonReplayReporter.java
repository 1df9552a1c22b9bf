package dev.stalecheck.replay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalecheck.replay.simulator.CachegrindStats;
import dev.stalecheck.replay.simulator.DineroStats;
import dev.stalecheck.replay.simulator.ModelStats;

/** Replay statistics as one JSON object per line, fields in a fixed order: rules, (machine,) references, skipped. */
final class JsonReplayReporter implements ReplayReporter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String separator() {
        return "";
    }

    @Override
    public String cachegrind(CachegrindStats s) {
        ObjectNode o = header("cachegrind", s.references(), s.skipped());
        ObjectNode counters = o.putObject("counters");
        for (int i = 0; i < CachegrindStats.NAMES.size(); i++) {
            counters.put(CachegrindStats.NAMES.get(i), s.counters().inOrder().get(i));
        }
        return o + System.lineSeparator();
    }

    @Override
    public String dinero(DineroStats s) {
        ObjectNode o = header("dinero", s.references(), s.skipped());
        ArrayNode caches = o.putArray("caches");
        for (DineroStats.Cache c : s.caches()) {
            ObjectNode e = caches.addObject();
            e.put("cache", c.name());
            byType(e.putObject("demand_fetches"), c.fetches());
            byType(e.putObject("demand_misses"), c.misses());
            e.put("multiblock_refs", c.multiblockRefs());
            e.put("write_backs", c.writeBacks());
            e.put("bytes_from_next_level", c.bytesFromNext());
            e.put("bytes_to_next_level", c.bytesToNext());
        }
        return o + System.lineSeparator();
    }

    @Override
    public String model(ModelStats s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rules", "model");
        o.put("machine", s.machine());
        o.put("references", s.references());
        o.put("skipped", s.skipped());
        ArrayNode levels = o.putArray("levels");
        for (ModelStats.Level l : s.levels()) {
            ObjectNode e = levels.addObject();
            e.put("level", l.name());
            e.put("references", l.references());
            e.put("hits", l.hits());
            e.put("misses", l.misses());
            e.put("write_backs", l.writeBacks());
            e.put("fill_bytes", l.fillBytes());
            e.put("bytes_to_next_level", l.bytesOut());
            if (l.missKinds() != null) {
                ObjectNode m = e.putObject("misses_by_kind");
                m.put("compulsory", l.missKinds().compulsory());
                m.put("capacity", l.missKinds().capacity());
                m.put("conflict", l.missKinds().conflict());
            }
        }
        o.put("memory_reads", s.memoryReads());
        o.put("memory_writes", s.memoryWrites());
        return o + System.lineSeparator();
    }

    private static void byType(ObjectNode o, DineroStats.ByType t) {
        o.put("total", t.total());
        o.put("instrn", t.instrn());
        o.put("data", t.data());
        o.put("read", t.read());
        o.put("write", t.write());
    }

    /** The fields every result starts with: the rules, references read and lines skipped. */
    private static ObjectNode header(String rules, long references, long skipped) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("rules", rules);
        o.put("references", references);
        o.put("skipped", skipped);
        return o;
    }
}
