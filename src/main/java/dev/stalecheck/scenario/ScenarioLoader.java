package dev.stalecheck.scenario;

import dev.stalecheck.config.Architecture;
import dev.stalecheck.config.ConfigException;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.machine.ExploreOptions;
import dev.stalecheck.machine.Ordering;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Mapping;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ProgramException;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.Smmu;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.WalkAttributes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario file and lowers it to the model's program representation. Every input error is a
 * {@link ScenarioException} with the file, line and column.
 */
public final class ScenarioLoader {
    /** Most threads a scenario may have. */
    static final int MAX_THREADS = 64;
    /** Largest {@code ram ... size N} fill. */
    static final long MAX_RAM_FILL = 16L << 20;
    private static final Pattern CPU = Pattern.compile("cpu(\\d+)");

    private ScenarioLoader() {
    }

    /** Loads {@code file}; {@code shownName} is how errors name it. */
    public static Scenario load(Path file, String shownName) {
        ScenarioDecl decl = new ScenarioParser().parse(file, shownName);
        return lower(decl, shownName);
    }

    /**
     * Loads {@code file} to run or check it: as {@link #load}, and a scenario without a thread, or without any
     * condition or {@code show}, is an input error at its {@code scenario} line (it would pass silently).
     */
    public static Scenario loadToCheck(Path file, String shownName) {
        ScenarioDecl decl = new ScenarioParser().parse(file, shownName);
        Scenario scenario = lower(decl, shownName);
        if (decl.threads.isEmpty()) {
            throw new ScenarioException(decl.namePosition, "the scenario has no thread: nothing runs, so there is"
                    + " nothing to check (add a 'thread NAME on cpu0 { ... }')");
        }
        if (decl.conditions.isEmpty() && decl.shows.isEmpty()) {
            throw new ScenarioException(decl.namePosition, "the scenario has no expect, forall, exists, ~exists or show:"
                    + " nothing to check or to list");
        }
        return scenario;
    }

