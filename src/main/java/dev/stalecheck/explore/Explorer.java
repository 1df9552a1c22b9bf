package dev.stalecheck.explore;

import dev.stalecheck.machine.CacheInstance;
import dev.stalecheck.machine.Event;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.LineLiveness;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Ordering;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.machine.StaticTlbEntries;
import dev.stalecheck.result.CutReason;
import dev.stalecheck.result.SearchStats;
import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

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
 *
 * <p><b>Sleep sets</b> (Godefroid's partial-order method) skip transitions, never states. Two steps commute when
 * either order gives the same state and effects and neither disables the other: two evictions of lines in
 * different blocks of physical memory (the block is the largest line size), or an eviction and a thread's load,
 * store, data-cache maintenance by address or barrier that touches another block (and, when it may allocate, whose
 * sets and their possible victims do not involve the evicted line; {@link Machine#commutes}). After step {@code a}
 * from state {@code s}, the successor's sleep set holds the steps asleep at {@code s} or tried at {@code s} before
 * {@code a} that commute with {@code a}; a step asleep at a state is not tried from it, because the same target is
 * reached by trying it first. A state reached by several shortest paths keeps only what is asleep along all of
 * them; states are expanded a level at a time, so that this intersection is complete before a state is expanded.
 * Why nothing is lost, and every state is still found at its shortest depth: take the lexicographically least
 * shortest path to any state (ordering steps as each state orders its successors). If one of its steps were asleep
 * where it is taken, it would have been tried earlier on the path and commute with every step since, so moving it
 * there would give a lexicographically smaller shortest path to the same state; so no step of that path is
 * skipped, and by induction on its length the state is reached at its depth. That path is also the one along which
 * the full breadth-first search first reaches the state (it tries successors in the same order), so both searches
 * number the states alike: final outcomes, hazards (a hazard's step commutes with the same effects, and its first
 * occurrence is not skipped), counterexamples and a {@code --max-states} cut are those of the full search; only the
 * transition count falls. {@code DifferentialTest} and {@code SleepSetsTest} check this.
 *
 * <p><b>Other reductions</b> ({@link Reductions}) shrink the graph this search walks, each with its own proof: dead
 * lines change what counts as the same state ({@code StateIdentity}, {@code LineLiveness}) and skip fills that only
 * add dead lines; persistent sets ({@link PersistentSets}) try from some states only the events that interfere with
 * the one thread able to run. The sleep-set argument above then holds on the graph they leave, which is how the
 * results with and without sleep sets are compared; that sleep sets combined with persistent sets still reach every
 * final state is Godefroid's result for the two methods together (his thesis, LNCS 1032, chapter 5), and
 * {@code DifferentialTest} and {@code PartialOrderTest} compare every combination with the plain search.
 */
public final class Explorer implements AutoCloseable {
    private final Machine machine;
    private final ExploreOptions options;
    private final Bounds bounds;
    private final StateLog log;
    private final StateIdentity identity;
    private final boolean sleepSets;
    /** The dead-line analysis when that reduction applies, else null. */
    private final LineLiveness liveness;
    /** The static TLB entries when that reduction applies, else null. */
    private final StaticTlbEntries statics;
    /** The partial-order reduction, or null. */
    private final PersistentSets persistent;
    /**
     * The largest line size of any cache (line sizes are powers of two, {@code CacheGeometry} checks it): evictions
     * in different blocks of it commute.
     */
    private final long commuteBlock;

    /**
     * A search of {@code machine} with the hardware events {@code options} allows, within {@code bounds}, with sleep
     * sets.
     */
    public Explorer(Machine machine, ExploreOptions options, Bounds bounds) {
        this(machine, options, bounds, true);
    }

    /** The same search, with or without sleep sets (which change how many transitions it tries, nothing else). */
    public Explorer(Machine machine, ExploreOptions options, Bounds bounds, boolean sleepSets) {
        this(machine, options, bounds, new Reductions(sleepSets, true));
    }

    /**
     * The same search with the given reductions. The dead-line reduction needs spontaneous evictions (a dead line
     * stands for one hardware may evict at any moment), so {@code explore { evictions off }} turns it off.
     */
    public Explorer(Machine machine, ExploreOptions options, Bounds bounds, Reductions reductions) {
        this.machine = machine;
        this.options = options;
        this.bounds = bounds;
        // Under armv8 the reductions whose proofs read a thread's next operation or its current TLB (table reach,
        // static TLB entries) are off. Sleep sets need only commuting pairs (an operation performing commutes with
        // an eviction as a thread step does), the dead-line analysis has an order-free form (LineLiveness), and
        // persistent sets keep every thread event of a state in the set (PersistentSets, "Operations in flight").
        boolean inOrder = options.ordering() == Ordering.SC;
        // An inclusive level's eviction removes L1D lines too: a clean line nothing reads can still matter (its
        // eviction empties an L1D line that is read), which the dead-line proof does not allow; it is off there.
        boolean inclusion = machine.topology().hasInclusion();
        // An SMMU walks tables in a device's steps and keeps TLBs that no cpu thread's operation names: the proofs of
        // the dead-line analysis, the static TLB entries and the persistent sets do not cover it, so they are off for
        // programs with an SMMU (a device step behind one has no known footprint, which keeps sleep sets sound).
        boolean smmu = !machine.program().smmus().isEmpty();
        LineLiveness analysis = reductions.deadLines() && options.evictions() && !inclusion && !smmu
                ? new LineLiveness(machine, inOrder, inOrder && reductions.tableReach()) : null;
        this.liveness = analysis != null && analysis.usable() ? analysis : null;
        StaticTlbEntries found = inOrder && !smmu && reductions.staticTlb() ? StaticTlbEntries.of(machine) : null;
        this.statics = found != null && found.any() ? found : null;
        this.identity = new StateIdentity(machine.program(), liveness, statics);
        this.sleepSets = reductions.sleepSets();
        this.commuteBlock = largestLine(machine);
        // A wait that reads another value leaves its thread where it was: the graph has cycles, which persistent
        // sets (without a cycle proviso) may ignore events around; they are off for programs with waits.
        this.persistent = !smmu && !machine.hasWaits() && reductions.partialOrder()
                ? new PersistentSets(machine, commuteBlock, reductions.tablePartialOrder(), !inOrder) : null;
        this.log = new StateLog(bounds.memory().heapStates(), bounds.memory().spillDir());
    }

    /** The largest line size of any cache (at least 1). */
    private static long largestLine(Machine machine) {
        int largest = 1;
        for (CacheInstance c : machine.topology().instances()) {
            largest = Math.max(largest, c.lineBytes());
        }
        return largest;
    }

    /** The events tried from {@code s}, in order: thread operations, then hardware events. */
    public List<Event> successorsOf(MachineState s) {
        return machine.events(s, options);
    }

    /**
     * Explores every reachable state, reporting to {@code listener}.
     *
     * <p>With several {@link Bounds#workers() workers}, chunks of consecutive queued states are expanded in
     * parallel (successor states and fingerprints), and the results are merged one chunk at a time in queue order on
     * the calling thread: the visited set, state numbering, listener calls and cut-offs happen in exactly the order
     * of a single-threaded breadth-first search, so the results are identical for any number of workers.
     */
    public SearchStats explore(SearchListener listener) {
        long start = bounds.clock().getAsLong();
        long deadline = bounds.timeoutMillis() > 0 ? start + bounds.timeoutMillis() * 1_000_000 : Long.MAX_VALUE;
        Search search = new Search(listener, deadline);
        String stopReason = "";
        try {
            search.run();
        } catch (SpillException e) {
            search.cutBy = CutReason.MEMORY;
            stopReason = e.getMessage();
        }
        long n = search.seen.size();
        long visitedSpilled = search.seen.spilledBytes();
        search.seen.close();
        if (search.cutBy == CutReason.MEMORY && stopReason.isEmpty()) {
            stopReason = String.format("the memory budget of %,d MB was reached",
                    Math.min(bounds.memory().budgetBytes(), Runtime.getRuntime().maxMemory()) >> 20);
        }
        double p = Math.min(1.0, (double) n * (double) n / Math.pow(2, 65));
        SearchStats.Spill spill = new SearchStats.Spill(visitedSpilled, log.spilledBytes(),
                bounds.memory().spillDir().toString());
        long millis = (bounds.clock().getAsLong() - start) / 1_000_000;
        return search.counts.stats(n, search.transitions, search.cutBy, stopReason,
                new SearchStats.Fingerprints(p, search.audit == null ? -1 : search.collisions), spill, millis);
    }

    /** Frees the state log's spill file: no execution can be rebuilt afterwards. */
    @Override
    public void close() {
        log.close();
    }

    /**
     * Whether speculative fill {@code f} could only add dead lines: its line is dead in the target and in every
     * level beyond it on the fill's path (where a fill from RAM also allocates), and every set it could allocate
     * in has a free way or holds the line already. Its successor then differs from the state only in dead lines:
     * skipping it loses nothing. (A fill into a full set also evicts a victim, at each level where it allocates:
     * several evictions in one step, which the eviction events give only in several; so such a fill is tried.)
     */
    private boolean onlyDeadFill(MachineState s, LineLiveness.View dead, Event.SpeculativeFill f) {
        int[] path = machine.topology().fillPath(f.cpu(), f.cache());
        for (int id : path) {
            CacheInstance c = machine.topology().instance(id);
            long line = c.lineOf(f.physicalAddress());
            if (!dead.deadRange(id, line, c.lineBytes())) {
                return false;
            }
            int set = c.index().setOf(line, c.index().colourOf(f.virtualAddress()));
            if (s.cache(id).wayOf(set, line) < 0 && s.cache(id).firstInvalidWay(set) < 0) {
                return false;
            }
        }
        return path.length > 0;
    }

    /** Most states one worker expands in one task. */
    private static final int CHUNK = 512;

    /**
     * The successors of consecutive states numbered from {@code firstId}: per state its transition count, then per
     * transition its event and outcome indexes, the outcome, the successor's fingerprint, whether every thread
     * has finished in it, and its sleep set along this transition.
     */
    private record Expansion(int firstId, int[] transitionsPerState, int[] events, int[] outcomes, Outcome[] results,
                             long[] fingerprints, boolean[] finals, SleepSet[] sleeps, MachineState[] deadlocks) {
    }

    /** One run of the search: the visited set, the queue, and the chunks being expanded. */
    private final class Search {
        final SearchListener listener;
        final long deadline;
        final FingerprintSet seen = new FingerprintSet(bounds.memory().heapStates(), bounds.memory().spillDir());
        final MemoryWatch memory = new MemoryWatch(bounds.memory().budgetBytes());
        final Long2ObjectOpenHashMap<Object> audit = bounds.auditFingerprints() ? new Long2ObjectOpenHashMap<>() : null;
        long collisions;
        long transitions;
        /** Why the search stopped early, or null while it runs on. */
        CutReason cutBy;
        /** Transitions by kind, new states, depth and queue length, counted in merge order. */
        final TransitionCounts counts = new TransitionCounts(machine.topology());
        /** The breadth-first level being merged. */
        int level;
        /** Queued states not yet handed to a worker; state {@code id} sits at {@code id - base}. */
        final ObjectArrayList<MachineState> queued = new ObjectArrayList<>();
        /** Each queued state's sleep set, beside it. */
        final ObjectArrayList<SleepSet> queuedSleeps = new ObjectArrayList<>();
        int base;
        /**
         * The first state of the level after the one being expanded: no state of that level is handed out before
         * every state of this one has been merged, so that its sleep set is final (the intersection over all its
         * shortest discoveries) when it is expanded.
         */
        int levelEnd = 1;
        /** States handed out so far (the next id to expand) and states merged so far. */
        int handedOut;
        int expanded;
        /** Set when the search ends, so that workers still expanding a chunk give up. */
        volatile boolean stopped;
        /** What the prefetch passes (workers' and the merging thread's) read, kept so that their reads happen. */
        final LongAdder prefetched = new LongAdder();

        Search(SearchListener listener, long deadline) {
            this.listener = listener;
            this.deadline = deadline;
        }

        void run() {
            MachineState initial = machine.initialState();
            long fp = identity.fingerprint(initial);
            seen.add(fp, 0, Long.MAX_VALUE);
            if (audit != null) {
                audit.put(fp, identity.fullKey(initial));
            }
            record(-1, -1, -1);
            queued.add(initial);
            queuedSleeps.add(SleepSet.EMPTY);
            if (machine.allFinished(initial)) {
                listener.finalState(0, initial);
            }
            int workers = bounds.workers();
            ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, Explorer::workerThread) : null;
            ArrayDeque<Future<Expansion>> inFlight = new ArrayDeque<>();
            try {
                while (true) {
                    while (inFlight.size() < (pool == null ? 1 : 2 * workers) && handedOut < levelEnd) {
                        int available = levelEnd - handedOut;
                        int n = Math.min(CHUNK, Math.max(1, pool == null ? available : available / workers));
                        SleepSet[] sleeps = new SleepSet[n];
                        MachineState[] chunk = takeQueued(n, sleeps);
                        int firstId = handedOut;
                        handedOut += n;
                        inFlight.add(pool == null ? CompletableFuture.completedFuture(expand(firstId, chunk, sleeps))
                                : pool.submit(() -> expand(firstId, chunk, sleeps)));
                    }
                    if (inFlight.isEmpty() || !merge(await(inFlight.poll()))) {
                        return;
                    }
                }
            } finally {
                stopped = true;
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        }

        /**
         * Computes every successor of {@code states} (numbered from {@code firstId}) without touching shared state;
         * stops early, with a partial result nobody merges, once the search has ended.
         */
        private Expansion expand(int firstId, MachineState[] states, SleepSet[] sleeps) {
            int[] perState = new int[states.length];
            int expected = states.length * 4;
            IntArrayList events = new IntArrayList(expected);
            IntArrayList outcomes = new IntArrayList(expected);
            List<Outcome> results = new ArrayList<>(expected);
            LongArrayList fingerprints = new LongArrayList(expected);
            BooleanArrayList finals = new BooleanArrayList(expected);
            List<SleepSet> childSleeps = new ArrayList<>(expected);
            prefetched.add(MachineState.prefetch(states));
            SleepCandidates candidates = sleepSets ? new SleepCandidates(machine, commuteBlock) : null;
            MachineState[] deadlocks = new MachineState[states.length];
            boolean[] skip = new boolean[16];
            for (int i = 0; i < states.length && !stopped; i++) {
                MachineState s = states[i];
                boolean mayDeadlock = machine.hasWaits() && !machine.allFinished(s);
                boolean opSkipped = false;
                boolean movedOn = false;
                List<Event> evs = successorsOf(s);
                if (candidates != null) {
                    candidates.reset(s, evs);
                }
                LineLiveness.View dead = liveness == null ? null : liveness.view(s);
                if (skip.length < evs.size()) {
                    skip = new boolean[2 * evs.size()];
                }
                boolean reduced = persistent != null && !machine.allFinished(s) && persistent.select(s, evs, skip);
                if (candidates != null) {
                    candidates.skipped(reduced ? skip : null);
                }
                for (int e = 0; e < evs.size(); e++) {
                    if (reduced && skip[e] || candidates != null && candidates.asleep(e, sleeps[i])) {
                        opSkipped |= evs.get(e).runsOperation();
                        continue;
                    }
                    if (dead != null && evs.get(e) instanceof Event.SpeculativeFill f && onlyDeadFill(s, dead, f)) {
                        continue;
                    }
                    if (statics != null && statics.staticWalk(s, evs.get(e))) {
                        continue;
                    }
                    List<Outcome> outs = machine.searchOutcomes(s, evs.get(e));
                    SleepSet child = candidates != null ? candidates.after(e, sleeps[i]) : SleepSet.EMPTY;
                    for (int o = 0; o < outs.size(); o++) {
                        Outcome out = outs.get(o);
                        events.add(e);
                        outcomes.add(o);
                        results.add(out);
                        fingerprints.add(identity.fingerprint(out.next()));
                        finals.add(machine.allFinished(out.next()));
                        childSleeps.add(child);
                        perState[i]++;
                        movedOn |= mayDeadlock && machine.movesThreadOn(s, out);
                    }
                }
                if (mayDeadlock && (opSkipped ? machine.deadlocked(s, options.ordering()) : !movedOn)) {
                    deadlocks[i] = s;
                }
            }
            return new Expansion(firstId, perState, events.toIntArray(), outcomes.toIntArray(),
                    results.toArray(new Outcome[0]), fingerprints.toLongArray(), finals.toBooleanArray(),
                    childSleeps.toArray(new SleepSet[0]), deadlocks);
        }

        /** Takes the next {@code n} queued states out of the queue (so that they can be freed once expanded). */
        private MachineState[] takeQueued(int n, SleepSet[] sleeps) {
            MachineState[] chunk = new MachineState[n];
            for (int i = 0; i < n; i++) {
                int at = handedOut + i - base;
                chunk[i] = queued.get(at);
                sleeps[i] = queuedSleeps.get(at);
                queued.set(at, null);
                queuedSleeps.set(at, null);
            }
            int done = handedOut + n - base;
            if (done > 65_536 && done > queued.size() / 2) {
                queued.removeElements(0, done);
                queuedSleeps.removeElements(0, done);
                base += done;
            }
            return chunk;
        }

        /** Merges one expansion in order; false when the search stops (a bound was reached). */
        private boolean merge(Expansion x) {
            long touched = 0;
            for (long fp : x.fingerprints()) {
                touched += seen.touch(fp);
            }
            prefetched.add(touched);
            int k = 0;
            for (int i = 0; i < x.transitionsPerState().length; i++) {
                int id = x.firstId() + i;
                if (x.deadlocks()[i] != null) {
                    listener.finalState(id, x.deadlocks()[i]);
                }
                for (int j = 0; j < x.transitionsPerState()[i]; j++, k++) {
                    if (!mergeTransition(id, x.events()[k], x.outcomes()[k], x.results()[k], x.fingerprints()[k],
                            x.finals()[k], x.sleeps()[k])) {
                        return false;
                    }
                }
                expanded++;
                if (expanded == levelEnd) {
                    levelEnd = log.size();
                    level++;
                }
                if ((expanded & 255) == 0) {
                    listener.progress(new SearchProgress(seen.size(), transitions, counts.depth(),
                            log.size() - expanded));
                    if (bounds.clock().getAsLong() > deadline) {
                        cutBy = CutReason.TIMEOUT;
                        return false;
                    }
                }
            }
            if (memory.exceeded()) {
                cutBy = CutReason.MEMORY;
                return false;
            }
            return true;
        }

        private boolean mergeTransition(int id, int e, int o, Outcome out, long fp, boolean finished, SleepSet sleep) {
            transitions++;
            // A hardware event leaves every thread where it was: its source state had finished iff its target has.
            counts.transition(out.event(), finished && !out.event().runsOperation());
            listener.transition(id, e, o, out);
            MachineState next = out.next();
            Object full = audit == null ? null : identity.fullKey(next);
            if (audit != null) {
                Object known = audit.get(fp);
                if (known != null && !known.equals(full)) {
                    collisions++;
                }
            }
            int nextId = log.size();
            int known = seen.add(fp, nextId, bounds.maxStates());
            if (known >= 0) {
                if (known >= levelEnd) {
                    narrowSleep(known, sleep);
                }
                return true;
            }
            if (known == FingerprintSet.FULL) {
                cutBy = CutReason.MAX_STATES;
                return false;
            }
            if (audit != null) {
                audit.put(fp, full);
            }
            record(id, e, o);
            counts.newState(level + 1, log.size() - 1 - id);
            queued.add(next);
            queuedSleeps.add(sleep);
            if (finished) {
                listener.finalState(nextId, next);
            }
            if (listener.enough(log.size())) {
                cutBy = CutReason.DECIDED;
                return false;
            }
            return true;
        }

        /**
         * Another shortest way to state {@code at} of the next level: only steps asleep along every such way may be
         * skipped from it. (A longer way to a state, to one of this level or an earlier one, changes nothing: see
         * the class comment.)
         */
        private void narrowSleep(int at, SleepSet sleep) {
            SleepSet asleep = queuedSleeps.get(at - base);
            if (!asleep.isEmpty()) {
                queuedSleeps.set(at - base, asleep.intersect(sleep));
            }
        }
    }

    private static Thread workerThread(Runnable r) {
        Thread t = new Thread(r, "stalecheck-search");
        t.setDaemon(true);
        return t;
    }

    private static Expansion await(Future<Expansion> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("search interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void record(int p, int e, int o) {
        log.append(p, e, o);
    }

    /** The execution from the initial state to state {@code stateId}, rebuilt by replaying the recorded choices. */
    public List<Outcome> executionTo(int stateId) {
        IntArrayList chain = new IntArrayList();
        for (int id = stateId; id > 0; id = log.parent(id)) {
            chain.add(id);
        }
        List<Outcome> out = new ArrayList<>();
        MachineState s = machine.initialState();
        for (int i = chain.size() - 1; i >= 0; i--) {
            int id = chain.getInt(i);
            Outcome o = replay(s, log.event(id), log.outcome(id));
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
