package dev.stalecheck.program;

import dev.stalecheck.util.Hex;

/**
 * One operation of a thread, with every address known statically (the program representation the model owns).
 *
 * <p>Addresses are virtual in the thread's context, physical for a device thread.
 */
public sealed interface Op {
    /** The operation as the scenario language writes it. */
    String describe();

    /** Data-cache maintenance by virtual address. */
    enum DcKind {
        /** Clean to PoC. */
        CVAC("dc cvac", true, false),
        /** Clean and invalidate to PoC. */
        CIVAC("dc civac", true, true),
        /** Invalidate to PoC. */
        IVAC("dc ivac", false, true),
        /** Clean to PoU. */
        CVAU("dc cvau", true, false),
        /** Clean to the point of persistence (treated as PoC). */
        CVAP("dc cvap", true, false),
        /** Zero the line. */
        ZVA("dc zva", false, false);

        private final String text;
        private final boolean cleans;
        private final boolean invalidates;

        DcKind(String text, boolean cleans, boolean invalidates) {
            this.text = text;
            this.cleans = cleans;
            this.invalidates = invalidates;
        }

        /** The mnemonic. */
        public String text() {
            return text;
        }

        /** Whether dirty lines are written back. */
        public boolean cleans() {
            return cleans;
        }

        /** Whether lines are dropped. */
        public boolean invalidates() {
            return invalidates;
        }
    }

    /** What a set/way or whole-level data-cache operation does to each line. */
    enum LineAction {
        /** Write back if dirty, keep. */
        CLEAN("csw", "call"),
        /** Write back if dirty, drop. */
        CLEAN_INVALIDATE("cisw", "ciall"),
        /** Drop (dirty lines as the level's invalidate policy says). */
        INVALIDATE("isw", "iall");

        private final String setWayText;
        private final String wholeLevelText;

        LineAction(String setWayText, String wholeLevelText) {
            this.setWayText = setWayText;
            this.wholeLevelText = wholeLevelText;
        }

        /** The set/way mnemonic suffix ({@code csw}). */
        public String setWayText() {
            return setWayText;
        }

        /** The whole-level mnemonic suffix ({@code call}). */
        public String wholeLevelText() {
            return wholeLevelText;
        }
    }

    /** Instruction-cache invalidates. */
    enum IcKind {
        /** By VA, every cpu. */
        IVAU("ic ivau"),
        /** All lines, this cpu. */
        IALLU("ic iallu"),
        /** All lines, every cpu. */
        IALLUIS("ic ialluis");

        private final String text;

        IcKind(String text) {
            this.text = text;
        }

        /** The mnemonic. */
        public String text() {
            return text;
        }
    }

    /** Maintenance of {@code outer} levels by physical address. */
    enum OuterKind {
        /** Clean the line. */
        CLEAN("outer clean"),
        /** Invalidate the line (with the level's invalidate policy). */
        INVALIDATE("outer inv"),
        /** Clean and invalidate the line. */
        FLUSH("outer flush"),
        /** Clean and invalidate every line. */
        FLUSH_ALL("outer flush-all");

        private final String text;

        OuterKind(String text) {
            this.text = text;
        }

        /** The operation's words. */
        public String text() {
            return text;
        }
    }

    /** The SCTLR bits a thread can change. */
    enum ControlBit {
        /** SCTLR.M. */
        MMU("mmu"),
        /** SCTLR.C. */
        CACHES("caches"),
        /** SCTLR.I. */
        ICACHE("icache");

        private final String word;

        ControlBit(String word) {
            this.word = word;
        }

        /** The language word. */
        public String word() {
            return word;
        }
    }

    /**
     * A data load of {@code width} bytes.
     *
     * @param register destination, or {@code null} to discard the value
     * @param address  the address
     * @param width    1, 2, 4 or 8 bytes
     */
    record Load(RegisterRef register, long address, int width) implements Op {
        @Override
        public String describe() {
            return (register == null ? "" : register.name() + " = ") + "load" + widthSuffix(width) + " [" + Hex.of(address) + "]";
        }
    }