    private static Scenario lower(ScenarioDecl decl, String file) {
        MachineConfig config = MachineBlock.build(decl.machine);
        if (decl.ordering == Ordering.ARMV8 && config.architecture() == Architecture.ARMV6) {
            throw new ScenarioException(decl.orderingPos, "ordering armv8 needs an ARMv7-A or ARMv8-A machine: "
                    + config.name() + " is ARMv6, whose barriers are CP15 operations this model does not order"
                    + " (docs/ordering.md)");
        }
        int wordBytes = config.wordBits() / 8;
        Evaluator eval = new Evaluator(config.smallestDataLine(), config.smallestInstructionLine(), config.pageBytes());
        Map<String, Space> spaces = spaces(decl, eval);
        List<RamInit> ram = ram(decl, eval, wordBytes);
        Map<String, Layout> tables = tables(decl, eval, ram);
        eval.useTables(tables);
        Map<String, Long> tableAsids = new LinkedHashMap<>();
        Map<String, Long> tableVmids = new LinkedHashMap<>();
        tables.forEach((n, t) -> {
            tableAsids.put(n, t.pageTable().asid());
            if (t.pageTable().stage2()) {
                tableVmids.put(n, t.pageTable().vmid());
            }
        });
        List<InitialLine> cached = cached(decl, eval, wordBytes);
        Map<String, Smmu> smmus = smmus(decl, tables, eval, config);

        if (decl.threads.size() > MAX_THREADS) {
            throw new ScenarioException(decl.threads.get(MAX_THREADS).pos(), "a scenario may have at most " + MAX_THREADS
                    + " threads");
        }
        Map<String, Integer> threadIndex = new LinkedHashMap<>();
        for (ScenarioDecl.ThreadDecl t : decl.threads) {
            if (threadIndex.putIfAbsent(t.name(), threadIndex.size()) != null) {
                throw new ScenarioException(t.pos(), "thread " + t.name() + " is already defined");
            }
            if (ScenarioParser.isReserved(t.name())) {
                throw new ScenarioException(t.pos(), "'" + t.name() + "' is a reserved word and cannot name a thread");
            }
        }
        ThreadExpander.Budget budget = new ThreadExpander.Budget();
        List<Long> walkedAddresses = new ArrayList<>();
        List<ThreadProgram> threads = new ArrayList<>();
        List<List<SourcePosition>> positions = new ArrayList<>();
        Map<String, Map<String, Integer>> registers = new HashMap<>();
        for (ScenarioDecl.ThreadDecl t : decl.threads) {
            Agent agent = agent(decl, t, config, smmus);
            Space space = null;
            Layout table = null;
            if (t.space() != null) {
                if (agent instanceof Agent.Device) {
                    throw new ScenarioException(t.spacePos(), "a device thread uses physical addresses and takes no 'in'");
                }
                space = spaces.get(t.space());
                table = tables.get(t.space());
                if (space == null && table == null) {
                    throw new ScenarioException(t.spacePos(), "unknown space or page table '" + t.space() + "'");
                }
            }
            List<Integer> after = new ArrayList<>();
            for (int i = 0; i < t.after().size(); i++) {
                Integer a = threadIndex.get(t.after().get(i));
                if (a == null) {
                    throw new ScenarioException(t.afterPos().get(i), "unknown thread '" + t.after().get(i) + "'");
                }
                after.add(a);
            }
            ThreadExpander.Expanded x = new ThreadExpander(decl.macros, eval, wordBytes, budget,
                    agent instanceof Agent.Device, t.name()).withTableAsids(tableAsids, tableVmids).withSmmus(smmus)
                    .expand(t.body());
            Map<String, Integer> regs = new HashMap<>();
            for (int i = 0; i < x.registers().size(); i++) {
                regs.put(x.registers().get(i), i);
            }
            registers.put(t.name(), regs);
            threads.add(new ThreadProgram(t.name(), agent, space, x.ops(), after, x.registers(),
                    table == null ? null : table.pageTable()));
            if (table != null) {
                for (dev.stalecheck.program.Op op : x.ops()) {
                    Long va = dev.stalecheck.program.Op.addressOf(op);
                    if (va == null || op instanceof dev.stalecheck.program.Op.OuterCacheOp) {
                        continue;
                    }
                    Layout s2 = table.pageTable().via() == null ? null : tables.get(table.pageTable().via().name());
                    Long pa = stagesTranslate(table, s2, va);
                    if (pa != null) {
                        walkedAddresses.add(pa);
                    }
                    Long root = table.pageTable().stage2() ? null : table.rootEntry(va);
                    if (root != null) {
                        walkedAddresses.add(s2 == null ? root : orSelf(s2.translate(root), root));
                    }
                    if (pa != null && !table.pageTable().stage2()) {
                        long leaf = table.entry(va, -1, t.pos());
                        walkedAddresses.add(s2 == null ? leaf : orSelf(s2.translate(leaf), leaf));
                    }
                }
            }
            if (agent instanceof Agent.Device d && d.smmu() != null) {
                walkedAddresses.addAll(smmuWalked(tables.get(d.smmu().table().name()), x.ops(), t.pos()));
            }
            positions.add(x.positions());
        }
        checkAfterCycles(decl, threadIndex);

        ConditionCompiler conditions = new ConditionCompiler(threadIndex, registers, eval, wordBytes);
        List<Condition> compiled = new ArrayList<>();
        for (ScenarioDecl.ConditionDecl c : decl.conditions) {
            compiled.add(conditions.compile(c));
        }
        List<Term> shows = new ArrayList<>();
        for (Expr e : decl.shows) {
            shows.add(conditions.term(e));
        }
        List<Term> terms = ConditionCompiler.outcomeTerms(compiled, shows);
        List<Long> observed = new ArrayList<>(walkedAddresses);
        for (Term t : terms) {
            if (t instanceof Term.Ram r) {
                observed.add(r.address());
            }
        }
        Program program = new Program(threads, ram, cached, observed, List.copyOf(smmus.values()));
        Machine machine;
        try {
            machine = new Machine(config, program);
        } catch (ProgramException e) {
            throw new ScenarioException(blame(e, decl, positions), e.getMessage());
        } catch (ConfigException | IllegalArgumentException e) {
            throw new ScenarioException(decl.namePosition, e.getMessage());
        }
        List<String> warnings = new ArrayList<>(config.warnings());
        warnings.addAll(fillWarnings(decl.rams, ram));
        return new Scenario(decl.name, decl.doc, file, machine, compiled, terms, explore(decl), warnings,
                positions, explain(tables, smmus));
    }

    private static SourcePosition blame(ProgramException e, ScenarioDecl decl, List<List<SourcePosition>> positions) {
        if (e.thread() >= 0 && e.op() >= 0) {
            return positions.get(e.thread()).get(e.op());
        }
        if (e.thread() >= 0) {
            return decl.threads.get(e.thread()).pos();
        }
        if (e.cachedLine() >= 0 && e.cachedLine() < decl.cached.size()) {
            return decl.cached.get(e.cachedLine()).pos();
        }
        if (e.getMessage().startsWith("cached") && !decl.cached.isEmpty()) {
            return decl.cached.get(0).pos();
        }
        return decl.namePosition;
    }

