package dev.stalecheck.explore;

import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Breadth-first exploration of every execution of a machine: from each state, every enabled thread operation (in
 * file order), then every hardware event the model offers (in its fixed order), each with every labelled outcome.
 *
 * <p>Why breadth-first: the first final state found that breaks a condition is then at the smallest depth, so its
 * execution is a shortest counterexample, and the fixed successor order makes it the same one on every run. States
 * are stored only as 64-bit fingerprints in a primitive hash set; each new state records its parent and the
 * (event, outcome) indexes that led to it, and an execution is rebuilt by replaying those from the initial state.
 * Without {@link Bounds#auditFingerprints()} the guarantee is probabilistic: two distinct states sharing a
 * fingerprint would make the search skip one (the probability is reported). States that differ only in way
 * placement count as one when no operation names a way ({@link StateIdentity}).
 */
public final class Explorer {
    private final Machine machine;
    private final ExploreOptions options;
    private final Bounds bounds;
    private final IntArrayList parent = new IntArrayList();
    private final IntArrayList eventIndex = new IntArrayList();
    private final IntArrayList outcomeIndex = new IntArrayList();
    private final StateIdentity identity;

    /** A search of {@code machine} with the hardware events {@code options} allows, within {@code bounds}. */
    public Explorer(Machine machine, ExploreOptions options, Bounds bounds) {
        this.machine = machine;
        this.options = options;
        this.bounds = bounds;
        this.identity = new StateIdentity(machine.program());
    }

    /** The events tried from {@code s}, in order: thread operations, then hardware events. */
    public List<Event> successorsOf(MachineState s) {
        List<Event> events = new ArrayList<>(machine.threadEvents(s));
        events.addAll(machine.hardwareEvents(s, options));
        return events;
    }

    /** Explores every reachable state, reporting to {@code listener}. */
    public Exploration explore(SearchListener listener) {
        long start = System.nanoTime();
        long deadline = bounds.timeoutMillis() > 0 ? start + bounds.timeoutMillis() * 1_000_000 : Long.MAX_VALUE;
        LongOpenHashSet seen = new LongOpenHashSet();
        Long2ObjectOpenHashMap<Object> audit = bounds.auditFingerprints() ? new Long2ObjectOpenHashMap<>() : null;
        long collisions = 0;
        ArrayDeque<MachineState> queue = new ArrayDeque<>();
        IntArrayList queueIds = new IntArrayList();
        int head = 0;
        MachineState initial = machine.initialState();
        seen.add(identity.fingerprint(initial));
        if (audit != null) {
            audit.put(identity.fingerprint(initial), identity.fullKey(initial));
        }
        record(-1, -1, -1);
        queue.add(initial);
        queueIds.add(0);
        if (machine.allFinished(initial)) {
            listener.finalState(0, initial);
        }
        long transitions = 0;
        String cutBy = "";
        search:
        while (!queue.isEmpty()) {
            MachineState s = queue.poll();
            int id = queueIds.getInt(head++);
            List<Event> events = successorsOf(s);
            for (int e = 0; e < events.size(); e++) {
                List<Outcome> outs = machine.searchOutcomes(s, events.get(e));
                for (int o = 0; o < outs.size(); o++) {
                    Outcome out = outs.get(o);
                    transitions++;
                    listener.transition(id, e, o, out);
                    MachineState next = out.next();
                    long fp = identity.fingerprint(next);
                    Object full = audit == null ? null : identity.fullKey(next);
                    if (audit != null) {
                        Object known = audit.get(fp);
                        if (known != null && !known.equals(full)) {
                            collisions++;
                        }
                    }
                    if (!seen.add(fp)) {
                        continue;
                    }
                    if (seen.size() > bounds.maxStates()) {
                        seen.remove(fp);
                        cutBy = "max-states";
                        break search;
                    }
                    if (audit != null) {
                        audit.put(fp, full);
                    }
                    int nextId = parent.size();
                    record(id, e, o);
                    queue.add(next);
                    queueIds.add(nextId);
                    if (machine.allFinished(next)) {
                        listener.finalState(nextId, next);
                    }
                }
            }
            if ((head & 255) == 0) {
                listener.progress(seen.size());
                if (System.nanoTime() > deadline) {
                    cutBy = "timeout";
                    break;
                }
            }
        }
        long n = seen.size();
        double p = Math.min(1.0, (double) n * (double) n / Math.pow(2, 65));
        return new Exploration(n, transitions, cutBy.isEmpty(), cutBy, p, audit == null ? -1 : collisions,
                (System.nanoTime() - start) / 1_000_000);
    }

    private void record(int p, int e, int o) {
        parent.add(p);
        eventIndex.add(e);
        outcomeIndex.add(o);
    }

    /** The execution from the initial state to state {@code stateId}, rebuilt by replaying the recorded choices. */
    public List<Outcome> executionTo(int stateId) {
        IntArrayList chain = new IntArrayList();
        for (int id = stateId; id > 0; id = parent.getInt(id)) {
            chain.add(id);
        }
        List<Outcome> out = new ArrayList<>();
        MachineState s = machine.initialState();
        for (int i = chain.size() - 1; i >= 0; i--) {
            int id = chain.getInt(i);
            Outcome o = replay(s, eventIndex.getInt(id), outcomeIndex.getInt(id));
            out.add(o);
            s = o.next();
        }
        return out;
    }

    /** The execution to state {@code parentId} followed by its transition ({@code event}, {@code outcome}). */
    public List<Outcome> executionThrough(int parentId, int event, int outcome) {
        List<Outcome> out = new ArrayList<>(executionTo(parentId));
        MachineState s = out.isEmpty() ? machine.initialState() : out.get(out.size() - 1).next();
        out.add(replay(s, event, outcome));
        return out;
    }

    private Outcome replay(MachineState s, int event, int outcome) {
        return machine.outcomes(s, successorsOf(s).get(event)).get(outcome);
    }
}
