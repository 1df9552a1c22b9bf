package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.config.WritePolicy;
import dev.stalecheck.explore.Bounds;
import dev.stalecheck.explore.Explorer;
import dev.stalecheck.explore.Reductions;
import dev.stalecheck.explore.SearchListener;
import dev.stalecheck.machine.Effect;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.MachineState;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.Mapping;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.RegisterRef;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.ValueExpr;
import dev.stalecheck.result.SearchStats;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import dev.stalecheck.support.NaiveExplorer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The checker against a deliberately naive reference explorer (full states in a HashSet, no cleverness) on random
 * small scenarios: both must find the same set of final outcomes, so no verdict can differ — the checker can never
 * say HOLDS where a failing execution exists.
 */
class DifferentialTest {
    private static final long[] ADDRESSES = {0x0, 0x10, 0x400, 0x410};

    /**
     * A random small scenario's parameters; {@code variant} bit 0 gives the L2 32-byte lines (twice L1's), bit 1
     * makes the last thread a device at memory, bit 2 makes the L2 {@code inclusive} of the L1Ds, bit 3 makes that
     * device {@code coherent}, bit 4 (with an L2) makes it allocate its writes in L2.
     */
    record Shape(int cpus, boolean vipt, boolean l2, InvalidatePolicy invalidate, boolean nc, boolean prefetch,
                 List<List<Integer>> threads, int variant) {
        boolean wideL2() {
            return (variant & 1) != 0;
        }

        boolean device() {
            return (variant & 2) != 0;
        }

        boolean inclusive() {
            return (variant & 4) != 0;
        }

        boolean coherentDevice() {
            return (variant & 8) != 0;
        }

        Point deviceLevel() {
            return coherentDevice() && l2() && (variant & 16) != 0 ? Point.level("l2") : Point.MEMORY;
        }
    }

    @Provide
    Arbitrary<Shape> shapes() {
        Arbitrary<List<Integer>> thread = Arbitraries.integers().between(0, 4 * ADDRESSES.length * 3 - 1).list()
                .ofMinSize(1).ofMaxSize(3);
        Arbitrary<Shape> a = Combinators.combine(Arbitraries.integers().between(1, 2), Arbitraries.of(true, false),
                Arbitraries.of(true, false), Arbitraries.of(InvalidatePolicy.class), Arbitraries.of(true, false),
                Arbitraries.of(true, false), thread.list().ofMinSize(1).ofMaxSize(2))
                .as((cpus, vipt, l2, inv, nc, prefetch, threads) -> new Shape(cpus, vipt, l2, inv, nc, prefetch, threads, 0));
        return Combinators.combine(a, Arbitraries.integers().between(0, 31))
                .as((s, v) -> new Shape(s.cpus(), s.vipt(), s.l2(), s.invalidate(), s.nc(), s.prefetch(), s.threads(), v));
    }

