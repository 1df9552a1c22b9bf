package dev.stalecheck.machine;

import dev.stalecheck.util.Hex;

/** One thing a step did, recorded so that reports can explain it and viewers can redraw every cache. */
public sealed interface Effect {
    /** The effect in words. */
    String describe();

    /** What happened to a cache line. */
    enum LineAction {
        /** Allocated with data read from an outer level or RAM (or another cpu's cache). */
        FILLED("filled"),
        /** Written by a store (or zeroed by {@code dc zva}). */
        WRITTEN("written"),
        /** Written back and kept clean. */
        CLEANED("cleaned"),
        /** Received a write-back from an inner level (now dirty). */
        RECEIVED_WRITE_BACK("received write-back into"),
        /** Dropped by maintenance; it was clean, or it was written back first. */
        INVALIDATED("invalidated"),
        /** Dropped by maintenance while dirty, without being written back: its data is lost. */
        DISCARDED("discarded dirty"),
        /** Evicted (written back first if it was dirty), spontaneously or as a fill's victim. */
        EVICTED("evicted"),
        /** Removed because another agent took ownership of the line (coherence). */
        SNOOPED("removed by coherence"),
        /** Removed from an L1 data cache because its line left an inclusive level (a dirty copy's bytes went with it). */
        BACK_INVALIDATED("back-invalidated");

        private final String words;

        LineAction(String words) {
            this.words = words;
        }

        /** The action in words. */
        public String words() {
            return words;
        }
    }

    /**
     * A change to one cache line.
     *
     * @param action          what happened
     * @param cache           cache instance id
     * @param cacheName       cache instance name ({@code cpu0.l1d})
     * @param cpu             owning cpu, or -1 for a shared cache
     * @param set             the set
     * @param way             the way
     * @param colour          the colour of the set (0 unless aliasing VIPT)
     * @param physicalAddress the physical line
     * @param before          the line before, or {@code null} if the way was invalid
     * @param after           the line after, or {@code null} if the way is now invalid
     */
    record LineChange(LineAction action, int cache, String cacheName, int cpu, int set, int way, int colour,
                      long physicalAddress, LineImage before, LineImage after) implements Effect {
        @Override
        public String describe() {
            StringBuilder b = new StringBuilder(action.words()).append(" line ").append(cacheName)
                    .append(" set ").append(set).append(" way ").append(way);
            if (colour != 0) {
                b.append(" colour ").append(colour);
            }
            b.append(" (PA ").append(Hex.of(physicalAddress)).append(")");
            if (before != null && after != null) {
                b.append(": ").append(before).append(" -> ").append(after);
            } else if (after != null) {
                b.append(": ").append(after);
            } else if (before != null) {
                b.append(": was ").append(before);
            }
            return b.toString();
        }
    }

    /**
     * An 8-byte word of RAM changed.
     *
     * @param physicalAddress the word's address (8-byte aligned)
     * @param before          the old contents
     * @param after           the new contents
     */
    record RamWrite(long physicalAddress, long before, long after) implements Effect {
        @Override
        public String describe() {
            return "RAM " + Hex.of(physicalAddress) + ": " + Hex.padded(before, 16) + " -> " + Hex.padded(after, 16);
        }
    }

    /**
     * A load or fetch read a value.
     *
     * @param physicalAddress where
     * @param width           bytes read
     * @param value           the value
     * @param source          where it came from ({@code RAM}, a cache instance name)
     */
    record Read(long physicalAddress, int width, long value, String source) implements Effect {
        @Override
        public String describe() {
            return "read " + Hex.of(value) + " from " + source + " (PA " + Hex.of(physicalAddress) + ")";
        }
    }

    /**
     * A hazard the step revealed.
     *
     * @param kind            which hazard
     * @param where           the cache instance or agent it concerns
     * @param physicalAddress the physical line (a virtual address for {@code maintenance-fault} and
     *                        {@code tlb-conflict})
     * @param detail          what happened, in words
     */
    record Hazard(HazardKind kind, String where, long physicalAddress, String detail) implements Effect {
        @Override
        public String describe() {
            boolean virtual = kind == HazardKind.MAINTENANCE_FAULT || kind == HazardKind.TLB_CONFLICT;
            return "hazard " + kind.word() + " at " + where + (virtual ? " (VA " : " (PA ") + Hex.of(physicalAddress)
                    + "): " + detail;
        }
    }

    /**
     * A TLB entry filled or dropped.
     *
     * @param action {@code filled} or {@code dropped}
     * @param cpu    whose TLB: a cpu's number, or past the cpus an SMMU's TLB
     * @param entry  the entry in words
     * @param owner  whose TLB in words: {@code cpu0}, or an SMMU's name
     */
    record TlbChange(String action, int cpu, String entry, String owner) implements Effect {
        /** A change of cpu {@code cpu}'s TLB. */
        public TlbChange(String action, int cpu, String entry) {
            this(action, cpu, entry, "cpu" + cpu);
        }

        @Override
        public String describe() {
            return "TLB " + owner + " " + action + ": " + entry;
        }
    }

    /**
     * Something worth saying that changes no state (a barrier, a store of {@code fault}, a translation).
     *
     * @param text the note
     */
    record Note(String text) implements Effect {
        @Override
        public String describe() {
            return text;
        }
    }
}
