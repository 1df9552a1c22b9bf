package dev.stalecheck.result;

import dev.stalecheck.machine.Effect;
import java.util.Comparator;
import java.util.List;

/**
 * One hazard: a kind at a cache instance or agent on a physical line, with the first execution showing it.
 *
 * @param kind   the hazard's name ({@code nc-dirty-alias}, ...)
 * @param where  cache instance or agent
 * @param line   physical line (or the virtual address of a faulting maintenance operation)
 * @param detail what happened
 * @param trace  the execution up to the step that revealed it
 */
public record HazardResult(String kind, String where, long line, String detail, List<TraceStep> trace) {
    /** Report order: by kind, then where, then line (unsigned). */
    public static final Comparator<HazardResult> ORDER = Comparator.comparing(HazardResult::kind)
            .thenComparing(HazardResult::where).thenComparing(HazardResult::line, Long::compareUnsigned);

    /** Copies the trace. */
    public HazardResult {
        trace = List.copyOf(trace);
    }

    /** The hazard {@code h} showed, first shown by {@code trace}. */
    public static HazardResult of(Effect.Hazard h, List<TraceStep> trace) {
        return new HazardResult(h.kind().word(), h.where(), h.physicalAddress(), h.detail(), trace);
    }

    /**
     * What makes two hazards one: a kind at a place on a line (reports list each once, with the first execution).
     *
     * @param kind  the hazard's kind
     * @param where cache instance or agent
     * @param line  physical line
     */
    public record Key(String kind, String where, long line) {
        /** The key of the hazard {@code h} shows. */
        public static Key of(Effect.Hazard h) {
            return new Key(h.kind().word(), h.where(), h.physicalAddress());
        }
    }
}
