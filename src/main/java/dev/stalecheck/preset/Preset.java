package dev.stalecheck.preset;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.DisabledHits;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.config.WritePolicy;
import java.util.List;
import java.util.Optional;

/**
 * The built-in machines. Each figure's public source is listed in {@link #sources()} and in docs/presets.md;
 * where no public source says what a core does, the preset uses {@code any} and says so.
 */
public enum Preset {
    /** The architecture itself: every implementation-defined choice is {@code any}. */
    GENERIC("generic", List.of(
            "Defined by the scenario-language contract: every implementation-defined choice is 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV8)
                    .cache(cache("l1i", 32, 4, 64, Indexing.PIPT, true))
                    .cache(cache("l1d", 32, 4, 64, Indexing.PIPT, true))
                    .cache(cache("l2", 256, 8, 64, Indexing.PIPT, true))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.ANY).walker(WalkerStart.ANY)
                    .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(64).page(4096);
        }
    },
    /** ARM1136JF-S (ARMv6): VIPT caches that alias at 32 KB, read-allocate only, walks that skip L1. */
    ARM1136("arm1136", List.of(
            "L1 4-way, 32-byte lines, VIPT; page colouring when a way exceeds 4 KB: ARM1136JF-S TRM (DDI 0211) 6.11.3"
                    + " 'Restrictions on page table mappings (page coloring)'.",
            "No integrated L2: ARM1136JF-S TRM (DDI 0211I) 'About the level one memory system'.",
            "Read-allocate only (no allocate on write): ARM1176JZF-S TRM (DDI 0301H) 7.2.1, the same ARM11 L1 design.",
            "Walks do not read the L1 D-cache: ARM1136JF-S TRM 6.11 'Hardware page table translation';"
                    + " Linux sets TLB_DCLEAN for v6 (arch/arm/include/asm/tlbflush.h).",
            "Disabled caches are not looked up: ARM1176JZF-S TRM 7.2.5 'Cache disabled behavior' (sibling core).",
            "Invalidate of a dirty line: no ARM1136 statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV6)
                    .cache(cache("l1i", 32, 4, 32, Indexing.VIPT, true))
                    .cache(cache("l1d", 32, 4, 32, Indexing.VIPT, false))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.NO).walker(WalkerStart.MEMORY)
                    .pou(Point.MEMORY).poc(Point.MEMORY).tlb(32).word(32).page(4096);
        }
    },
    /** Cortex-A8 (ARMv7-A): no write-allocate in L1D, integrated L2 as PoU, walks that start at L2. */
    CORTEX_A8("cortex-a8", List.of(
            "L1D/L1I 32 KB, 4-way, 64-byte lines; L1D CCSIDR WA=0 (no write-allocate): Cortex-A8 TRM (DDI 0344I)"
                    + " 3.2.23, Table 3-42.",
            "L1I VIPT (CTR.L1Ip = 0b10): Cortex-A8 TRM 3.2.3, Table 3-6.",
            "L2 integrated, 8-way, up to 1 MB, 64-byte lines: Cortex-A8 TRM 8.2 'Cache organization'.",
            "Disabled caches are not accessed: Cortex-A8 TRM 7.2.3 'Cache disabled behavior'.",
            "LoUU = 1, LoC = 2 (PoU at L2, PoC beyond L2): Cortex-A8 TRM 3.2.21 'Cache Level ID Register'.",
            "Walks cannot read the L1 cache (inner write-back tables must be cleaned, or be inner write-through):"
                    + " Cortex-A8 TRM (DDI 0344) 3.2.31 'c2, Translation Table Base Register 0', Note; walks start at"
                    + " the integrated L2, which Linux's uniprocessor flush_pmd_entry (clean to L2) relies on.",
            "Invalidate of a dirty line: no TRM statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV7)
                    .cache(cache("l1i", 32, 4, 64, Indexing.VIPT, true))
                    .cache(cache("l1d", 32, 4, 64, Indexing.PIPT, false))
                    .cache(cache("l2", 256, 8, 64, Indexing.PIPT, true))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.NO)
                    .walker(new WalkerStart.From(Point.level("l2")))
                    .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(32).page(4096);
        }
    },
    /** Cortex-A9 with a PL310-style outer L2 maintained by physical address. */
    CORTEX_A9("cortex-a9", List.of(
            "L1D 32 KB, 4-way, 32-byte lines, PIPT; L1I VIPT: Cortex-A9 TRM (DDI 0388I) 7.1 and 3.9, Table 3-2.",
            "L1D write-allocate (CCSIDR WA=1): Cortex-A9 TRM 4.3.5.",
            "Disabled L1D: accesses are non-cacheable without lookup: Cortex-A9 TRM 7.4.3.",
            "CLIDR LoU = LoC = 1 (only L1 is architecturally visible): Cortex-A9 TRM 4.3.6, Table 4-33.",
            "Outer L2C-310 (PL310): 32-byte lines, 8 or 16 ways, maintained by physical address through its own"
                    + " registers: PL310 TRM (DDI 0246A) 3.3.9, Table 3-14; Linux outer_*_range (asm/outercache.h).",
            "Walks look up L1D when the TTBR inner attribute (IRGN) is write-back: Cortex-A9 TRM (DDI 0388I) 6.3"
                    + " 'Memory access sequence'; Linux's v7 TTB flags set inner and outer write-back (TTB_FLAGS_UP,"
                    + " TTB_FLAGS_SMP in arch/arm/mm/proc-v7-2level.S), so walks read L1D, then the PL310, then RAM.",
            "Write-through pages are treated as Non-cacheable by the L1D (wt-bypass on l1d; the PL310 still sees the"
                    + " outer attribute): Cortex-A9 TRM (DDI 0388I) 7.4.3.",
            "Invalidate of a dirty line: no TRM statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV7)
                    .cache(cache("l1i", 32, 4, 32, Indexing.VIPT, true))
                    .cache(cache("l1d", 32, 4, 32, Indexing.PIPT, true).bypassingWriteThrough())
                    .cache(new CacheLevelConfig("l2", new CacheGeometry(512 * 1024, 8, 32), Indexing.PIPT,
                            WritePolicy.WRITE_BACK, true, true, false, true))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.NO).walker(WalkerStart.L1)
                    .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(32).page(4096);
        }
    },
    /** Cortex-A15: 2-way L1s, inclusive 16-way L2, coherent walks, hits with caches disabled. */
    CORTEX_A15("cortex-a15", List.of(
            "L1 caches use 64-byte lines: Cortex-A15 TRM (DDI 0438C) 6.3.6; 32 KB 2-way L1D/L1I, PIPT L1I"
                    + " (QEMU cortex_a15_initfn CCSIDR/CTR values).",
            "L2 512 KB to 4 MB, 16-way, 64-byte lines, PIPT, inclusive of every L1D (inclusive: an L2 eviction"
                    + " back-invalidates the L1D copies): Cortex-A15 TRM (DDI 0438E) 'About the L2 memory system'.",
            "Write-back hints become read-write-allocate: Cortex-A15 TRM (DDI 0438G) 6.4.1, Table 6-1.",
            "Walks look up L1D when TTBR IRGN is write-back: Cortex-A15 TRM (DDI 0438D) 5.4.",
            "With SCTLR.C = 0, write-back requests still look up L1 and hit: Cortex-A15 TRM (DDI 0438G) 6.4.3.",
            "LoUU = 1, LoC = 2: QEMU cortex_a15_initfn CLIDR value.",
            "Write-through pages are neither looked up nor allocated in L1D or L2 (wt-bypass on both): Cortex-A15"
                    + " TRM (DDI 0438) 6.4.1, Table 6-1.",
            "Invalidate of a dirty line: 'any'. Its write-back branch is what U-Boot commit d702b081 reports for the"
                    + " A15 (invalidate of the whole D-cache writes dirty lines back); by VA no Arm statement found.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV7)
                    .cache(cache("l1i", 32, 2, 64, Indexing.PIPT, true))
                    .cache(cache("l1d", 32, 2, 64, Indexing.PIPT, true).bypassingWriteThrough())
                    .cache(cache("l2", 1024, 16, 64, Indexing.PIPT, true).bypassingWriteThrough().includingL1d())
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.YES).walker(WalkerStart.L1)
                    .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(32).page(4096);
        }
    },
    /** Cortex-A57 (ARMv8-A): 48 KB 3-way L1I, coherent walks. */
    CORTEX_A57("cortex-a57", List.of(
            "L1D 32 KB 2-way, L1I 48 KB 3-way, 64-byte lines, PIPT: QEMU cortex_a57 CCSIDR/CTR values"
                    + " (Arm's A57 TRM text not retrieved).",
            "L2 512 KB to 2 MB, 16-way, 64-byte lines (secondary summary of Arm data).",
            "Write-back hints become read-write-allocate: Cortex-A57 TRM (DDI 0488D) 6.4.1, Table 6-1.",
            "CLIDR_EL1 LoUU = 1: Cortex-A57 TRM (DDI 0488F); LoC = 2: QEMU value.",
            "Coherent walks: QEMU ID_MMFR3 coherent walk = 1; Linux arm64 never cleans page-table entries.",
            "Disabled-cache hits: no A57 statement found (the Cortex-A53 TRM says no lookup), so 'any'.",
            "Invalidate of a dirty line: no A57 statement found (siblings A32/A76 clean first), so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return armv8(word(), cache("l1i", 48, 3, 64, Indexing.PIPT, true),
                    cache("l1d", 32, 2, 64, Indexing.PIPT, true),
                    cache("l2", 2048, 16, 64, Indexing.PIPT, true),
                    InvalidatePolicy.ANY, DisabledHits.ANY);
        }
    },
    /** Cortex-A53 (ARMv8.0-A): aliasing 2-way VIPT L1I, invalidates that clean a dirty line first. */
    CORTEX_A53("cortex-a53", List.of(
            "L1I 2-way, L1D 4-way: Cortex-A53 TRM (DDI 0500D) 6.7.2 and 6.7.1; 32 KB each, 64-byte lines: QEMU"
                    + " aarch64_a53_initfn CCSIDR values (target/arm/cpu64.c at 00a8c5bb).",
            "L1I VIPT (CTR_EL0 0x84448004, L1Ip = VIPT): QEMU aarch64_a53_initfn; a 16 KB way over 4 KB pages"
                    + " gives 4 colours.",
            "L2 128 KB to 2 MB, 16-way, 64-byte lines, PIPT, shared by the cluster: Cortex-A53 TRM (DDI 0500J) 7.1"
                    + " 'About the L2 memory system'; 1 MB: QEMU aarch64_a53_initfn CCSIDR.",
            "Non-cacheable accesses (SCTLR.C = 0) never look up the caches: Cortex-A53 TRM (DDI 0500D) 6.2.",
            "CLIDR 0x0a200023 (LoUU = 1, LoC = 2): PoU at L2, PoC beyond L2: QEMU aarch64_a53_initfn.",
            "Coherent walks (ID_MMFR3.CohWalk = 1): QEMU aarch64_a53_initfn ID_MMFR3 0x02102211.",
            "DC IVAC cleans a dirty line first and DC ISW cleans too: Cortex-A53 TRM 6.2.4 'Data cache maintenance"
                    + " considerations' as paraphrased by AMD/Xilinx UG643 (Xil_DCacheInvalidate) and by the sibling"
                    + " Cortex-A32 TRM (100241) A5.5 (the A53 TRM body itself not read).")) {
        @Override
        MachineConfig.Builder builder() {
            return armv8(word(), cache("l1i", 32, 2, 64, Indexing.VIPT, true),
                    cache("l1d", 32, 4, 64, Indexing.PIPT, true),
                    cache("l2", 1024, 16, 64, Indexing.PIPT, true),
                    InvalidatePolicy.CLEAN, DisabledHits.NO);
        }
    },
    /** Cortex-A55 (ARMv8.2-A, DynamIQ): 4-way caches, a private L2 modelled as shared. */
    CORTEX_A55("cortex-a55", List.of(
            "L1I and L1D 16 to 64 KB, 4-way, 64-byte lines: Cortex-A55 TRM (100442_0200) A6.1 'About the L1"
                    + " memory system'; the preset takes 32 KB.",
            "L1I VIPT (CTR_EL0 0x84448004, L1Ip = VIPT): QEMU aarch64_a55_initfn (target/arm/tcg/cpu64.c at"
                    + " 00936783); an 8 KB way over 4 KB pages gives 2 colours.",
            "L2 optional, private per core, 64 to 256 KB, 4-way, 64-byte lines: Cortex-A55 TRM A7.1 'About the L2"
                    + " memory system'; the preset takes 256 KB and models it shared so that 'cpus N' works.",
            "Walks read the data cache when the walk attributes are inner and outer write-back: Cortex-A55 TRM"
                    + " A5.5.1; ID_MMFR3.CohWalk = 1: QEMU aarch64_a55_initfn.",
            "CLIDR 0x82000023 (LoUU = LoUIS = 0, LoC = 2): QEMU aarch64_a55_initfn; PoU l2 is the model's"
                    + " innermost choice (LoUU = 0 is not modelled), PoC beyond L2.",
            "Disabled-cache hits: no A55 statement found, so 'any'.",
            "Invalidate of a dirty line: no A55 statement found, so 'any'.",
            "Only memory that is Inner and Outer Write-Back is cached in L1D and L2, all other types are"
                    + " Non-cacheable (wt-bypass on both): Cortex-A55 TRM (100442_0100) 'Support for memory types'.")) {
        @Override
        MachineConfig.Builder builder() {
            return armv8(word(), cache("l1i", 32, 4, 64, Indexing.VIPT, true),
                    cache("l1d", 32, 4, 64, Indexing.PIPT, true).bypassingWriteThrough(),
                    cache("l2", 256, 4, 64, Indexing.PIPT, true).bypassingWriteThrough(),
                    InvalidatePolicy.ANY, DisabledHits.ANY);
        }
    },
    /** Cortex-A72 (ARMv8.0-A): 48 KB 3-way L1I, 2-way L1D, shared L2 inclusive of L1D. */
    CORTEX_A72("cortex-a72", List.of(
            "L1I 48 KB, 3-way, 64-byte lines: Cortex-A72 TRM (100095_0002_03) 2.1.1 'Components of the processor';"
                    + " PIPT (CTR_EL0 0x8444c004): QEMU aarch64_a72_initfn (target/arm/tcg/cpu64.c at 00936783).",
            "L1D 32 KB, 2-way, 64-byte lines: QEMU's raw A72 CCSIDR 0x701fe00a (256 sets x 2 ways x 64 B) and"
                    + " Wikipedia 'ARM Cortex-A72' (the TRM sentence not read; newer QEMU says 4-way).",
            "L2 512 KB to 4 MB, 16-way, 64-byte lines, PIPT, shared by the cluster, inclusive of every L1D"
                    + " (inclusive): Cortex-A72 TRM (100095_0002) 'About the L2 memory system' and 'Strictly-enforced"
                    + " inclusion property with L1 data caches'; the preset takes 1 MB.",
            "Walks with IRGN write-back look up L2 (TRM 100095_0003 'Memory access sequence'), which includes and"
                    + " tracks L1D, and ID_MMFR3.CohWalk = 1 (QEMU): coherent with L1D, so 'walker l1'.",
            "CLIDR 0x0a200023 (LoUU = 1, LoC = 2): PoU at L2, PoC beyond L2: QEMU aarch64_a72_initfn.",
            "Disabled-cache hits: no A72 statement found, so 'any'.",
            "Invalidate of a dirty line: no A72 statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return armv8(word(), cache("l1i", 48, 3, 64, Indexing.PIPT, true),
                    cache("l1d", 32, 2, 64, Indexing.PIPT, true),
                    cache("l2", 1024, 16, 64, Indexing.PIPT, true).includingL1d(),
                    InvalidatePolicy.ANY, DisabledHits.ANY);
        }
    },
    /** Cortex-A76 (ARMv8.2-A, DynamIQ): 64 KB L1s, DC IVAC executed as DC CIVAC. */
    CORTEX_A76("cortex-a76", List.of(
            "L1I 64 KB, 4-way, 64-byte lines, behaves as PIPT: Cortex-A76 TRM (100798_0300_00_en) A6.1.1;"
                    + " CTR_EL0.L1Ip = PIPT: TRM B2.33.",
            "L1D 64 KB, 4-way, 64-byte lines, behaves as PIPT, allocates on read and write misses: Cortex-A76 TRM"
                    + " A6.1.2, A6.4.",
            "L2 private per core, 512 KB, 8-way, 64-byte lines: QEMU aarch64_a76_initfn CCSIDR"
                    + " (target/arm/tcg/cpu64.c at 00936783); modelled shared so that 'cpus N' works.",
            "DC IVAC is executed as DC CIVAC and DC ISW cleans and invalidates: Cortex-A76 TRM A6.2.4 'Data cache"
                    + " maintenance considerations'. Hence 'invalidate clean' at every level.",
            "Walks read the data cache when IRGN and ORGN are both write-back: Cortex-A76 TRM A5.5.1;"
                    + " ID_MMFR3.CohWalk = 1: TRM B2.75.",
            "CLIDR LoUU = LoUIS = 0, LoC = 2 without a DSU L3: Cortex-A76 TRM B2.19; PoU l2 is the model's"
                    + " innermost choice (LoUU = 0 is not modelled), PoC beyond L2.",
            "Disabled data-cache hits: no A76 statement found (A6.2.1 covers the I-cache only), so 'any'.",
            "Inner Write-Through memory is downgraded to Non-cacheable; only Inner and Outer Write-Back memory is"
                    + " cached in L1D and L2 (wt-bypass on both): Cortex-A76 TRM A7.3 'Support for memory types'.")) {
        @Override
        MachineConfig.Builder builder() {
            return armv8(word(), cache("l1i", 64, 4, 64, Indexing.PIPT, true),
                    cache("l1d", 64, 4, 64, Indexing.PIPT, true).bypassingWriteThrough(),
                    cache("l2", 512, 8, 64, Indexing.PIPT, true).bypassingWriteThrough(),
                    InvalidatePolicy.CLEAN, DisabledHits.ANY);
        }
    },
    /** Neoverse-N1 (ARMv8.2-A): the A76's infrastructure sibling, 1 MB private L2 modelled as shared. */
    NEOVERSE_N1("neoverse-n1", List.of(
            "L1I and L1D 64 KB, 4-way, 64-byte lines, PIPT (CTR_EL0 0x8444c004): QEMU aarch64_neoverse_n1_initfn"
                    + " (target/arm/tcg/cpu64.c at 00936783); the Neoverse-N1 TRM (100616) not read.",
            "L2 private per core, 1 MB, 8-way, 64-byte lines: QEMU aarch64_neoverse_n1_initfn CCSIDR;"
                    + " learn.arm.com (Graviton2: 1 MB private L2 per core); modelled shared so that 'cpus N' works.",
            "CLIDR 0x82000023 (LoUU = LoUIS = 0, LoC = 2): QEMU aarch64_neoverse_n1_initfn; PoU l2 is the model's"
                    + " innermost choice (LoUU = 0 is not modelled), PoC beyond L2.",
            "ID_MMFR3.CohWalk = 1: QEMU aarch64_neoverse_n1_initfn. Hence 'walker l1'.",
            "Disabled-cache hits: no N1 statement found, so 'any'.",
            "Invalidate of a dirty line: no N1 statement found (its sibling, the Cortex-A76, cleans), so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return armv8(word(), cache("l1i", 64, 4, 64, Indexing.PIPT, true),
                    cache("l1d", 64, 4, 64, Indexing.PIPT, true),
                    cache("l2", 1024, 8, 64, Indexing.PIPT, true),
                    InvalidatePolicy.ANY, DisabledHits.ANY);
        }
    };

    private final String word;
    private final List<String> sources;

    Preset(String word, List<String> sources) {
        this.word = word;
        this.sources = sources;
    }

    abstract MachineConfig.Builder builder();

    /** The preset's name in the scenario language. */
    public String word() {
        return word;
    }

    /** The public source of each figure, one sentence each. */
    public List<String> sources() {
        return sources;
    }

    /** The preset's machine, unchanged. */
    public MachineConfig config() {
        return builder().build();
    }

    /** A builder starting from the preset, for applying a machine block's overrides. */
    public MachineConfig.Builder toBuilder() {
        return builder();
    }

    /** The preset a name denotes. */
    public static Optional<Preset> byName(String name) {
        for (Preset p : values()) {
            if (p.word.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The preset a name denotes; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
    public static Preset named(String name) {
        return byName(name).orElseThrow(() ->
                new IllegalArgumentException("unknown preset '" + name + "' (known: " + names() + ")"));
    }

    /** The names of every preset, for error messages. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (Preset p : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(p.word);
        }
        return b.toString();
    }

    /**
     * An ARMv8 core with coherent walks ({@code walker l1}), the L2 as PoU and memory as PoC: what every ARMv8 preset
     * shares (the model's {@code tlb 32}, {@code word 64}, {@code page 4K}).
     */
    private static MachineConfig.Builder armv8(String name, CacheLevelConfig l1i, CacheLevelConfig l1d,
                                               CacheLevelConfig l2, InvalidatePolicy invalidate, DisabledHits hits) {
        return new MachineConfig.Builder(name, Architecture.ARMV8).cache(l1i).cache(l1d).cache(l2)
                .invalidateAll(invalidate).disabledHits(hits).walker(WalkerStart.L1)
                .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(64).page(4096);
    }

    private static CacheLevelConfig cache(String name, int kilobytes, int ways, int line, Indexing indexing,
                                          boolean writeAllocate) {
        return new CacheLevelConfig(name, new CacheGeometry(kilobytes * 1024, ways, line), indexing,
                WritePolicy.WRITE_BACK, writeAllocate, !name.startsWith("l1"), false, false);
    }
}
