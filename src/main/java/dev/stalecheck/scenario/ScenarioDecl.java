package dev.stalecheck.scenario;

import dev.stalecheck.config.Point;
import dev.stalecheck.machine.ExploreOption;
import dev.stalecheck.machine.Ordering;
import dev.stalecheck.program.ConditionKind;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.WalkAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a scenario file and its includes declare, as parsed (before lowering). */
final class ScenarioDecl {
    String name;
    String doc = "";
    SourcePosition namePosition;
    MachineDecl machine;
    final List<RamDecl> rams = new ArrayList<>();
    final List<CachedDecl> cached = new ArrayList<>();
    final Map<String, SpaceDecl> spaces = new LinkedHashMap<>();
    final Map<String, PageTableDecl> tables = new LinkedHashMap<>();
    final Map<String, MacroDecl> macros = new LinkedHashMap<>();
    final Map<String, DeviceDecl> devices = new LinkedHashMap<>();
    final Map<String, SmmuDecl> smmus = new LinkedHashMap<>();
    final List<ThreadDecl> threads = new ArrayList<>();
    final List<ConditionDecl> conditions = new ArrayList<>();
    final List<Expr> shows = new ArrayList<>();
    final List<ExploreDecl> explore = new ArrayList<>();
    /** The {@code ordering} the explore block names (sc when none). */
    Ordering ordering = Ordering.SC;
    /** Where the ordering was named, or null. */
    SourcePosition orderingPos;

    /** {@code machine PRESET { overrides }}. */
    record MachineDecl(String preset, List<Override> overrides, SourcePosition pos) {
    }

    /** One machine-block line: its words (glued) and numbers, with positions. */
    record Override(String keyword, List<Token> args, SourcePosition pos) {
    }

    /** {@code ram ADDR = VALUE [size N]}. */
    record RamDecl(Expr address, Expr value, Expr size, SourcePosition pos) {
    }

    /** {@code cached CPU.LEVEL [PA] = VALUE clean|dirty [colour C]} (cpu null for a shared level). */
    record CachedDecl(String cpu, String level, Expr address, Expr value, boolean dirty, Expr colour, SourcePosition pos) {
    }

    /** {@code space NAME { VA -> PA size N ATTR ... }}. */
    record SpaceDecl(String name, List<MappingDecl> mappings, SourcePosition pos) {
    }

    /** One mapping line of a space. */
    record MappingDecl(Expr va, Expr pa, Expr size, List<String> attributes, SourcePosition pos) {
    }

    /** {@code pagetable NAME format FMT at PA [asid N] [walk ATTR] { map ... }}. */
    record PageTableDecl(String name, TableFormat format, SourcePosition formatPos, Expr at, Expr asid, Expr high,
                         boolean stage2, boolean fwb, Expr vmid, String via, SourcePosition viaPos,
                         WalkAttributes walk, List<MapDecl> maps, SourcePosition pos) {
    }

    /** {@code map VA -> OA size N KIND ATTR... [global] [ro] [table PA, ...]}. */
    record MapDecl(Expr va, Expr oa, Expr size, DescriptorKind kind, List<String> attributes, List<Expr> tables,
                   SourcePosition pos) {
    }

    /** {@code macro NAME(p1, p2) { ops }}. */
    record MacroDecl(String name, List<String> parameters, List<Stmt> body, String file, SourcePosition pos) {
    }

    /**
     * {@code device NAME at LEVEL} or {@code device NAME coherent [allocate LEVEL]}, then {@code [via SMMU]} (via null
     * without).
     */
    record DeviceDecl(String name, Point level, SourcePosition levelPos, boolean coherent, String via,
                      SourcePosition viaPos, SourcePosition pos) {
    }

    /** {@code smmu NAME table PT [tlb N] [coherent]} (tlb null when not given). */
    record SmmuDecl(String name, String table, SourcePosition tablePos, Expr tlb, boolean coherent, SourcePosition pos) {
    }

    /** {@code thread NAME on AGENT [in SPACE] [after T1, T2] { ops }}. */
    record ThreadDecl(String name, String agent, SourcePosition agentPos, String space, SourcePosition spacePos,
                      List<String> after, List<SourcePosition> afterPos, List<Stmt> body, SourcePosition pos) {
    }

    /** {@code expect|forall|exists|~exists COND}, with its source text. */
    record ConditionDecl(ConditionKind kind, Expr condition, String text, SourcePosition pos) {
    }

    /** One {@code explore} option: a kind and on/off. */
    record ExploreDecl(ExploreOption option, boolean on, SourcePosition pos) {
    }
}
