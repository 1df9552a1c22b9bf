package dev.stalecheck.mmu;

import dev.stalecheck.util.Fingerprint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One cpu's TLB as an immutable value: a set of leaf entries kept in a canonical order (virtual address, ASID), so
 * equal contents are equal values whatever the order they were filled in.
 */
public final class TlbState {
    private static final TlbState EMPTY = new TlbState(List.of());
    private static final Comparator<TlbEntry> ORDER = Comparator.comparingLong(TlbEntry::vaBase)
            .thenComparingLong(TlbEntry::asid).thenComparing(TlbEntry::global).thenComparingLong(TlbEntry::size);

    private final List<TlbEntry> entries;
    private final long fingerprint;

    private TlbState(List<TlbEntry> entries) {
        this.entries = entries;
        long h = Fingerprint.SEED;
        for (TlbEntry e : entries) {
            h = Fingerprint.combine(h, e.fingerprint());
        }
        this.fingerprint = h;
    }

    /** An empty TLB. */
    public static TlbState empty() {
        return EMPTY;
    }

    /** The entries in canonical order. */
    public List<TlbEntry> entries() {
        return entries;
    }

    /** The first entry translating {@code va} for {@code asid} (host), or null. */
    public TlbEntry lookup(long va, long asid) {
        return lookup(va, asid, 0);
    }

    /** The first entry translating {@code va} for {@code asid} in VMID {@code vmid}, or null. */
    public TlbEntry lookup(long va, long asid, long vmid) {
        for (TlbEntry e : entries) {
            if (e.matches(va, asid, vmid)) {
                return e;
            }
        }
        return null;
    }

    /** Every entry translating {@code va} for {@code asid} in VMID {@code vmid}, in canonical order. */
    public List<TlbEntry> matching(long va, long asid, long vmid) {
        List<TlbEntry> out = new ArrayList<>(1);
        for (TlbEntry e : entries) {
            if (e.matches(va, asid, vmid)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every stage-2 entry translating {@code ipa} for VMID {@code vmid}, in canonical order. */
    public List<TlbEntry> matchingStage2(long ipa, long vmid) {
        List<TlbEntry> out = new ArrayList<>(1);
        for (TlbEntry e : entries) {
            if (e.matchesStage2(ipa, vmid)) {
                out.add(e);
            }
        }
        return out;
    }

    /** This TLB with {@code e} added (no-op if an equal entry is present). */
    public TlbState with(TlbEntry e) {
        if (entries.contains(e)) {
            return this;
        }
        List<TlbEntry> n = new ArrayList<>(entries);
        n.add(e);
        n.sort(ORDER);
        return new TlbState(List.copyOf(n));
    }

    /** This TLB without entry {@code index}. */
    public TlbState without(int index) {
        List<TlbEntry> n = new ArrayList<>(entries);
        n.remove(index);
        return new TlbState(List.copyOf(n));
    }

    /** This TLB without every entry {@code drop} selects. */
    public TlbState without(java.util.function.Predicate<TlbEntry> drop) {
        List<TlbEntry> n = new ArrayList<>();
        for (TlbEntry e : entries) {
            if (!drop.test(e)) {
                n.add(e);
            }
        }
        return n.size() == entries.size() ? this : new TlbState(List.copyOf(n));
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    /** 64-bit fingerprint. */
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlbState t && t.fingerprint == fingerprint && t.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }
}
