package dev.stalecheck.mmu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stalecheck.program.MemoryType;
import org.junit.jupiter.api.Test;

/** When two TLB entries conflict: both could translate one address in one context. */
class TlbEntryTest {
    private static TlbEntry page(long asid, boolean global, long pa) {
        return new TlbEntry(asid, global, 0x200000, 0x1000, pa, MemoryType.NORMAL, true, false, false);
    }

    @Test
    void aGlobalAndANonGlobalEntryOfOneAddressConflict() {
        // A lookup with ASID 1 matches both the global entry and the non-global entry of ASID 1 (TlbEntry.matches),
        // so a TLB holding both has two translations of 0x200000: the TLB conflict the Arm ARM's break-before-make
        // rule is about (changing nG is one of the changes that need it).
        TlbEntry global = page(0, true, 0x80200000L);
        TlbEntry mine = page(1, false, 0x80201000L);
        assertThat(global.matches(0x200000, 1) && mine.matches(0x200000, 1)).isTrue();
        assertThat(global.conflictsWith(mine)).isTrue();
        assertThat(mine.conflictsWith(global)).isTrue();
    }

    @Test
    void nonGlobalEntriesOfDifferentAsidsDoNotConflict() {
        // No lookup matches both: each ASID sees its own entry.
        assertThat(page(1, false, 0x80200000L).conflictsWith(page(2, false, 0x80201000L))).isFalse();
        assertThat(page(1, false, 0x80200000L).conflictsWith(page(1, false, 0x80201000L))).isTrue();
    }
}