    /**
     * The SMMUs in file order: each names a stage-1 page table; {@code tlb N} (at least 1) defaults to the machine's
     * TLB size.
     */
    private static Map<String, Smmu> smmus(ScenarioDecl decl, Map<String, Layout> tables, Evaluator eval,
                                           MachineConfig config) {
        Map<String, Smmu> out = new LinkedHashMap<>();
        for (ScenarioDecl.SmmuDecl d : decl.smmus.values()) {
            Layout table = tables.get(d.table());
            if (table == null) {
                throw new ScenarioException(d.tablePos(), "unknown page table '" + d.table() + "' for smmu " + d.name());
            }
            if (table.pageTable().guest()) {
                throw new ScenarioException(d.tablePos(), "smmu " + d.name() + ": table " + d.table() + " is a stage-2"
                        + " table or behind one; an SMMU here translates by one stage-1 table");
            }
            long tlb = config.tlbEntries();
            if (d.tlb() != null) {
                tlb = eval.constant(d.tlb(), Environment.EMPTY, "a number of TLB entries");
                if (tlb < 1 || tlb > 4096) {
                    throw new ScenarioException(d.tlb().pos(), "an smmu's TLB holds 1 to 4096 entries");
                }
            }
            out.put(d.name(), new Smmu(d.name(), out.size(), table.pageTable(), (int) tlb, d.coherent()));
        }
        return out;
    }

    /**
     * The physical addresses a device behind an SMMU with table {@code table} names: what each IOVA translates to, and
     * the root and leaf descriptors a walk of it reads (relevant lines, like a cpu thread's in a table).
     */
    private static List<Long> smmuWalked(Layout table, List<dev.stalecheck.program.Op> ops, SourcePosition pos) {
        List<Long> out = new ArrayList<>();
        for (dev.stalecheck.program.Op op : ops) {
            Long iova = dev.stalecheck.program.Op.addressOf(op);
            if (iova == null) {
                continue;
            }
            Long pa = table.translate(iova);
            Long root = table.rootEntry(iova);
            if (root != null) {
                out.add(root);
            }
            if (pa != null) {
                out.add(pa);
                out.add(table.entry(iova, -1, pos));
            }
        }
        return out;
    }

    private static Agent agent(ScenarioDecl decl, ScenarioDecl.ThreadDecl t, MachineConfig config,
                               Map<String, Smmu> smmus) {
        Matcher m = CPU.matcher(t.agent());
        if (m.matches()) {
            int cpu;
            try {
                cpu = Integer.parseInt(m.group(1));
            } catch (NumberFormatException e) {
                cpu = Integer.MAX_VALUE;
            }
            if (cpu >= config.cpus()) {
                throw new ScenarioException(t.agentPos(), "the machine has no " + t.agent() + " (it has " + config.cpus()
                        + " cpu" + (config.cpus() == 1 ? "" : "s") + "; set 'cpus N' in the machine block)");
            }
            return new Agent.Cpu(cpu);
        }
        ScenarioDecl.DeviceDecl d = decl.devices.get(t.agent());
        if (d == null) {
            throw new ScenarioException(t.agentPos(), "unknown agent '" + t.agent() + "': expected cpuN or a declared device");
        }
        if (d.level() instanceof Point.Level named) {
            var level = config.level(named.name());
            if (level.isEmpty() || !level.get().shared()) {
                throw new ScenarioException(d.levelPos(), "device " + d.name() + (d.coherent() ? " coherent allocate " : " at ")
                        + named.name() + ": expected " + (d.coherent() ? "" : "memory or ") + "a shared level the machine has");
            }
        }
        Smmu smmu = null;
        if (d.via() != null) {
            smmu = smmus.get(d.via());
            if (smmu == null) {
                throw new ScenarioException(d.viaPos(), "unknown smmu '" + d.via() + "' (declare it with 'smmu "
                        + d.via() + " table PT')");
            }
        }
        return new Agent.Device(d.level(), d.coherent(), smmu);
    }

