package dev.stalecheck.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.ProgramOrder;
import dev.stalecheck.scenario.ScenarioLoader;
import dev.stalecheck.support.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of docs/ordering.md, one pair of operations at a time: which earlier operation each one waits for. */
class ProgramOrderTest {
    @TempDir
    Path dir;

    /** The operations of thread t (in space k, a normal page at 0x1000 and a device page at 0x9000), each with the earlier ones it waits for. */
    private List<String> waits(String ops) {
        String text = "scenario \"o\"\nexplore { ordering armv8 }\nmachine generic { cpus 1 }\n"
                + "space k { 0x1000 -> 0x80001000 size 4K normal; 0x9000 -> 0x90000000 size 4K device }\n"
                + "pagetable io format v8-4k at 0x80100000 { map 0x10000 -> 0x80200000 size 4K page normal }\n"
                + "smmu s0 table io\n"
                + "thread t on cpu0 in k {\n" + ops + "\n}\n";
        Machine m = ScenarioLoader.load(Cli.write(dir, "o.scn", text), "o.scn").machine();
        ProgramOrder order = m.order(0);
        int n = m.program().threads().get(0).ops().size();
        List<String> out = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            List<Integer> earlier = new ArrayList<>();
            for (int i = 0; i < j; i++) {
                if (order.waits(i, j)) {
                    earlier.add(i);
                }
            }
            out.add(j + ":" + earlier);
        }
        return out;
    }

    @Test
    void accessesToOtherLocationsAreUnorderedAndTheSameLocationIsOrdered() {
        // Rule 1: loads and stores to overlapping bytes keep program order; to other bytes they do not. The
        // 4-byte store at 0x1004 overlaps the doubleword at 0x1000 (the store and the second load), not 0x1008.
        assertThat(waits("store [0x1000] = 1; r1 = load [0x1008]; r2 = load [0x1000]; store.w [0x1004] = 2"))
                .containsExactly("0:[]", "1:[]", "2:[0]", "3:[0, 2]");
    }

    @Test
    void registerDependenciesOrder() {
        // Rule 2: the store of r1 waits for the load that writes r1; a later load that overwrites r1 waits for both
        // (no register renaming: docs/semantics.md).
        assertThat(waits("r1 = load [0x1000]; store [0x1008] = r1 + 1; r1 = load [0x1010]"))
                .containsExactly("0:[]", "1:[0]", "2:[0, 1]");
    }

    @Test
    void deviceAccessesKeepProgramOrder() {
        // Rule 3: two Device accesses are ordered; a Device access and a Normal one are not.
        assertThat(waits("store [0x9000] = 1; store [0x9008] = 2; store [0x1000] = 3"))
                .containsExactly("0:[]", "1:[0]", "2:[]");
    }

    @Test
    void dmbOrdersAccessesButNotMaintenance() {
        // Rule 4: the dmb waits for the store before it, the load after it waits for the dmb; dc and tlbi after a
        // dmb do not (only a dsb waits for or holds back maintenance).
        assertThat(waits("store [0x1000] = 1; dmb ish; r1 = load [0x1008]; dc cvac [0x1040]; tlbi all"))
                .containsExactly("0:[]", "1:[0]", "2:[1]", "3:[]", "4:[]");
    }

    @Test
    void dmbStAndLdOrderOnlyTheirKind() {
        // dmb st: stores before it, stores after it. dmb ld: loads before it, loads and stores after it.
        assertThat(waits("r1 = load [0x1000]; store [0x1008] = 1; dmb ishst; r2 = load [0x1010]; store [0x1018] = 2"))
                .containsExactly("0:[]", "1:[]", "2:[1]", "3:[]", "4:[2]");
        assertThat(waits("store [0x1000] = 1; r1 = load [0x1008]; dmb ishld; r2 = load [0x1010]; store [0x1018] = 2"))
                .containsExactly("0:[]", "1:[]", "2:[1]", "3:[2]", "4:[2]");
    }

    @Test
    void dsbWaitsForEverythingButDsbStOnlyForStores() {
        // Rule 5: a full dsb waits for the clean and the tlbi; everything after it waits for it. dsb ishst waits for
        // the store only, not for the dc cvau before it.
        assertThat(waits("dc cvau [0x1000]; tlbi all; dsb ish; ic ivau [0x1000]"))
                .containsExactly("0:[]", "1:[]", "2:[0, 1]", "3:[2]");
        assertThat(waits("store [0x1000] = 1; dc cvau [0x1040]; dsb ishst; ic ivau [0x1040]"))
                .containsExactly("0:[]", "1:[]", "2:[0]", "3:[2]");
    }

    @Test
    void isbWaitsForBarriersAndHoldsBackEverything() {
        // Rule 6: the isb waits for the dsb before it (not for the store); the fetch after it waits for it, but
        // not for the dsb itself: fetches are ordered only by context-synchronization points.
        assertThat(waits("store [0x1000] = 1; dsb ish; isb; r1 = fetch [0x1100]"))
                .containsExactly("0:[]", "1:[0]", "2:[1]", "3:[2]");
        assertThat(waits("store [0x1000] = 1; dsb ish; r1 = fetch [0x1100]"))
                .containsExactly("0:[]", "1:[0]", "2:[]");
    }

    @Test
    void aWaitHoldsBackLaterStoresNotLaterLoads() {
        // Rule 8: a control dependency: the store after the wait waits for it, the load after it does not.
        assertThat(waits("wait [0x1000] == 1; r1 = load [0x1008]; store [0x1010] = 1"))
                .containsExactly("0:[]", "1:[]", "2:[0]");
    }

    @Test
    void nonShareableBarriersDoNotOrderAccesses() {
        // herd7's model: dmb nsh orders no accesses; dsb nsh waits for maintenance but not for loads and stores.
        assertThat(waits("store [0x1000] = 1; dmb nsh; store [0x1008] = 2; tlbi all; dsb nsh; r1 = load [0x1010]"))
                .containsExactly("0:[]", "1:[]", "2:[]", "3:[]", "4:[3]", "5:[4]");
    }

    @Test
    void contextChangesOrderLikeDsbIsb() {
        // A context change waits for every earlier operation, and every later one waits for it.
        assertThat(waits("store [0x1000] = 1; caches off; r1 = load [0x1008]"))
                .containsExactly("0:[]", "1:[0]", "2:[1]");
    }

    @Test
    void anSmmuTlbiIsOrderedLikeADeviceStoreAndCompletesBeforeWhatFollows() {
        // docs/semantics.md: the command reaches the SMMU as a store to Device memory does (through its queue and a
        // register write), so a plain store before it is not ordered with it (0) while a dmb st (2) or a dsb orders
        // the earlier store first; every later operation, even a load of another location, waits for the command,
        // since the thread waits for its CMD_SYNC.
        assertThat(waits("store [0x1000] = 1; smmu tlbi s0 va [0x10000]; dmb st; smmu tlbi s0 all; r1 = load [0x1008]"))
                .containsExactly("0:[]", "1:[]", "2:[0, 1]", "3:[1, 2]", "4:[1, 3]");
        assertThat(waits("dc cvac [0x1000]; dsb sy; smmu tlbi s0 all"))
                .containsExactly("0:[]", "1:[0]", "2:[1]");
    }
}
