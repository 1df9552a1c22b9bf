package dev.stalecheck.machine;

import static dev.stalecheck.support.Programs.cpuThread;
import static dev.stalecheck.support.Programs.dc;
import static dev.stalecheck.support.Programs.load;
import static dev.stalecheck.support.Programs.program;
import static dev.stalecheck.support.Programs.space;
import static dev.stalecheck.support.Programs.store;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.preset.Preset;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.Value;
import dev.stalecheck.run.SingleExecution;
import dev.stalecheck.support.NaiveExplorer;
import dev.stalecheck.support.Programs;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The language page's complete example, on the model alone: {@code dc ivac} loses the guest's PTE, {@code dc civac} keeps it. */
class KvmInvalidateExampleTest {
    private static final long PTE = 0x80003013L;

    private static MachineConfig machine() {
        return Preset.GENERIC.toBuilder()
                .cache(Programs.level("l1d", 32 * 1024, 4, 32))
                .invalidate("l1d", InvalidatePolicy.DISCARD)
                .build();
    }

    private static Machine scenario(Op.DcKind maintenance) {
        Space guest = space("guest", 0xc0002000L, 0x80002000L, 4096);
        Space qemu = space("qemu", 0x40002000L, 0x80002000L, 4096);
        Program p = program(
                cpuThread("g", 0, guest, List.of(), store(0xc0002000L, PTE)),
                cpuThread("kvm", 0, qemu, List.of(0), dc(maintenance, 0x40002000L), load(1, 0x40002000L)));
        return new Machine(machine(), p);
    }

    private static Set<Long> finalR1(Machine m) {
        Set<Long> values = new TreeSet<>();
        for (MachineState s : new NaiveExplorer(m, ExploreOptions.DEFAULT, 200_000).finalStates()) {
            Value v = s.thread(1).registers().get(1);
            values.add(v.bits());
        }
        return values;
    }

    @Test
    void invalidateCanDiscardTheGuestsDirtyLine() {
        // The guest's store leaves the PTE dirty in L1D (write-allocate). If nothing evicts it before KVM's
        // dc ivac, the invalidate discards it (invalidate l1d discard) and KVM's load fills from L2/RAM, which
        // still hold 0. If hardware evicts the line first, the PTE reaches L2 or RAM and the load sees it.
        assertThat(finalR1(scenario(Op.DcKind.IVAC))).containsExactly(0L, PTE);
    }

    @Test
    void cleanAndInvalidateAlwaysDeliversThePte() {
        // dc civac writes the dirty line back to L2 (the next level, which the fill allocated) before dropping it,
        // so whatever hardware did before, the load finds the PTE.
        assertThat(finalR1(scenario(Op.DcKind.CIVAC))).containsExactly(PTE);
    }

    @Test
    void runTakesTheDiscardingExecution() {
        // run: no spontaneous events; the store's line is still dirty at dc ivac, so r1 = 0 (the bug).
        List<Outcome> steps = new SingleExecution(scenario(Op.DcKind.IVAC)).run();
        Outcome last = steps.get(steps.size() - 1);
        assertThat(last.next().thread(1).registers().get(1)).isEqualTo(Value.of(0));
        assertThat(steps.get(1).effects()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(Effect.LineChange.class,
                c -> {
                    assertThat(c.action()).isEqualTo(Effect.LineAction.DISCARDED);
                    assertThat(c.cacheName()).isEqualTo("cpu0.l1d");
                    assertThat(c.physicalAddress()).isEqualTo(0x80002000L);
                }));
    }
}