    /**
     * A load that performs only when it reads {@code value}: a poll of a flag or doorbell.
     *
     * @param address the virtual (device: physical) address
     * @param width   bytes read
     * @param value   the value it waits for
     */
    record Wait(long address, int width, long value) implements Op {
        @Override
        public String describe() {
            return "wait" + (width == 8 ? "" : widthSuffix(width)) + " [" + Hex.of(address) + "] == " + Hex.of(value);
        }
    }

    /**
     * A data store of the low {@code width} bytes of {@code value}.
     *
     * @param address the address
     * @param width   1, 2, 4 or 8 bytes
     * @param value   the value, evaluated when the store runs
     */
    record Store(long address, int width, ValueExpr value) implements Op {
        @Override
        public String describe() {
            return "store" + widthSuffix(width) + " [" + Hex.of(address) + "] = " + value.describe();
        }
    }

    /**
     * An instruction fetch of 32 bits.
     *
     * @param register destination
     * @param address  the address
     */
    record Fetch(RegisterRef register, long address) implements Op {
        @Override
        public String describe() {
            return register.name() + " = fetch [" + Hex.of(address) + "]";
        }
    }

    /**
     * Data-cache maintenance by VA.
     *
     * @param kind    which operation
     * @param address the virtual address
     */
    record DataCacheByAddress(DcKind kind, long address) implements Op {
        @Override
        public String describe() {
            return kind.text() + " [" + Hex.of(address) + "]";
        }
    }

    /**
     * Data-cache maintenance of one line by set and way, issuing cpu only.
     *
     * @param action what to do to the line
     * @param level  the level's name
     * @param set    the set
     * @param way    the way
     */
    record DataCacheBySetWay(LineAction action, String level, int set, int way) implements Op {
        @Override
        public String describe() {
            return "dc " + action.setWayText() + " " + level + ", " + set + ", " + way;
        }
    }

    /**
     * Data-cache maintenance of every line of one level, issuing cpu only.
     *
     * @param action what to do to each line
     * @param level  the level's name
     */
    record DataCacheWholeLevel(LineAction action, String level) implements Op {
        @Override
        public String describe() {
            return "dc " + action.wholeLevelText() + " " + level;
        }
    }

    /**
     * Instruction-cache invalidate.
     *
     * @param kind    which operation
     * @param address the virtual address (for {@code ivau}; ignored otherwise)
     */
    record InstructionCacheOp(IcKind kind, long address) implements Op {
        @Override
        public String describe() {
            return kind == IcKind.IVAU ? kind.text() + " [" + Hex.of(address) + "]" : kind.text();
        }
    }

    /**
     * Maintenance of {@code outer} levels by physical address.
     *
     * @param kind            which operation
     * @param physicalAddress the address (ignored for flush-all)
     */
    record OuterCacheOp(OuterKind kind, long physicalAddress) implements Op {
        @Override
        public String describe() {
            return kind == OuterKind.FLUSH_ALL ? kind.text() : kind.text() + " [" + Hex.of(physicalAddress) + "]";
        }
    }

    /** What a TLB invalidate selects. */
    enum TlbiKind {
        /** Every entry. */
        ALL,
        /** Entries translating an address, for the issuing thread's ASID (and global ones). */
        VA,
        /** Non-global entries of one ASID. */
        ASID,
        /** Stage-2 entries for an IPA (this model caches only combined entries, so nothing). */
        IPA,
        /** Stage-1 and combined entries of a VMID. */
        VMALL,
        /** Every entry of a VMID, both stages. */
        VMALLS12
    }

