package dev.stalecheck.explore;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Cheap executions tried before the breadth-first search, to find a failure at once when there is an easy one:
 * first the program-order execution with no hardware event (threads in file order as {@code after} allows, every
 * choice's first option), then seeded random executions (thread steps and hardware events mixed, a few hardware
 * events after the end). Every step is a transition of the full model in the search's own successor order, so a
 * probe's execution replays and prints like a counterexample of the search. Probes never prove anything holds.
 *
 * <p>A found execution is then shortened by delta debugging: each hardware event is dropped in turn, and the drop is
 * kept when the rest still replays (each remaining event found again by identity among the successors of its new
 * state) and still ends in a state the goal accepts. An execution with no hardware event left is as short as any
 * can be: reaching a final state takes one step per operation, whatever else happens.
 */
public final class Probes {
    private final Machine machine;
    private final ExploreOptions options;
    private final int operations;

    /**
     * One execution from the initial state: per step the successor index (in {@link Machine#events} order) and the
     * outcome index, and the events themselves.
     *
     * @param events   the successor index of each step's event
     * @param outcomes the outcome index of each step
     * @param taken    each step's event
     * @param end      the state the execution ends in
     */
    public record Execution(int[] events, int[] outcomes, List<Event> taken, MachineState end) {
        /** Number of steps. */
        public int length() {
            return events.length;
        }

        /** Number of steps that are hardware events (not thread operations). */
        public int hardwareSteps() {
            int n = 0;
            for (Event e : taken) {
                n += e.runsOperation() ? 0 : 1;
            }
            return n;
        }
    }

    /** Probes of {@code machine} with the hardware events {@code options} allows. */
    public Probes(Machine machine, ExploreOptions options) {
        this.machine = machine;
        this.options = options;
        int n = 0;
        for (var t : machine.program().threads()) {
            n += t.ops().size();
        }
        this.operations = n;
    }

    /**
     * For each goal, the first probe execution that reaches a final state (every thread finished, possibly after
     * hardware events) the goal accepts, shortened; null where no probe did. The program-order execution, then up
     * to {@code randomWalks} random ones while fewer than {@code stepBudget} steps have been taken. Deterministic:
     * the random executions use a fixed seed.
     */
    public Execution[] find(List<Predicate<MachineState>> goals, int randomWalks, int stepBudget) {
        Execution[] found = new Execution[goals.size()];
        int steps = walk(goals, found, null);
        SplittableRandom random = new SplittableRandom(0x5ca1ab1e);
        for (int w = 0; w < randomWalks && steps < stepBudget && remaining(found) > 0; w++) {
            steps += walk(goals, found, random);
        }
        for (int i = 0; i < found.length; i++) {
            if (found[i] != null) {
                found[i] = shorten(found[i], goals.get(i));
            }
        }
        return found;
    }

    private static int remaining(Execution[] found) {
        int n = 0;
        for (Execution x : found) {
            n += x == null ? 1 : 0;
        }
        return n;
    }

    /**
     * One execution (program order when {@code random} is null), offering every final state on it to the goals;
     * returns its number of steps.
     */
    private int walk(List<Predicate<MachineState>> goals, Execution[] found, SplittableRandom random) {
        MachineState s = machine.initialState();
        int limit = 3 * operations + 16;
        int afterEnd = random == null ? 0 : random.nextInt(4);
        List<int[]> steps = new ArrayList<>();
        List<Event> taken = new ArrayList<>();
        for (int k = 0; k <= limit; k++) {
            boolean finished = machine.allFinished(s);
            if (finished) {
                for (int i = 0; i < goals.size(); i++) {
                    if (found[i] == null && goals.get(i).test(s)) {
                        found[i] = execution(steps, taken, s);
                    }
                }
                if (afterEnd-- <= 0 || remaining(found) == 0) {
                    return k;
                }
            }
            List<Event> evs = machine.events(s, options);
            int e = choose(evs, random);
            if (e < 0) {
                return k;
            }
            List<Outcome> outs = machine.searchOutcomes(s, evs.get(e));
            int o = random == null ? 0 : random.nextInt(outs.size());
            steps.add(new int[] {e, o});
            taken.add(evs.get(e));
            s = outs.get(o).next();
        }
        return limit;
    }

    /** A step to take: the first thread step in program order, or at random (thread steps three times in four). */
    private static int choose(List<Event> evs, SplittableRandom random) {
        int threadSteps = 0;
        while (threadSteps < evs.size() && evs.get(threadSteps).runsOperation()) {
            threadSteps++;
        }
        if (random == null) {
            return threadSteps > 0 ? 0 : -1;
        }
        int hardware = evs.size() - threadSteps;
        if (threadSteps > 0 && (hardware == 0 || random.nextInt(4) != 0)) {
            return random.nextInt(threadSteps);
        }
        return hardware == 0 ? -1 : threadSteps + random.nextInt(hardware);
    }

    private static Execution execution(List<int[]> steps, List<Event> taken, MachineState end) {
        int[] events = new int[steps.size()];
        int[] outcomes = new int[steps.size()];
        for (int i = 0; i < events.length; i++) {
            events[i] = steps.get(i)[0];
            outcomes[i] = steps.get(i)[1];
        }
        return new Execution(events, outcomes, List.copyOf(taken), end);
    }

    /** Drops every hardware event the goal does not need, last first, until none can go. */
    Execution shorten(Execution x, Predicate<MachineState> goal) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int k = x.length() - 1; k >= 0; k--) {
                if (x.taken().get(k).runsOperation()) {
                    continue;
                }
                Execution y = replayWithout(x, k);
                if (y != null && machine.allFinished(y.end()) && goal.test(y.end())) {
                    x = y;
                    changed = true;
                }
            }
        }
        return x;
    }

    /** {@code x} without step {@code skip}, each other event found again by identity; null if one is missing. */
    private Execution replayWithout(Execution x, int skip) {
        MachineState s = machine.initialState();
        List<int[]> steps = new ArrayList<>();
        List<Event> taken = new ArrayList<>();
        for (int k = 0; k < x.length(); k++) {
            if (k == skip) {
                continue;
            }
            List<Event> evs = machine.events(s, options);
            int e = evs.indexOf(x.taken().get(k));
            if (e < 0) {
                return null;
            }
            List<Outcome> outs = machine.searchOutcomes(s, evs.get(e));
            int o = x.outcomes()[k];
            if (o >= outs.size()) {
                return null;
            }
            steps.add(new int[] {e, o});
            taken.add(evs.get(e));
            s = outs.get(o).next();
        }
        return execution(steps, taken, s);
    }

    /** The execution's steps with full effects, for a report. */
    public List<Outcome> replay(Execution x) {
        List<Outcome> out = new ArrayList<>(x.length());
        MachineState s = machine.initialState();
        for (int k = 0; k < x.length(); k++) {
            Outcome o = machine.outcomes(s, machine.events(s, options).get(x.events()[k])).get(x.outcomes()[k]);
            out.add(o);
            s = o.next();
        }
        return out;
    }

    /** The fewest steps any execution to a final state takes: one per operation. */
    public int fewestSteps() {
        return operations;
    }
}