    /** Lays out every page table (stage-2 tables first) and adds its descriptors to the initial RAM. */
    private static Map<String, Layout> tables(ScenarioDecl decl, Evaluator eval, List<RamInit> ram) {
        Map<String, Layout> out = new LinkedHashMap<>();
        long nextAsid = 1;
        long nextVmid = 1;
        List<long[]> ramRanges = new ArrayList<>();
        for (RamInit r : ram) {
            ramRanges.add(new long[] {r.physicalAddress(), r.fillBytes() > 0 ? r.fillBytes() : r.wordBytes()});
        }
        List<long[]> taken = new ArrayList<>();
        List<ScenarioDecl.PageTableDecl> ordered = new ArrayList<>();
        decl.tables.values().stream().filter(ScenarioDecl.PageTableDecl::stage2).forEach(ordered::add);
        decl.tables.values().stream().filter(t -> !t.stage2()).forEach(ordered::add);
        for (ScenarioDecl.PageTableDecl t : ordered) {
            long root = eval.constant(t.at(), Environment.EMPTY, "a table address");
            long asid = t.asid() == null ? (t.stage2() ? 0 : nextAsid)
                    : eval.constant(t.asid(), Environment.EMPTY, "an ASID");
            if (Long.compareUnsigned(asid, 255) > 0) {
                throw new ScenarioException(t.asid().pos(), "an ASID here is 8 bits (0 to 255)");
            }
            if (!t.stage2()) {
                nextAsid = Math.max(nextAsid, asid + 1);
            }
            long vmid = 0;
            if (t.stage2()) {
                vmid = t.vmid() == null ? nextVmid : eval.constant(t.vmid(), Environment.EMPTY, "a VMID");
                if (vmid == 0 || Long.compareUnsigned(vmid, 255) > 0) {
                    throw new ScenarioException(t.pos(), "a VMID here is from 1 to 255");
                }
                nextVmid = Math.max(nextVmid, vmid + 1);
            } else if (t.vmid() != null) {
                throw new ScenarioException(t.vmid().pos(), "'vmid' is for stage-2 tables");
            }
            long high = t.high() == null ? -1 : eval.constant(t.high(), Environment.EMPTY, "a table address");
            if (high >= 0 && t.format() != TableFormat.V8_4K) {
                throw new ScenarioException(t.high().pos(), "'high' (TTBR1) is for the v8-4k format");
            }
            Layout s2 = null;
            if (t.via() != null) {
                s2 = out.get(t.via());
                if (s2 == null || !s2.pageTable().stage2()) {
                    throw new ScenarioException(t.viaPos(), "'via' names a stage-2 table; " + t.via() + " is not one");
                }
                if (t.format() == TableFormat.V7_SHORT) {
                    throw new ScenarioException(t.formatPos(), "a table 'via' stage 2 uses the v7-lpae or v8-4k format");
                }
            }
            Layout layout = switch (t.format()) {
                case V7_SHORT -> {
                    if (t.stage2()) {
                        throw new ScenarioException(t.formatPos(), "stage-2 tables use the v8-4k format");
                    }
                    yield new TableLayout(t.name(), root, asid, t.at().pos());
                }
                case V7_LPAE, V8_4K -> {
                    LongTableLayout l = new LongTableLayout(t.name(), t.format(), root, high, asid, t.stage2(), t.fwb(),
                            vmid, t.at().pos());
                    if (s2 != null) {
                        l.via(s2.pageTable());
                    }
                    yield l;
                }
            };
            layout.walk(t.walk());
            for (ScenarioDecl.MapDecl m : t.maps()) {
                long va = eval.constant(m.va(), Environment.EMPTY, "a virtual address");
                long oa = eval.constant(m.oa(), Environment.EMPTY, "an output address");
                long size = eval.constant(m.size(), Environment.EMPTY, "a map size");
                List<Long> explicit = new ArrayList<>();
                for (Expr e : m.tables()) {
                    explicit.add(eval.constant(e, Environment.EMPTY, "a table address"));
                }
                layout.map(va, oa, size, m.kind(), m.attributes(), explicit.iterator(), m.pos());
            }
            if (s2 == null) {
                for (long[] r : layout.regions()) {
                    for (long[] o : taken) {
                        if (TableLayout.overlaps(r[0], r[1], o[0], o[1])) {
                            throw new ScenarioException(t.pos(), "the tables of " + t.name() + " overlap another page table");
                        }
                    }
                    for (long[] o : ramRanges) {
                        if (TableLayout.overlaps(r[0], r[1], o[0], o[1])) {
                            throw new ScenarioException(t.pos(), "the tables of " + t.name() + " overlap a 'ram' line at 0x"
                                    + Long.toHexString(o[0]));
                        }
                    }
                }
                taken.addAll(layout.regions());
            }
            final Layout stage2 = s2;
            layout.forEachWord((ipa, w) -> {
                Long pa = stage2 == null ? ipa : stage2.translate(ipa);
                if (pa == null) {
                    throw new ScenarioException(t.pos(), "table memory at IPA 0x" + Long.toHexString(ipa) + " of " + t.name()
                            + " is not mapped by " + t.via());
                }
                ram.add(new RamInit(pa, w, layout.wordBytes(), 0));
            });
            out.put(t.name(), layout);
        }
        return out;
    }