    /**
     * A TLB invalidate on the issuing cpu, or on every cpu with {@code is}. Threads in a fixed space use no TLB.
     *
     * @param kind      what it selects
     * @param address   the virtual address ({@code VA})
     * @param asid      the ASID ({@code ASID}) or the VMID ({@code IPA}, {@code VMALL}, {@code VMALLS12})
     * @param broadcast whether every cpu's TLB is affected ({@code is})
     */
    record TlbInvalidate(TlbiKind kind, long address, long asid, boolean broadcast) implements Op {
        @Override
        public String describe() {
            String what = switch (kind) {
                case ALL -> "tlbi all";
                case VA -> "tlbi va [" + Hex.of(address) + "]";
                case ASID -> "tlbi asid " + asid;
                case IPA -> "tlbi ipa vmid " + asid + " [" + Hex.of(address) + "]";
                case VMALL -> "tlbi vmall vmid " + asid;
                case VMALLS12 -> "tlbi vmalls12 vmid " + asid;
            };
            return what + (broadcast ? " is" : "");
        }
    }

    /**
     * An SMMU TLB invalidation command and its CMD_SYNC, issued by a cpu.
     *
     * @param smmu    the SMMU
     * @param kind    which entries it drops
     * @param address the IOVA, for {@link SmmuTlbiKind#VA}
     */
    record SmmuTlbi(Smmu smmu, SmmuTlbiKind kind, long address) implements Op {
        @Override
        public String describe() {
            return "smmu tlbi " + smmu.name() + (kind == SmmuTlbiKind.VA ? " va [" + Hex.of(address) + "]"
                    : " " + kind.word());
        }
    }

    /** What an {@code smmu tlbi} drops, as the SMMUv3 command CMD_TLBI_NH_ followed by its name does. */
    enum SmmuTlbiKind {
        /** CMD_TLBI_NH_VA: the entries translating the IOVA for the table's ASID, and global ones. */
        VA,
        /** CMD_TLBI_NH_ASID: the non-global entries of the table's ASID. */
        ASID,
        /** CMD_TLBI_NH_ALL: every entry. */
        ALL;

        /** The word in the language: {@code va}, {@code asid}, {@code all}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The SMMUv3 command's name. */
        public String command() {
            return "CMD_TLBI_NH_" + name();
        }
    }

    /**
     * A barrier: shown in traces, changes nothing in this model.
     *
     * @param text the operation as written
     */
    record Barrier(String text) implements Op {
        @Override
        public String describe() {
            return text;
        }
    }

    /**
     * Turns one of the thread's SCTLR bits on or off.
     *
     * @param bit which bit
     * @param on  the new value
     */
    record ControlChange(ControlBit bit, boolean on) implements Op {
        @Override
        public String describe() {
            return bit.word() + (on ? " on" : " off");
        }
    }

    /**
     * What a load would translate {@code address} to now, or {@code fault}.
     *
     * @param register destination
     * @param address  the virtual address
     */
    record Translate(RegisterRef register, long address) implements Op {
        @Override
        public String describe() {
            return register.name() + " = translate [" + Hex.of(address) + "]";
        }
    }

    /** The virtual (device: physical) address an operation names, or null if it names none. */
    static Long addressOf(Op op) {
        if (op instanceof Load l) {
            return l.address();
        } else if (op instanceof Store s) {
            return s.address();
        } else if (op instanceof Wait w) {
            return w.address();
        } else if (op instanceof Fetch f) {
            return f.address();
        } else if (op instanceof DataCacheByAddress d) {
            return d.address();
        } else if (op instanceof InstructionCacheOp i && i.kind() == IcKind.IVAU) {
            return i.address();
        } else if (op instanceof OuterCacheOp o && o.kind() != OuterKind.FLUSH_ALL) {
            return o.physicalAddress();
        } else if (op instanceof Translate t) {
            return t.address();
        }
        return null;
    }

    /** The language's width suffix for an access of {@code width} bytes. */
    static String widthSuffix(int width) {
        return switch (width) {
            case 1 -> ".b";
            case 2 -> ".h";
            case 4 -> ".w";
            default -> ".d";
        };
    }
}
