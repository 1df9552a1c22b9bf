package dev.stalecheck.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The immutable contents of one cache: placement, lookup, victim choice and identity. */
class CacheStateTest {
    private static CacheLine line(long pa, boolean dirty, long word0, long lastUse) {
        return new CacheLine(pa, dirty, new long[] {word0, 0, 0, 0}, lastUse);
    }

    @Test
    void withPlacesALineAndLeavesTheOldStateUnchanged() {
        CacheState empty = CacheState.empty(4);
        CacheState one = empty.with(3, 2, line(0x1060, false, 7, 0));

        assertThat(empty.validLines()).isZero();
        assertThat(empty.line(3, 2)).isNull();
        assertThat(one.validLines()).isEqualTo(1);
        assertThat(one.line(3, 2).physicalAddress()).isEqualTo(0x1060);
        assertThat(one.setAt(0)).isEqualTo(3);
        assertThat(one.wayAt(0)).isEqualTo(2);
    }

    @Test
    void withReplacesWhatTheWayHeld() {
        CacheState s = CacheState.empty(2).with(0, 1, line(0x0, false, 1, 0)).with(0, 1, line(0x400, true, 2, 0));
        assertThat(s.validLines()).isEqualTo(1);
        assertThat(s.wayOf(0, 0x400)).isEqualTo(1);
        assertThat(s.wayOf(0, 0x0)).isEqualTo(-1);
    }

    @Test
    void withoutInvalidatesOneWay() {
        CacheState s = CacheState.empty(4).with(1, 0, line(0x20, false, 1, 0)).with(1, 1, line(0x420, false, 2, 0));
        CacheState t = s.without(1, 0);
        assertThat(t.line(1, 0)).isNull();
        assertThat(t.line(1, 1)).isNotNull();
        assertThat(t.validWays(1)).isEqualTo(1);
        assertThat(t.without(1, 3)).isEqualTo(t);
    }

    @Test
    void lookupsStayInsideTheirSet() {
        // Slots are set * ways + way; lines of set 1 must not be seen from sets 0 or 2.
        CacheState s = CacheState.empty(4)
                .with(1, 0, line(0x20, false, 0, 5)).with(1, 2, line(0x420, false, 0, 2)).with(2, 0, line(0x40, false, 0, 1));

        assertThat(s.wayOf(1, 0x420)).isEqualTo(2);
        assertThat(s.wayOf(2, 0x420)).isEqualTo(-1);
        assertThat(s.validWays(0)).isZero();
        assertThat(s.validWays(1)).isEqualTo(2);
        assertThat(s.validWays(2)).isEqualTo(1);
        assertThat(s.firstInvalidWay(1)).isEqualTo(1);
        assertThat(s.firstInvalidWay(0)).isZero();
        assertThat(s.leastRecentlyUsedWay(1)).isEqualTo(2);
        assertThat(s.leastRecentlyUsedWay(0)).isEqualTo(-1);
    }

    @Test
    void fullSetHasNoInvalidWay() {
        CacheState s = CacheState.empty(2).with(0, 0, line(0x0, false, 0, 9)).with(0, 1, line(0x400, false, 0, 4));
        assertThat(s.firstInvalidWay(0)).isEqualTo(-1);
        assertThat(s.leastRecentlyUsedWay(0)).isEqualTo(1);
    }

    @Test
    void equalityAndFingerprintIgnoreLruAges() {
        // check explores every victim, so two states differing only in LRU ages are the same state.
        CacheState a = CacheState.empty(4).with(0, 1, line(0x0, true, 42, 1));
        CacheState b = CacheState.empty(4).with(0, 1, line(0x0, true, 42, 99));
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
    }

    @Test
    void equalityAndFingerprintSeeTheDirtyBit() {
        CacheState dirty = CacheState.empty(4).with(0, 1, line(0x0, true, 42, 1));
        CacheState clean = CacheState.empty(4).with(0, 1, line(0x0, false, 42, 1));
        assertThat(dirty).isNotEqualTo(clean);
        assertThat(dirty.fingerprint()).isNotEqualTo(clean.fingerprint());
    }

    @Test
    void equalityAndFingerprintSeeTheBytes() {
        CacheState a = CacheState.empty(4).with(0, 1, line(0x0, true, 42, 1));
        CacheState b = CacheState.empty(4).with(0, 1, line(0x0, true, 43, 1));
        assertThat(a).isNotEqualTo(b);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void equalityAndFingerprintSeeTheWay() {
        CacheState a = CacheState.empty(4).with(0, 1, line(0x0, false, 42, 1));
        CacheState b = CacheState.empty(4).with(0, 2, line(0x0, false, 42, 1));
        assertThat(a).isNotEqualTo(b);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }
}
