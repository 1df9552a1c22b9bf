package dev.stalecheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.LineImage;
import dev.stalecheck.program.ConditionKind;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.CostReport;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.MachineLayout;
import dev.stalecheck.result.Mode;
import dev.stalecheck.result.OutcomeRow;
import dev.stalecheck.result.ScenarioInfo;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.SearchStats;
import dev.stalecheck.result.TraceStep;
import dev.stalecheck.util.Hex;
import java.util.List;

/**
 * Renders a {@link ScenarioResult} as the JSON object the language page defines (field names are a contract; see
 * docs/json.md). Fields are written in a fixed order, so the same result gives byte-identical JSON.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonReport() {
    }

    /** One scenario as a single-line JSON object, without anything that depends on the clock. */
    public static String render(ScenarioResult r) {
        return render(r, false);
    }

    /** One scenario as a single-line JSON object; {@code timing} adds the search's wall time ({@code elapsed_ms}). */
    public static String render(ScenarioResult r, boolean timing) {
        try {
            ObjectNode o = tree(r);
            if (timing && r.search() != null) {
                ((ObjectNode) o.get("search")).put("elapsed_ms", r.search().elapsedMillis());
            }
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The error object of a file with an input error (JSON Lines mode). */
    public static String error(String file, String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", file);
        o.put("error", message);
        return o.toString();
    }

    static ObjectNode tree(ScenarioResult r) {
        ObjectNode o = MAPPER.createObjectNode();
        ScenarioInfo info = r.scenario();
        o.put("scenario", info.name());
        o.put("file", info.file());
        o.put("doc", info.doc());
        o.put("machine", info.machine());
        o.put("mode", r.mode().word());
        o.put("complete", r.complete());
        ArrayNode restrictions = o.putArray("restrictions");
        info.restrictions().forEach(restrictions::add);
        o.put("ordering", info.ordering());
        o.put("states", r.states());
        o.put("final_outcomes", r.outcomes().finalOutcomes());
        ArrayNode results = o.putArray("results");
        for (ConditionResult c : r.results()) {
            ObjectNode e = results.addObject();
            e.put("kind", c.kind().resultKind());
            if (c.kind() == ConditionKind.NOT_EXISTS) {
                e.put("keyword", c.kind().keyword());
            }
            e.put("condition", c.condition());
            e.put("verdict", c.verdict().name());
            e.put("witnesses", c.witnesses());
            if (!c.trace().isEmpty()) {
                if (r.mode() == Mode.CHECK) {
                    e.put("shortest", c.shortest());
                }
                e.set("trace", trace(c.trace()));
            }
        }
        ArrayNode outcomes = o.putArray("outcomes");
        for (OutcomeRow row : r.outcomes().rows()) {
            ObjectNode e = outcomes.addObject();
            ObjectNode terms = e.putObject("terms");
            for (int i = 0; i < r.outcomes().terms().size(); i++) {
                terms.put(r.outcomes().terms().get(i), row.values().get(i).describe());
            }
            e.put("count", row.count());
            if (row.deadlock()) {
                e.put("deadlock", true);
            }
        }
        ArrayNode hazards = o.putArray("hazards");
        for (HazardResult h : r.hazards()) {
            ObjectNode e = hazards.addObject();
            e.put("kind", h.kind());
            e.put("where", h.where());
            e.put("line", Hex.of(h.line()));
            e.put("detail", h.detail());
            e.set("trace", trace(h.trace()));
        }
        if (r.mode() == Mode.RUN) {
            o.set("trace", trace(r.execution().trace()));
        }
        if (r.execution() != null && r.execution().cost() != null) {
            cost(o.putObject("cost"), r.execution().cost());
        }
        ArrayNode warnings = o.putArray("warnings");
        info.warnings().forEach(warnings::add);
        ArrayNode threads = o.putArray("threads");
        info.threads().forEach(threads::add);
        ArrayNode caches = o.putArray("caches");
        for (MachineLayout.Cache c : info.layout().caches()) {
            ObjectNode e = caches.addObject();
            e.put("name", c.name());
            if (c.cpu() >= 0) {
                e.put("cpu", c.cpu());
            } else {
                e.putNull("cpu");
            }
            e.put("sets", c.sets());
            e.put("ways", c.ways());
            e.put("lineBytes", c.lineBytes());
            e.put("colours", c.colours());
        }
        ObjectNode start = o.putObject("start");
        ArrayNode lines = start.putArray("lines");
        for (MachineLayout.StartLine l : info.layout().startLines()) {
            ObjectNode e = lines.addObject();
            e.put("cache", l.cache());
            e.put("set", l.set());
            e.put("way", l.way());
            e.put("line", Hex.of(l.line()));
            e.put("dirty", l.dirty());
            ArrayNode words = e.putArray("words");
            for (long w : l.words()) {
                words.add(Hex.of(w));
            }
        }
        ArrayNode ram = start.putArray("ram");
        for (long[] w : info.layout().startRam()) {
            ObjectNode e = ram.addObject();
            e.put("address", Hex.of(w[0]));
            e.put("value", Hex.of(w[1]));
        }
        if (r.search() != null) {
            search(o.putObject("search"), r.search());
        }
        return o;
    }

    private static void cost(ObjectNode cost, CostReport c) {
        ArrayNode levels = cost.putArray("levels");
        for (var row : c.levels()) {
            ObjectNode e = levels.addObject();
            e.put("cache", row.cache());
            e.put("lookups", row.lookups());
            e.put("hits", row.hits());
            e.put("misses", row.misses());
            e.put("fills", row.fills());
            e.put("write_backs", row.writeBacks());
            e.put("write_back_bytes", row.writeBackBytes());
            e.put("maintenance_lines", row.maintenanceLookups());
        }
        cost.put("memory_line_reads", c.memoryLineReads());
        cost.put("memory_writes", c.memoryWrites());
        ObjectNode m = cost.putObject("maintenance");
        c.maintenance().forEach(m::put);
        cost.put("barriers", c.barriers());
        cost.put("cycles", c.cycles());
    }

    private static void search(ObjectNode o, SearchStats s) {
        o.put("transitions", s.transitions());
        o.put("depth", s.depth());
        if (s.isCut()) {
            o.put("cut", s.cut().word());
        } else {
            o.putNull("cut");
        }
        ObjectNode byKind = o.putObject("by_kind");
        s.byKind().forEach(byKind::put);
        o.put("post_end", s.postEnd());
        o.put("new_states", s.newStates());
        o.put("peak_queue", s.peakQueue());
    }

    static ArrayNode trace(List<TraceStep> steps) {
        ArrayNode a = MAPPER.createArrayNode();
        for (TraceStep s : steps) {
            ObjectNode o = a.addObject();
            o.put("step", s.number());
            o.put("agent", s.agent());
            o.put("operation", s.operation());
            ArrayNode choices = o.putArray("choices");
            s.choices().forEach(choices::add);
            ArrayNode effects = o.putArray("effects");
            for (Effect e : s.effects()) {
                effects.add(effect(e));
            }
            if (!s.inFlight().isEmpty()) {
                ObjectNode inFlight = o.putObject("in_flight");
                s.inFlight().forEach((thread, ops) -> ops.forEach(inFlight.putArray(thread)::add));
            }
        }
        return a;
    }

    private static ObjectNode effect(Effect e) {
        ObjectNode o = MAPPER.createObjectNode();
        if (e instanceof Effect.LineChange c) {
            o.put("type", "line");
            o.put("action", c.action().words());
            o.put("cache", c.cacheName());
            if (c.cpu() >= 0) {
                o.put("cpu", c.cpu());
            } else {
                o.putNull("cpu");
            }
            o.put("set", c.set());
            o.put("way", c.way());
            o.put("colour", c.colour());
            o.put("line", Hex.of(c.physicalAddress()));
            image(o, "before", c.before());
            image(o, "after", c.after());
        } else if (e instanceof Effect.RamWrite w) {
            o.put("type", "ram");
            o.put("address", Hex.of(w.physicalAddress()));
            o.put("before", Hex.of(w.before()));
            o.put("after", Hex.of(w.after()));
        } else if (e instanceof Effect.Read r) {
            o.put("type", "read");
            o.put("address", Hex.of(r.physicalAddress()));
            o.put("width", r.width());
            o.put("value", Hex.of(r.value()));
            o.put("source", r.source());
        } else if (e instanceof Effect.Hazard h) {
            o.put("type", "hazard");
            o.put("kind", h.kind().word());
            o.put("where", h.where());
            o.put("line", Hex.of(h.physicalAddress()));
            o.put("detail", h.detail());
        } else if (e instanceof Effect.TlbChange t) {
            o.put("type", "tlb");
            o.put("action", t.action());
            if (t.owner().startsWith("cpu")) {
                o.put("cpu", t.cpu());
            } else {
                o.put("smmu", t.owner());
            }
            o.put("entry", t.entry());
        } else if (e instanceof Effect.Note n) {
            o.put("type", "note");
            o.put("text", n.text());
        }
        return o;
    }

    private static void image(ObjectNode o, String field, LineImage image) {
        if (image == null) {
            o.putNull(field);
            return;
        }
        ObjectNode i = o.putObject(field);
        i.put("state", image.state());
        ArrayNode words = i.putArray("words");
        for (long w : image.words()) {
            words.add(Hex.of(w));
        }
    }
}
