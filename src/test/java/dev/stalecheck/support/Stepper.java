package dev.stalecheck.support;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import java.util.List;

/** Drives a machine by hand in tests: one step at a time, taking the run outcome or listing all outcomes. */
public final class Stepper {
    private final Machine machine;
    private MachineState state;
    private Outcome last;

    /** Starts at the machine's initial state. */
    public Stepper(Machine machine) {
        this.machine = machine;
        this.state = machine.initialState();
    }

    /** Runs thread {@code t}'s next operation, taking the run outcome. */
    public Stepper step(int t) {
        return event(new Event.ThreadStep(t));
    }

    /** Takes the run outcome of {@code e}. */
    public Stepper event(Event e) {
        last = machine.runOutcome(state, e);
        state = last.next();
        return this;
    }

    /** Every outcome of thread {@code t}'s next operation from the current state (the state does not change). */
    public List<Outcome> outcomesOf(int t) {
        return machine.outcomes(state, new Event.ThreadStep(t));
    }

    /** Moves to a given state (one of the outcomes listed). */
    public Stepper moveTo(Outcome o) {
        last = o;
        state = o.next();
        return this;
    }

    /** The current state. */
    public MachineState state() {
        return state;
    }

    /** The last outcome taken. */
    public Outcome last() {
        return last;
    }

    /** The machine. */
    public Machine machine() {
        return machine;
    }

    /** The line of {@code pa} in cache instance {@code cacheName} (any set/way), or null. */
    public dev.stalecheck.cache.CacheLine line(String cacheName, long pa) {
        for (var c : machine.topology().instances()) {
            if (!c.name().equals(cacheName)) {
                continue;
            }
            var cs = state.cache(c.id());
            for (int i = 0; i < cs.validLines(); i++) {
                if (cs.lineAt(i).physicalAddress() == c.lineOf(pa)) {
                    return cs.lineAt(i);
                }
            }
        }
        return null;
    }

    /** The 8-byte RAM word at {@code pa}. */
    public long ram(long pa) {
        return state.ram().word(pa);
    }

    /** Register {@code reg} of thread {@code t} as a number. */
    public long reg(int t, int reg) {
        return state.thread(t).registers().get(reg).bits();
    }
}
