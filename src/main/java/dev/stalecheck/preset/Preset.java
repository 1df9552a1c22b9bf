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
    /** Cortex-A8 (ARMv7-A): no write-allocate in L1D, integrated L2 as PoU. */
    CORTEX_A8("cortex-a8", List.of(
            "L1D/L1I 32 KB, 4-way, 64-byte lines; L1D CCSIDR WA=0 (no write-allocate): Cortex-A8 TRM (DDI 0344I)"
                    + " 3.2.23, Table 3-42.",
            "L1I VIPT (CTR.L1Ip = 0b10): Cortex-A8 TRM 3.2.3, Table 3-6.",
            "L2 integrated, 8-way, up to 1 MB, 64-byte lines: Cortex-A8 TRM 8.2 'Cache organization'.",
            "Disabled caches are not accessed: Cortex-A8 TRM 7.2.3 'Cache disabled behavior'.",
            "LoUU = 1, LoC = 2 (PoU at L2, PoC beyond L2): Cortex-A8 TRM 3.2.21 'Cache Level ID Register'.",
            "Walker coherence with L1: no TRM statement found (QEMU models ID_MMFR3 coherent walk = 0), so 'any'.",
            "Invalidate of a dirty line: no TRM statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV7)
                    .cache(cache("l1i", 32, 4, 64, Indexing.VIPT, true))
                    .cache(cache("l1d", 32, 4, 64, Indexing.PIPT, false))
                    .cache(cache("l2", 256, 8, 64, Indexing.PIPT, true))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.NO).walker(WalkerStart.ANY)
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
            "Walker coherence with L1: sources disagree (Linux SMP kernels rely on it, QEMU's r0 model says no),"
                    + " so 'any'.",
            "Invalidate of a dirty line: no TRM statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV7)
                    .cache(cache("l1i", 32, 4, 32, Indexing.VIPT, true))
                    .cache(cache("l1d", 32, 4, 32, Indexing.PIPT, true))
                    .cache(new CacheLevelConfig("l2", new CacheGeometry(512 * 1024, 8, 32), Indexing.PIPT,
                            WritePolicy.WRITE_BACK, true, true, false, true))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.NO).walker(WalkerStart.ANY)
                    .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(32).page(4096);
        }
    },
    /** Cortex-A15: 2-way L1s, inclusive 16-way L2, coherent walks, hits with caches disabled. */
    CORTEX_A15("cortex-a15", List.of(
            "L1 caches use 64-byte lines: Cortex-A15 TRM (DDI 0438C) 6.3.6; 32 KB 2-way L1D/L1I, PIPT L1I"
                    + " (QEMU cortex_a15_initfn CCSIDR/CTR values).",
            "L2 512 KB to 4 MB, 16-way, 64-byte lines, PIPT: Cortex-A15 TRM (DDI 0438E) 'About the L2 memory system'.",
            "Write-back hints become read-write-allocate: Cortex-A15 TRM (DDI 0438G) 6.4.1, Table 6-1.",
            "Walks look up L1D when TTBR IRGN is write-back: Cortex-A15 TRM (DDI 0438D) 5.4.",
            "With SCTLR.C = 0, write-back requests still look up L1 and hit: Cortex-A15 TRM (DDI 0438G) 6.4.3.",
            "LoUU = 1, LoC = 2: QEMU cortex_a15_initfn CLIDR value.",
            "Invalidate of a dirty line: no TRM statement found, so 'any'.")) {
        @Override
        MachineConfig.Builder builder() {
            return new MachineConfig.Builder(word(), Architecture.ARMV7)
                    .cache(cache("l1i", 32, 2, 64, Indexing.PIPT, true))
                    .cache(cache("l1d", 32, 2, 64, Indexing.PIPT, true))
                    .cache(cache("l2", 1024, 16, 64, Indexing.PIPT, true))
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
            return new MachineConfig.Builder(word(), Architecture.ARMV8)
                    .cache(cache("l1i", 48, 3, 64, Indexing.PIPT, true))
                    .cache(cache("l1d", 32, 2, 64, Indexing.PIPT, true))
                    .cache(cache("l2", 2048, 16, 64, Indexing.PIPT, true))
                    .invalidateAll(InvalidatePolicy.ANY).disabledHits(DisabledHits.ANY).walker(WalkerStart.L1)
                    .pou(Point.level("l2")).poc(Point.MEMORY).tlb(32).word(64).page(4096);
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

    private static CacheLevelConfig cache(String name, int kilobytes, int ways, int line, Indexing indexing,
                                          boolean writeAllocate) {
        return new CacheLevelConfig(name, new CacheGeometry(kilobytes * 1024, ways, line), indexing,
                WritePolicy.WRITE_BACK, writeAllocate, !name.startsWith("l1"), false, false);
    }
}
