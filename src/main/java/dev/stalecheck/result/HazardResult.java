package dev.stalecheck.result;

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
    /** Copies the trace. */
    public HazardResult {
        trace = List.copyOf(trace);
    }
}
