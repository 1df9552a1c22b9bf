package dev.stalecheck.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.explore.Bounds;
import dev.stalecheck.machine.HazardKind;
import dev.stalecheck.result.ConditionResult;
import dev.stalecheck.result.HazardResult;
import dev.stalecheck.result.ScenarioResult;
import dev.stalecheck.result.Verdict;
import dev.stalecheck.scenario.ScenarioLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The verdicts of the shipped examples that README names but no other test checks, each derived from the hardware
 * as the example's comments describe it. (The kvm-* examples are checked in CheckCommandTest, the unmap-order one in
 * ProbesTest, and the seed library by GoldenScenariosTest.)
 */
class ExampleVerdictsTest {
    private static ScenarioResult check(String name) {
        Path file = Path.of("examples", name);
        return new ScenarioCheck(ScenarioLoader.load(file, file.toString()), Bounds.NONE.withWorkers(1), null)
                .decidedBudget(Long.MAX_VALUE).check();
    }

    private static Verdict[] verdicts(ScenarioResult r) {
        assertThat(r.complete()).as("a complete search").isTrue();
        return r.results().stream().map(ConditionResult::verdict).toArray(Verdict[]::new);
    }

    @Test
    void armv6AliasReadsStale() {
        // ARM1136's 8 KB D-cache ways index by VA bit 12: the host's alias (colour 0) and the guest's (colour 1) are
        // two sets, two copies of one physical line. The host's store leaves colour 0 dirty; with no hardware event
        // the guest's load misses colour 1 and fills from RAM, 0x1111: FAILS. The fill makes a second copy with
        // other bytes than the dirty one: the alias-divergence hazard.
        ScenarioResult r = check("armv6-alias.scn");
        assertThat(verdicts(r)).containsExactly(Verdict.FAILS);
        assertThat(r.hazards()).extracting(HazardResult::kind).contains(HazardKind.ALIAS_DIVERGENCE.word());
    }

    @Test
    void aDmaReceiveWithoutInvalidateReadsTheCpusOwnLine() {
        // The cpu's store leaves 0xdead dirty in L1D; the device writes 0xbeef to RAM only (a device at memory
        // snoops nothing); with no hardware event the receive's load hits the cpu's line: 0xdead, FAILS.
        assertThat(verdicts(check("dma-receive-stale.scn"))).containsExactly(Verdict.FAILS);
    }

    @Test
    void aDmaReceiveInLinuxsOrderReadsWhatTheDeviceWrote() {
        // Map: dc ivac drops L1D's line (written back into L2 first, or discarded: invalidate any), then the outer
        // invalidate drops L2's, so no dirty copy can reach RAM after the device writes it. A speculative refill of
        // L1 from L2 between the two map invalidates leaves only a clean stale copy, and unmap drops it: the outer
        // invalidate first, so that nothing stale is left in L2 to refill L1 from, then the inner one. The load
        // then reads the device's 0xbeef from RAM (or from a fill of it) in every execution: HOLDS.
        assertThat(verdicts(check("dma-receive.scn"))).containsExactly(Verdict.HOLDS);
    }

    @Test
    void aGuestWithItsCachesOffIsHiddenByTheHostsCleanLine() {
        // Cortex-A9 with SCTLR.C = 0 neither looks up nor writes the caches (disabled-hits no): the guest's 0x77 goes
        // to RAM and the host's clean line keeps 0; with no eviction in between, the host's second load hits it:
        // 0, FAILS.
        assertThat(verdicts(check("guest-caches-off.scn"))).containsExactly(Verdict.FAILS);
    }

    @Test
    void flushIcacheRangeMakesTheNewInstructionVisible() {
        // dc cvau writes the dirty L1D line into L2 (the PoU, which holds the line since the first fetch filled
        // it), ic ivau drops L1I's old copy; the next fetch refills from L2 or RAM, both new, and a speculative L1I
        // fill before ic ivau is dropped by it: HOLDS.
        assertThat(verdicts(check("icache-flushed.scn"))).containsExactly(Verdict.HOLDS);
    }

    @Test
    void selfModifyingCodeWithoutMaintenanceFetchesTheOldInstruction() {
        // The store leaves the new instruction dirty in L1D; L1I, not coherent with L1D, still holds the old one
        // from the first fetch, and the second fetch hits it: 0xe1a00000, FAILS.
        assertThat(verdicts(check("icache-stale.scn"))).containsExactly(Verdict.FAILS);
    }

    @Test
    void aPageTableEntryWrittenWithoutCleanIsNotSeenByTheArmv6Walker() {
        // ARM1136 walks read memory, not L1: the new section entry sits dirty in L1, so with no eviction the walk
        // reads the old, invalid entry and the load faults (expect FAILS, exists fault REACHABLE); an eviction that
        // writes the line back before the walk lets it read 0x77.
        ScenarioResult r = check("pte-update-no-clean.scn");
        assertThat(verdicts(r)).containsExactly(Verdict.FAILS, Verdict.REACHABLE);
        assertThat(r.hazards()).extracting(HazardResult::kind).contains(HazardKind.STALE_WALK.word());
    }

    @Test
    void flushPmdEntryLetsTheWalkerSeeTheNewEntry() {
        // flush_pmd_entry cleans the entry's line to RAM before tlbi: from then on RAM holds the new entry and no
        // copy is dirty, so every walk after the tlbi reads it (a faulting walk caches nothing): 0x77, HOLDS.
        assertThat(verdicts(check("pte-update.scn"))).containsExactly(Verdict.HOLDS);
    }
}
