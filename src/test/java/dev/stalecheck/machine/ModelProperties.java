package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.level;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.RegisterRef;
import dev.stalecheck.program.ValueExpr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the model under random programs, random hardware events and random choices within steps.
 *
 * <p>The machine is small on purpose (L1D 2 sets x 2 ways, L2 4 sets x 2 ways, 32-byte lines) and the addresses
 * span 8 lines, so fills constantly evict and write back.
 */
class ModelProperties {
    private static final long BASE = 0x8000;
    private static final int WORDS = 32;

    private static MachineConfig machine() {
        return new MachineConfig.Builder("tiny", Architecture.ARMV7)
                .cache(level("l1d", 128, 2, 32)).cache(level("l2", 256, 2, 32))
                .invalidateAll(InvalidatePolicy.ANY)
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
    }

    /** One random access: a store of a fresh value, or a load, of one of 32 words. */
    record Access(boolean store, int word) {
    }

    /** A random step: an access, or a hardware event picked by index, and a random pick among the outcomes. */
    record Step(Access access, int hardwareIndex, int outcomePick) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Access> access = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, WORDS - 1))
                .as(Access::new);
        Arbitrary<Step> step = Combinators.combine(access.injectNull(0.5), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 1000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    private static Op op(Access a, int sequence, RegisterRef r) {
        long va = BASE + 8L * a.word();
        return a.store() ? new Op.Store(va, 8, ValueExpr.constant(0x1000L + sequence)) : new Op.Load(r, va, 8);
    }

    /**
     * With one alias per physical line and no maintenance, whatever hardware evicts, fills or chooses, every load
     * returns the last value stored to its address: the model never loses or invents data on its own.
     */
    @Property(tries = 300)
    void everyLoadReturnsTheLastStore(@ForAll("steps") List<Step> steps) {
        List<Op> ops = new ArrayList<>();
        List<Access> accesses = new ArrayList<>();
        RegisterRef r = new RegisterRef(0, "r0");
        for (Step s : steps) {
            if (s.access() != null) {
                ops.add(op(s.access(), ops.size(), r));
                accesses.add(s.access());
            }
        }
        Program p = program(cpuThread("t", 0, space("id", BASE, BASE, 0x1000), List.of(), ops.toArray(Op[]::new)));
        Machine m = new Machine(machine(), p);
        MachineState state = m.initialState();
        Map<Integer, Long> expected = new HashMap<>();
        int pc = 0;
        for (Step s : steps) {
            Event e;
            if (s.access() != null) {
                e = new Event.ThreadStep(0);
            } else {
                List<Event> hw = m.hardwareEvents(state, ExploreOptions.DEFAULT);
                if (hw.isEmpty()) {
                    continue;
                }
                e = hw.get(s.hardwareIndex() % hw.size());
            }
            List<Outcome> outs = m.outcomes(state, e);
            state = outs.get(s.outcomePick() % outs.size()).next();
            if (s.access() != null) {
                Access a = accesses.get(pc);
                if (a.store()) {
                    expected.put(a.word(), 0x1000L + pc);
                } else {
                    assertThat(state.thread(0).registers().get(0).bits()).as("load of word %d", a.word())
                            .isEqualTo(expected.getOrDefault(a.word(), 0L));
                }
                pc++;
            }
        }
    }

    /**
     * After a clean to PoC of a line (all of its copies, since there is one alias and one cpu), no sequence of
     * evictions, fills or accesses to other lines changes what RAM holds for that line: every copy is clean, and
     * only a write to the line could make one dirty again.
     */
    @Property(tries = 300)
    void aCleanedLineNeverChangesInRamUntilWritten(@ForAll("steps") List<Step> before, @ForAll("steps") List<Step> after) {
        int cleanedLine = 0;
        RegisterRef r = new RegisterRef(0, "r0");
        List<Op> ops = new ArrayList<>();
        for (Step s : before) {
            if (s.access() != null) {
                ops.add(op(s.access(), ops.size(), r));
            }
        }
        int cleanAt = ops.size();
        ops.add(new Op.DataCacheByAddress(Op.DcKind.CVAC, BASE + 32L * cleanedLine));
        for (Step s : after) {
            if (s.access() != null && !(s.access().store() && s.access().word() / 4 == cleanedLine)) {
                ops.add(op(s.access(), ops.size(), r));
            }
        }
        Program p = program(cpuThread("t", 0, space("id", BASE, BASE, 0x1000), List.of(), ops.toArray(Op[]::new)));
        Machine m = new Machine(machine(), p);
        MachineState state = m.initialState();
        long[] ramAfterClean = null;
        int pc = 0;
        List<Step> all = new ArrayList<>(before);
        all.add(new Step(new Access(false, 0), 0, 0));
        all.addAll(after);
        for (Step s : all) {
            List<Event> choices = new ArrayList<>();
            if (pc < ops.size()) {
                choices.add(new Event.ThreadStep(0));
            }
            choices.addAll(m.hardwareEvents(state, ExploreOptions.DEFAULT));
            Event e = s.access() != null && pc < ops.size() ? choices.get(0) : choices.get(s.hardwareIndex() % choices.size());
            boolean threadStep = e instanceof Event.ThreadStep;
            List<Outcome> outs = m.outcomes(state, e);
            state = outs.get(s.outcomePick() % outs.size()).next();
            if (threadStep) {
                pc++;
                if (pc == cleanAt + 1) {
                    ramAfterClean = state.ram().readWords(BASE, 4);
                }
            }
            if (ramAfterClean != null) {
                assertThat(state.ram().readWords(BASE, 4)).as("RAM of the cleaned line").containsExactly(ramAfterClean);
            }
        }
    }
}
