package dev.stalecheck.run;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.machine.StepObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code run} driver: one deterministic execution. Each thread runs to completion, in file order as
 * {@code after} allows; every step takes the model's run outcome (first option, LRU victims); hardware does
 * nothing on its own.
 */
public final class SingleExecution {
    private final Machine machine;

    /** A driver for {@code machine}. */
    public SingleExecution(Machine machine) {
        this.machine = machine;
    }

    /** Runs the program to the end and returns every step taken, in order. */
    public List<Outcome> run() {
        return run(StepObserver.NONE);
    }

    /** Runs the program to the end, telling {@code observer} what each step does, and returns every step taken. */
    public List<Outcome> run(StepObserver observer) {
        List<Outcome> steps = new ArrayList<>();
        MachineState s = machine.initialState();
        int current = -1;
        while (!machine.allFinished(s)) {
            if (current < 0 || !machine.enabled(s, current)) {
                current = firstEnabled(s);
                if (current < 0) {
                    throw new IllegalStateException("no thread can run: 'after' leaves every remaining thread waiting");
                }
            }
            Outcome o = machine.runOutcome(s, new Event.ThreadStep(current), observer);
            steps.add(o);
            s = o.next();
        }
        return steps;
    }

    private int firstEnabled(MachineState s) {
        for (int t = 0; t < s.threadCount(); t++) {
            if (machine.enabled(s, t)) {
                return t;
            }
        }
        return -1;
    }
}