    private static Long stagesTranslate(Layout table, Layout s2, long va) {
        Long ipa = table.translate(va);
        if (ipa == null || s2 == null) {
            return ipa;
        }
        return s2.translate(ipa);
    }

    private static long orSelf(Long value, long self) {
        return value == null ? self : value;
    }

    /** The {@code explain} listing: every table's descriptors with their addresses and words. */
    private static List<String> explain(Map<String, Layout> tables, Map<String, Smmu> smmus) {
        List<String> out = new ArrayList<>();
        for (Smmu m : smmus.values()) {
            out.add("smmu " + m.name() + " table " + m.table().name() + " tlb " + m.tlbEntries()
                    + (m.coherent() ? " coherent (walks snoop the cpus' caches)" : " (walks read the PoC)"));
        }
        for (Layout t : tables.values()) {
            var pt = t.pageTable();
            out.add("pagetable " + pt.name() + " format " + pt.format().word() + " at 0x" + Long.toHexString(pt.root())
                    + (pt.high() >= 0 ? " high 0x" + Long.toHexString(pt.high()) : "")
                    + (pt.stage2() ? " stage 2" + (pt.fwb() ? " fwb" : "") + " vmid " + pt.vmid() : " asid " + pt.asid())
                    + (pt.via() != null ? " via " + pt.via().name() : "")
                    + (pt.walk().equals(WalkAttributes.WRITE_BACK) ? "" : " " + pt.walk().clause())
                    + (pt.via() != null ? " (addresses below are IPAs)" : ""));
            for (long[] r : pt.regions()) {
                out.add("  table 0x" + Long.toHexString(r[0]) + " .. 0x" + Long.toHexString(r[0] + r[1])
                        + (pt.format() == TableFormat.V7_SHORT
                            ? (r[1] == TableLayout.L1_SIZE ? "  (first level)" : "  (second level)") : ""));
            }
            int digits = t.wordBytes() * 2;
            t.forEachWord((pa, w) -> out.add("  " + dev.stalecheck.util.Hex.padded(pa, 8) + ": "
                    + dev.stalecheck.util.Hex.padded(w, digits) + "  " + t.describe(pa, w)));
        }
        return out;
    }

    private static Map<String, Space> spaces(ScenarioDecl decl, Evaluator eval) {
        Map<String, Space> out = new LinkedHashMap<>();
        for (ScenarioDecl.SpaceDecl s : decl.spaces.values()) {
            List<Mapping> mappings = new ArrayList<>();
            for (ScenarioDecl.MappingDecl m : s.mappings()) {
                long va = eval.constant(m.va(), Environment.EMPTY, "a virtual address");
                long pa = eval.constant(m.pa(), Environment.EMPTY, "a physical address");
                long size = eval.constant(m.size(), Environment.EMPTY, "a mapping size");
                if (size == 0 || size < 0) {
                    throw new ScenarioException(m.size().pos(), "a mapping size must be positive");
                }
                MemoryType type = MemoryType.NORMAL;
                boolean shareable = true;
                boolean readOnly = false;
                boolean executeNever = false;
                int types = 0;
                for (String a : m.attributes()) {
                    if (a.equals("nsh")) {
                        shareable = false;
                    } else if (a.equals("ro")) {
                        readOnly = true;
                    } else if (a.equals("xn")) {
                        executeNever = true;
                    } else if (a.equals("global")) {
                        throw new ScenarioException(m.pos(), "'" + a + "' applies to page-table mappings, not spaces");
                    } else {
                        type = MemoryType.fromWord(a);
                        types++;
                    }
                }
                if (types > 1) {
                    throw new ScenarioException(m.pos(), "a mapping has one memory type");
                }
                mappings.add(new Mapping(va, pa, size, type, shareable, readOnly, executeNever));
            }
            try {
                out.put(s.name(), new Space(s.name(), mappings));
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(s.pos(), e.getMessage());
            }
        }
        return out;
    }

