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
import dev.stalecheck.program.ValueExpr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Effects reach traces and the viewer through the step observer: what an observer is told is what outcomes hold. */
class StepObserverTest {
    private static final long BASE = 0x8000;

    /**
     * L1D of 2 sets x 2 ways with 32-byte lines: stores to lines 0, 2 and 4 all index set 0, so the third store's
     * fill needs a victim (a labelled choice), and a dirty victim's write-back is an effect too.
     */
    private static Machine machine() {
        MachineConfig config = new MachineConfig.Builder("tiny", Architecture.ARMV7)
                .cache(level("l1d", 128, 2, 32)).cache(level("l2", 256, 2, 32))
                .invalidateAll(InvalidatePolicy.ANY)
                .pou(Point.level("l2")).poc(Point.MEMORY).walker(WalkerStart.MEMORY).build();
        Program p = program(cpuThread("t", 0, space("id", BASE, BASE, 0x1000), List.of(),
                new Op.Store(BASE, 8, ValueExpr.constant(1)), new Op.Store(BASE + 64, 8, ValueExpr.constant(2)),
                new Op.Store(BASE + 128, 8, ValueExpr.constant(3))));
        return new Machine(config, p);
    }

    @Test
    void anObserverBesideTheEffectLogIsToldExactlyWhatTheRunOutcomeHolds() {
        Machine m = machine();
        MachineState s = m.initialState();
        List<Label> allLabels = new ArrayList<>();
        int effects = 0;
        for (int step = 0; step < 3; step++) {
            EffectLog beside = new EffectLog();
            Outcome o = m.runOutcome(s, new Event.ThreadStep(0), beside);
            assertThat(beside.effects()).isEqualTo(o.effects());
            assertThat(beside.labels()).isEqualTo(o.labels());
            assertThat(o.effects()).isEqualTo(m.runOutcome(s, new Event.ThreadStep(0)).effects());
            // Each store misses both levels (the lines are new), so it fills L2 then L1D: two FILLED changes.
            assertThat(o.effects()).filteredOn(e -> e instanceof Effect.LineChange c
                    && c.action() == Effect.LineAction.FILLED).hasSize(2);
            allLabels.addAll(o.labels());
            effects += o.effects().size();
            s = o.next();
        }
        assertThat(effects).isPositive();
        assertThat(allLabels).extracting(Label::kind).containsExactly(ChoiceKind.VICTIM);
    }

    @Test
    void aSearchStepBuildsNoLabelsAndKeepsOnlyHazards() {
        Machine m = machine();
        MachineState s = m.initialState();
        for (int step = 0; step < 3; step++) {
            List<Outcome> detailed = m.outcomes(s, new Event.ThreadStep(0));
            List<Outcome> search = m.searchOutcomes(s, new Event.ThreadStep(0));
            assertThat(search).hasSameSizeAs(detailed);
            for (int i = 0; i < search.size(); i++) {
                assertThat(search.get(i).labels()).isEmpty();
                assertThat(search.get(i).effects())
                        .isEqualTo(detailed.get(i).effects().stream().filter(e -> e instanceof Effect.Hazard).toList());
                assertThat(search.get(i).next()).isEqualTo(detailed.get(i).next());
            }
            s = detailed.get(0).next();
        }
    }
}