    /**
     * Two cpus, each with a thread, a non-cacheable alias of the same lines and a third thread that is a device (at
     * memory or coherent): where a non-coherent write leaves one cpu's clean copy differing from RAM, a coherent read
     * of the other cpu or of the coherent device may take that copy (semantics items 8 and 23).
     */
    @Provide
    Arbitrary<Shape> cleanSupplierShapes() {
        Arbitrary<List<Integer>> thread = Arbitraries.integers().between(0, 4 * ADDRESSES.length * 3 - 1).list()
                .ofMinSize(1).ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false), thread.list().ofSize(3),
                Arbitraries.of(2, 3, 6, 7, 14, 15))
                .as((l2, prefetch, threads, v) -> new Shape(2, false, l2, InvalidatePolicy.DISCARD, true, prefetch,
                        threads, v));
    }

    private static Machine machine(Shape s) {
        MachineConfig.Builder b = new MachineConfig.Builder("diff", s.vipt() ? Architecture.ARMV6 : Architecture.ARMV7)
                .cpus(s.cpus()).page(1024)
                .cache(new CacheLevelConfig("l1d", new CacheGeometry(s.vipt() ? 4096 : 64, 2, 16),
                        s.vipt() ? Indexing.VIPT : Indexing.PIPT, WritePolicy.WRITE_BACK, true, false, false, false))
                .invalidate("l1d", s.invalidate()).walker(WalkerStart.MEMORY);
        if (s.l2()) {
            CacheLevelConfig l2 = CacheLevelConfig.defaults("l2", new CacheGeometry(s.wideL2() ? 256 : 128, 2,
                    s.wideL2() ? 32 : 16));
            b.cache(s.inclusive() ? l2.includingL1d() : l2).invalidate("l2", s.invalidate());
        }
        Space space = new Space("s", List.of(new Mapping(0x0, 0x10000, 0x400, MemoryType.NORMAL, true),
                new Mapping(0x400, 0x10000, 0x400, s.nc() ? MemoryType.NORMAL_NC : MemoryType.NORMAL, true)));
        List<ThreadProgram> threads = new ArrayList<>();
        for (int t = 0; t < s.threads().size(); t++) {
            List<Op> ops = new ArrayList<>();
            RegisterRef r = new RegisterRef(0, "r0");
            for (int code : s.threads().get(t)) {
                long a = ADDRESSES[code % ADDRESSES.length];
                int kind = (code / ADDRESSES.length) % 4;
                ops.add(switch (kind) {
                    case 0 -> new Op.Store(a, 8, ValueExpr.constant(code + 1L));
                    case 1 -> new Op.Load(r, a, 8);
                    case 2 -> new Op.DataCacheByAddress(Op.DcKind.IVAC, a);
                    default -> new Op.DataCacheByAddress(Op.DcKind.CIVAC, a);
                });
            }
            if (s.device() && t == s.threads().size() - 1) {
                // A device addresses physical memory (the lines the cpus' mappings reach) and has no cache maintenance:
                // its dc operations become barriers.
                List<Op> physical = new ArrayList<>();
                for (Op op : ops) {
                    physical.add(op instanceof Op.Store st ? new Op.Store(0x10000 + (st.address() & 0x3ff), 8, st.value())
                            : op instanceof Op.Load l ? new Op.Load(r, 0x10000 + (l.address() & 0x3ff), 8)
                            : new Op.Barrier("dsb"));
                }
                threads.add(new ThreadProgram("t" + t, new Agent.Device(s.deviceLevel(), s.coherentDevice()), null, physical, List.of(),
                        List.of("r0")));
                continue;
            }
            threads.add(new ThreadProgram("t" + t, new Agent.Cpu(t % s.cpus()), space, ops, List.of(), List.of("r0")));
        }
        return new Machine(b.build(), new Program(threads, List.of(), List.of(), List.of()));
    }

    /**
     * What one search found: stored states; each final state's number and outcome key, in the order found; each
     * hazard with the transition that first showed it (parent state, event, outcome).
     */
    private record Found(long states, List<Final> finals, Map<String, String> hazards, boolean complete) {
    }

    /** A final state's number and its outcome. */
    private record Final(int stateId, OutcomeKey outcome) {
    }

    /** A search with or without sleep sets, with dead lines and without the partial-order reduction. */
    private static Found search(Machine m, ExploreOptions options, boolean sleepSets) {
        return search(m, options, new Reductions(sleepSets, true, false));
    }

    private static Found search(Machine m, ExploreOptions options, Reductions reductions) {
        List<Final> finals = new ArrayList<>();
        Map<String, String> hazards = new HashMap<>();
        SearchStats x = new Explorer(m, options, new Bounds(50_000, 0, false, 1), reductions).explore(new SearchListener() {
            @Override
            public void finalState(int stateId, MachineState state) {
                finals.add(new Final(stateId, OutcomeKey.of(m, state)));
            }

            @Override
            public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
                for (Effect e : outcome.effects()) {
                    if (e instanceof Effect.Hazard h) {
                        hazards.putIfAbsent(h.kind().word() + "|" + h.where() + "|" + h.physicalAddress(),
                                parentId + "/" + eventIndex + "/" + outcomeIndex);
                    }
                }
            }
        });
        return new Found(x.states(), finals, hazards, x.isComplete());
    }

    @Property(tries = 200)
    void sleepSetsLoseNoStateOutcomeOrHazard(@ForAll("shapes") Shape shape) {
        // Sleep sets skip only transitions whose target another order of commuting steps reaches, never one on the
        // first (lexicographically least shortest) path to a state: the searches with and without them must number
        // the same states alike, find the same final states in the same order, and show each hazard first on the
        // same transition.
        Machine m = machine(shape);
        ExploreOptions options = new ExploreOptions(true, shape.prefetch(), true, false);
        Found without = search(m, options, false);
        Assume.that(without.complete());
        Found with = search(m, options, true);
        assertThat(with.states()).isEqualTo(without.states());
        assertThat(with.finals()).isEqualTo(without.finals());
        assertThat(with.hazards()).isEqualTo(without.hazards());
    }

    @Property(tries = 200)
    void everyReductionTogetherLosesNoOutcomeOrHazard(@ForAll("shapes") Shape shape) {
        // With every reduction (sleep sets, dead lines, persistent sets) the numbering of states changes, but the
        // set of final outcomes and the set of hazards (kind, place, line) must be those of the plain search.
        Machine m = machine(shape);
        ExploreOptions options = new ExploreOptions(true, shape.prefetch(), true, false);
        Found plain = search(m, options, Reductions.NONE);
        Assume.that(plain.complete());
        Found reduced = search(m, options, Reductions.ALL);
        assertThat(reduced.complete()).isTrue();
        assertThat(outcomeKeys(reduced)).isEqualTo(outcomeKeys(plain));
        assertThat(reduced.hazards().keySet()).isEqualTo(plain.hazards().keySet());
        assertThat(reduced.states()).isLessThanOrEqualTo(plain.states());
    }

    @Property(tries = 150)
    void cleanCopiesThatSupplyReadsAreSeenByEveryReduction(@ForAll("cleanSupplierShapes") Shape shape) {
        // The new choice (a differing clean copy supplies a coherent read) must be explored alike with and without
        // sleep sets, dead lines and persistent sets, and by the naive reference explorer.
        Machine m = machine(shape);
        ExploreOptions options = new ExploreOptions(true, shape.prefetch(), true, false);
        Set<OutcomeKey> expected = referenceOutcomes(m, options, 30_000);
        Found plain = search(m, options, Reductions.NONE);
        Found reduced = search(m, options, Reductions.ALL);
        assertThat(reduced.complete()).isTrue();
        assertThat(outcomeKeys(plain)).isEqualTo(expected);
        assertThat(outcomeKeys(reduced)).isEqualTo(expected);
        assertThat(reduced.hazards().keySet()).isEqualTo(plain.hazards().keySet());
        Found sleep = search(m, options, new Reductions(true, false, false));
        Found noSleep = search(m, options, new Reductions(false, false, false));
        assertThat(sleep.finals()).isEqualTo(noSleep.finals());
    }

    @Example
    void theCleanSupplierShapesReachTheNewChoice() {
        // Codes: address index = code % 4, kind = code / 4 % 4 (0 store of code + 1, 1 load). cpu0 loads 0x0 (a
        // clean copy of 0), cpu1 stores 3 through the non-cacheable alias 0x400 of the same line (RAM 3) and then
        // loads 0x0 coherently; the device stores to another line. cpu1 holds no copy before its load (its store is
        // non-cacheable, prefetch is off), so its load reads RAM (3) unless cpu0 loaded first and its clean copy
        // supplies the read (0): both values, and no other.
        Shape shape = new Shape(2, false, false, InvalidatePolicy.DISCARD, true, false,
                List.of(List.of(4), List.of(2, 4), List.of(3)), 2);
        Machine m = machine(shape);
        ExploreOptions options = new ExploreOptions(true, false, true, false);
        Set<Long> r0 = new HashSet<>();
        for (MachineState s : new NaiveExplorer(m, options, 30_000).finalStates()) {
            r0.add(s.thread(1).registers().get(0).bits());
        }
        assertThat(r0).containsExactlyInAnyOrder(0L, 3L);
        assertThat(outcomeKeys(search(m, options, Reductions.ALL))).hasSize(outcomeKeys(search(m, options, Reductions.NONE)).size());
    }

    /**
     * The outcomes of every final state the naive explorer reaches; a try whose reference search passes
     * {@code limit} states is skipped.
     */
    private static Set<OutcomeKey> referenceOutcomes(Machine m, ExploreOptions options, int limit) {
        Set<MachineState> reference;
        try {
            reference = new NaiveExplorer(m, options, limit).finalStates();
        } catch (IllegalStateException tooBig) {
            Assume.that(false);
            return Set.of();
        }
        Set<OutcomeKey> expected = new HashSet<>();
        for (MachineState s : reference) {
            expected.add(OutcomeKey.of(m, s));
        }
        return expected;
    }

    private static Set<OutcomeKey> outcomeKeys(Found f) {
        Set<OutcomeKey> keys = new HashSet<>();
        for (Final s : f.finals()) {
            keys.add(s.outcome());
        }
        return keys;
    }

    @Property(tries = 200)
    void theCheckerFindsExactlyTheReferenceOutcomes(@ForAll("shapes") Shape shape) {
        Machine m = machine(shape);
        ExploreOptions options = new ExploreOptions(true, shape.prefetch(), true, false);
        Set<OutcomeKey> expected = referenceOutcomes(m, options, 30_000);
        Set<OutcomeKey> found = new HashSet<>();
        new Explorer(m, options, Bounds.NONE).explore(new SearchListener() {
            @Override
            public void finalState(int stateId, MachineState state) {
                found.add(OutcomeKey.of(m, state));
            }

            @Override
            public void transition(int parentId, int eventIndex, int outcomeIndex, Outcome outcome) {
            }
        });
        assertThat(found).isEqualTo(expected);
    }

    @Provide
    Arbitrary<WalkFetchScenarios.Shape> walkFetchShapes() {
        return WalkFetchScenarios.shapes();
    }

    @Property(tries = 60)
    void walkAttributesAndFetchRulesGiveExactlyTheReferenceOutcomes(
            @ForAll("walkFetchShapes") WalkFetchScenarios.Shape shape) throws IOException {
        // Tables with walk attributes and fetches with the I-cache, the caches or the MMU off, or through
        // non-cacheable, device, write-through and execute-never mappings, in host tables and by guests with stage 1
        // off (speculative I-fills through stage 2): the checker with every reduction must find
        // exactly the final outcomes (registers, RAM, dirty copies) of the naive explorer, which enumerates every event
        // and outcome and shares only the machine's step function.
        String text = WalkFetchScenarios.text(shape);
        Scenario scenario = ScenarioLoader.load(Cli.write(Files.createTempDirectory("walk-fetch"), "r.scn", text),
                "r.scn");
        Machine m = scenario.machine();
        Set<OutcomeKey> expected = referenceOutcomes(m, scenario.explore(), 8_000);
        Found reduced = search(m, scenario.explore(), Reductions.ALL);
        assertThat(reduced.complete()).as(text).isTrue();
        assertThat(outcomeKeys(reduced)).as(text).isEqualTo(expected);
        Statistics.label("machine").collect(shape.machine());
        Statistics.label("format (v8-4k, v7-short, stage 2)").collect(shape.format());
    }
}