    private static List<RamInit> ram(ScenarioDecl decl, Evaluator eval, int wordBytes) {
        List<RamInit> out = new ArrayList<>();
        for (ScenarioDecl.RamDecl r : decl.rams) {
            long pa = eval.constant(r.address(), Environment.EMPTY, "a ram address");
            long value = eval.constant(r.value(), Environment.EMPTY, "a ram value");
            long size = r.size() == null ? 0 : eval.constant(r.size(), Environment.EMPTY, "a ram size");
            if (r.size() != null && (size <= 0 || size > MAX_RAM_FILL)) {
                throw new ScenarioException(r.size().pos(), "a ram fill size must be from 1 byte to "
                        + (MAX_RAM_FILL >> 20) + "M");
            }
            if (r.size() == null && (pa & (wordBytes - 1)) != 0) {
                throw new ScenarioException(r.pos(), "ram address 0x" + Long.toHexString(pa) + " is not aligned to the "
                        + wordBytes + "-byte word");
            }
            out.add(new RamInit(pa, value, wordBytes, size));
        }
        return out;
    }

    /** A {@code size} fill whose value is wider than a byte: only the low byte is written, which is rarely meant. */
    private static List<String> fillWarnings(List<ScenarioDecl.RamDecl> decls, List<RamInit> ram) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ram.size(); i++) {
            RamInit r = ram.get(i);
            if (r.fillBytes() > 0 && (r.value() < -128 || r.value() > 0xff)) {
                out.add(decls.get(i).pos() + ": ram 0x" + Long.toHexString(r.physicalAddress()) + " = 0x" + Long.toHexString(r.value())
                        + " size " + r.fillBytes() + " truncates the value to its low byte 0x"
                        + Long.toHexString(r.value() & 0xff) + " in each of the " + r.fillBytes()
                        + " bytes (a fill is a memset; write one word without 'size')");
            }
        }
        return out;
    }

    private static List<InitialLine> cached(ScenarioDecl decl, Evaluator eval, int wordBytes) {
        List<InitialLine> out = new ArrayList<>();
        for (ScenarioDecl.CachedDecl c : decl.cached) {
            int cpu = -1;
            if (c.cpu() != null) {
                Matcher m = CPU.matcher(c.cpu());
                if (!m.matches() || m.group(1).length() > 3) {
                    throw new ScenarioException(c.pos(), "expected cpuN before the level, found '" + c.cpu() + "'");
                }
                cpu = Integer.parseInt(m.group(1));
            }
            long pa = eval.constant(c.address(), Environment.EMPTY, "a physical address");
            long value = eval.constant(c.value(), Environment.EMPTY, "a value");
            long colour = c.colour() == null ? -1 : eval.constant(c.colour(), Environment.EMPTY, "a colour");
            if (colour > 64) {
                throw new ScenarioException(c.colour().pos(), "colour " + colour + " is out of range");
            }
            if ((pa & (wordBytes - 1)) != 0) {
                throw new ScenarioException(c.pos(), "address 0x" + Long.toHexString(pa) + " is not aligned to the "
                        + wordBytes + "-byte word");
            }
            out.add(new InitialLine(cpu, c.level(), pa, value, wordBytes, c.dirty(), (int) colour));
        }
        return out;
    }

    private static void checkAfterCycles(ScenarioDecl decl, Map<String, Integer> threadIndex) {
        int n = decl.threads.size();
        int[] state = new int[n];
        for (int t = 0; t < n; t++) {
            visit(decl, threadIndex, t, state);
        }
    }

    private static void visit(ScenarioDecl decl, Map<String, Integer> threadIndex, int t, int[] state) {
        if (state[t] == 2) {
            return;
        }
        ScenarioDecl.ThreadDecl td = decl.threads.get(t);
        if (state[t] == 1) {
            throw new ScenarioException(td.pos(), "'after' forms a cycle through thread " + td.name());
        }
        state[t] = 1;
        for (String a : td.after()) {
            visit(decl, threadIndex, threadIndex.get(a), state);
        }
        state[t] = 2;
    }

    private static ExploreOptions explore(ScenarioDecl decl) {
        ExploreOptions options = ExploreOptions.DEFAULT;
        for (ScenarioDecl.ExploreDecl e : decl.explore) {
            options = options.with(e.option(), e.on());
        }
        return options.withOrdering(decl.ordering);
    }
}
