package dev.stalecheck.report;

import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Label;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.util.Hex;

/** Renders one step (event, choices, effects) as indented text lines. */
public final class StepText {
    private final Machine machine;

    /** A renderer for steps of {@code machine}. */
    public StepText(Machine machine) {
        this.machine = machine;
    }

    /** What the event was: the thread and its operation, or the hardware event. */
    public String event(Event e, Outcome o, int pcBefore) {
        if (e instanceof Event.ThreadStep t) {
            var tp = machine.program().threads().get(t.thread());
            return tp.name() + ": " + tp.ops().get(pcBefore).describe();
        } else if (e instanceof Event.Evict ev) {
            return "hardware: evict " + cache(ev.cache()) + " set " + ev.set() + " way " + ev.way();
        } else if (e instanceof Event.SpeculativeFill f) {
            return "hardware: speculative fill of PA " + Hex.of(f.physicalAddress()) + " into " + cache(f.cache())
                    + " through alias " + Hex.of(f.virtualAddress());
        } else if (e instanceof Event.HardwareClean c) {
            return "hardware: write back " + cache(c.cache()) + " set " + c.set() + " way " + c.way();
        }
        return e.toString();
    }

    private String cache(int id) {
        CacheInstance c = machine.topology().instance(id);
        return c.name();
    }

    /** The step as lines: the event, then each choice and effect indented. */
    public String render(int number, Outcome o, int pcBefore) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%3d. %s%n", number, event(o.event(), o, pcBefore)));
        for (Label l : o.labels()) {
            b.append("       choice: ").append(l.text()).append(System.lineSeparator());
        }
        for (Effect e : o.effects()) {
            b.append("       ").append(e.describe()).append(System.lineSeparator());
        }
        return b.toString();
    }
}
