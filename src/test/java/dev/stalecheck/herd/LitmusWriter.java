package dev.stalecheck.herd;

import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.memory.PhysicalMemory;
import dev.stalecheck.mmu.LongDescriptor;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.PageTable;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.program.ValueExpr;
import dev.stalecheck.scenario.Scenario;
import dev.stalecheck.scenario.Term;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Converts the scenarios herd7 can express to AArch64 litmus tests whose final-state listing ({@code locations})
 * names every term of the scenario's outcome table, so that herd7 prints every final outcome the Arm architecture
 * allows for them (docs/ordering-judge.md).
 *
 * <p>The subset: machine {@code generic} with {@code walker l1}, cpu threads in spaces whose mappings are
 * {@code normal} (write-back cacheable) and shareable — one coherent data domain —, 64-bit loads and stores, stored
 * values built from constants, registers and {@code + - ^ & |}, and {@code dmb}, {@code dsb} (every domain) and
 * {@code isb}. Each thread becomes a litmus thread, each physical location a litmus location ({@code x}, {@code y},
 * ...). herd7's final memory value of a location is the last write in coherence order; in stalecheck it is what a
 * load reads once every thread has finished (coherent caches give it the newest copy), so a scenario names its final
 * memory values with an <em>observer</em>: a cpu thread {@code after} every other thread that only loads, each
 * location once; its register for a location stands for herd7's {@code [x]}. {@code ram[...]} terms are refused:
 * they are what RAM holds, with dirty lines left out, which herd7 has no notion of.
 *
 * <p>With translation ({@code -variant kvm}): threads {@code in} one {@code v8-4k} stage-1 table, each location at the
 * start of a 4 KB page that one {@code page} descriptor maps; a store of a constant to a location's leaf descriptor
 * is a store to herd7's {@code PTE(x)} of {@code (oa:PA(y))} (a page descriptor of normal shareable memory whose
 * output is location y's page) or {@code (valid:0)} (an invalid one); {@code tlbi va [A] [is]} and
 * {@code tlbi all [is]} are {@code TLBI VAE1[IS]} and {@code TLBI VMALLE1[IS]}. Every load is labelled, and its
 * register reads {@code fault} where herd7 reports a translation fault at that label.
 *
 * <p>With instruction fetch ({@code -variant ifetch}): a fetched location starts as {@code B .+8} and is only ever
 * overwritten with {@code NOP} ({@code store.w}); each is fetched once, by one thread, in whose code it becomes
 * {@code C: B D; MOV Xr,#1; D:}, so that {@code Xr} tells which instruction ran. {@code dc cvau}, {@code ic ivau},
 * {@code ic iallu} and {@code ic ialluis} are the instructions of those names.
 */
public final class LitmusWriter {
    /** Location names in order of physical address. */
    private static final String[] NAMES = {"x", "y", "z", "w", "v", "u", "t", "s"};
    /** Litmus registers: a thread's register i is X(i); location j's address is in X(ADDRESS_BASE + j). */
    private static final int MAX_DATA_REGISTERS = 8;
    private static final int ADDRESS_BASE = 8;
    /** Scratch registers for stored values. */
    private static final int SCRATCH_BASE = 16;
    private static final int SCRATCH_LAST = 19;
    /** Registers holding descriptors to store (set in the initial state), and location j's PTE address. */
    private static final int DESCRIPTOR_BASE = 20;
    private static final int PTE_BASE = 24;
    private static final int MAX_TRANSLATED_LOCATIONS = 4;
    /** Where a discarded load's value goes, and a TLBI's operand. */
    private static final String DISCARD = "X28";
    private static final String TLBI_OPERAND = "X29";
    private static final Set<String> BARRIER_DOMAINS = Set.of("sy", "st", "ld", "ish", "ishst", "ishld", "osh", "oshst",
            "oshld", "nsh", "nshst", "nshld");
    private static final long PAGE = 4096;
    /** The instruction a fetched location starts with (B .+8, skipping one instruction), and the one stored. */
    private static final long B_PLUS_8 = 0x14000002L;
    private static final long NOP = 0xd503201fL;
    /** {@code leafAddress} keeps the level in the top four bits. */
    private static final long ADDRESS_BITS = (1L << 60) - 1;

    private LitmusWriter() {
    }

    /** A scenario outside the subset: why. */
    public static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String message) {
            super(message);
        }
    }

    /**
     * Where herd7 prints the value of one outcome term.
     *
     * @param location the herd7 location ({@code 1:X0}, {@code [x]})
     * @param fault    for a load's register under translation, herd7's {@code fault(P1:L2,x)}: when it holds, the
     *                 term's value is {@code fault}; null otherwise
     * @param values   for a fetch's register, herd7's value to the instruction fetched; null: the value as printed
     */
    public record Column(String location, String fault, Map<String, String> values) {
        /** A column printed as is. */
        Column(String location, String fault) {
            this(location, fault, null);
        }

        /** The term's value in one final state herd7 prints (location to value, faults to 1 or 0). */
        public String value(Map<String, String> state) {
            if (fault != null) {
                String f = state.get(fault);
                if (f == null) {
                    throw new IllegalStateException("herd7 printed no " + fault);
                }
                if (f.equals("1")) {
                    return "fault";
                }
            }
            String v = state.get(location);
            if (v == null || (values != null && !values.containsKey(v))) {
                throw new IllegalStateException("herd7 printed no " + location + " this column knows: " + v);
            }
            return values == null ? v : values.get(v);
        }
    }

    /**
     * A litmus test.
     *
     * @param text    the litmus file's text
     * @param variant the herd7 {@code -variant} it needs, or {@code ""} for none
     * @param columns for each term of the scenario's outcome table (its text), where herd7 prints its value
     */
    public record Litmus(String text, String variant, Map<String, Column> columns) {
    }

    /** The litmus test of {@code s}, named {@code name}; throws {@link Unsupported} outside the subset. */
    public static Litmus write(Scenario s, String name) {
        return new Conversion(s).run(name);
    }

    /** Where an address of an operation goes: a location's data, its leaf descriptor, or code at a location. */
    private record Target(String location, boolean descriptor, boolean code) {
    }

    /** The state of one conversion. */
    private static final class Conversion {
        private final Scenario scenario;
        private final Program program;
        private final PhysicalMemory ram;
        /** Physical address to location name. */
        private final Map<Long, String> locations = new TreeMap<>(Long::compareUnsigned);
        /** Leaf descriptor address to the location it maps (translated scenarios). */
        private final Map<Long, String> descriptors = new TreeMap<>(Long::compareUnsigned);
        /** Litmus thread number of each stalecheck thread; the observer gets -1. */
        private final int[] proc;
        /** Per thread, per register index: the label of the load that sets it (translated scenarios). */
        private final List<Map<Integer, String>> loadLabels = new ArrayList<>();
        /** Per thread, the registers fetches set. */
        private final List<Set<Integer>> fetchRegisters = new ArrayList<>();
        /** Code locations (fetched): physical address to herd7's label of the fetched instruction. */
        private final Map<Long, String> code = new TreeMap<>(Long::compareUnsigned);
        private PageTable table;
        private int observer = -1;

        Conversion(Scenario s) {
            this.scenario = s;
            this.program = s.machine().program();
            this.ram = s.machine().initialState().ram();
            this.proc = new int[program.threads().size()];
        }

        Litmus run(String name) {
            machine();
            findObserver();
            int procs = 0;
            for (int t = 0; t < program.threads().size(); t++) {
                proc[t] = t == observer ? -1 : procs++;
                loadLabels.add(new TreeMap<>());
                fetchRegisters.add(new TreeSet<>());
            }
            fetches();
            memory();
            List<List<String>> threads = new ArrayList<>();
            List<String> init = new ArrayList<>();
            initialMemory(init);
            for (int t = 0; t < program.threads().size(); t++) {
                if (t != observer) {
                    threads.add(thread(t, proc[t], init));
                }
            }
            Map<String, Column> columns = columns();
            StringBuilder b = new StringBuilder("AArch64 ").append(name).append('\n');
            b.append("{\n");
            for (String line : init) {
                b.append(' ').append(line).append('\n');
            }
            b.append("}\n");
            b.append(table(threads));
            b.append("locations [");
            for (Column c : columns.values()) {
                String l = c.location();
                b.append(l.startsWith("[") ? l.substring(1, l.length() - 1) : l).append("; ");
                if (c.fault() != null) {
                    b.append(c.fault()).append("; ");
                }
            }
            b.setLength(b.length() - 1);
            b.append("]\n");
            return new Litmus(b.toString(), translated() ? "kvm" : code.isEmpty() ? "" : "ifetch", columns);
        }

        private boolean translated() {
            return table != null;
        }

        private void machine() {
            MachineConfig c = scenario.config();
            if (!c.name().equals("generic")) {
                throw new Unsupported("machine " + c.name() + ": only generic is in the subset");
            }
            if (!c.walker().word().equals("l1")) {
                throw new Unsupported("walker " + c.walker().word() + ": the subset has walker l1 (coherent walks)");
            }
            if (c.wordBits() != 64) {
                throw new Unsupported("word " + c.wordBits() + ": the subset has 64-bit words");
            }
            if (!program.cachedLines().isEmpty()) {
                throw new Unsupported("'cached' lines: herd7 has no caches");
            }
            for (ThreadProgram t : program.threads()) {
                if (!t.onCpu()) {
                    throw new Unsupported("a device thread: herd7 has no devices");
                }
                if (!t.translated()) {
                    throw new Unsupported("thread " + t.name() + " runs with its MMU off");
                }
                if (t.table() != null) {
                    if (table != null && !table.name().equals(t.table().name())) {
                        throw new Unsupported("two page tables: the subset has one");
                    }
                    table = t.table();
                }
            }
            if (table != null && (table.format() != dev.stalecheck.program.TableFormat.V8_4K || table.guest() || table.high() != -1)) {
                throw new Unsupported("table " + table.name() + ": the subset is one v8-4k stage-1 table (TTBR0)");
            }
        }

        /** The observer: a cpu thread after every other one, whose operations are loads of distinct addresses. */
        private void findObserver() {
            List<ThreadProgram> threads = program.threads();
            for (int t = 0; t < threads.size(); t++) {
                ThreadProgram th = threads.get(t);
                if (th.after().isEmpty()) {
                    continue;
                }
                if (th.after().size() != threads.size() - 1 || observer >= 0) {
                    throw new Unsupported("thread " + th.name() + " runs 'after' some threads: herd7 threads all start"
                            + " together (only a final observer after every other thread is understood)");
                }
                List<Long> seen = new ArrayList<>();
                for (Op op : th.ops()) {
                    if (!(op instanceof Op.Load l) || l.register() == null || seen.contains(l.address())) {
                        throw new Unsupported("observer " + th.name() + ": only loads into registers, each address once");
                    }
                    seen.add(l.address());
                }
                observer = t;
            }
        }

        /** The physical address {@code va} has at the start in thread {@code t}'s context, or a fault. */
        private Long physical(ThreadProgram t, long va) {
            if (t.space() != null) {
                if (!(t.space().translate(va) instanceof Translation.Translated tr)) {
                    return null;
                }
                if (tr.type() != MemoryType.NORMAL || !tr.shareable()) {
                    throw new Unsupported(Long.toHexString(va) + " is a " + tr.type().word() + (tr.shareable() ? "" : " nsh")
                            + " access: the subset is normal shareable memory");
                }
                return tr.physicalAddress();
            }
            LongDescriptor leaf = leaf(va);
            if (leaf == null) {
                return null;
            }
            if (leaf.memoryType() != MemoryType.NORMAL || !leaf.shareable()) {
                throw new Unsupported(Long.toHexString(va) + " maps " + leaf.memoryType().word()
                        + " memory: the subset is normal shareable memory");
            }
            return leaf.outputAddress() + (va & (leaf.size() - 1));
        }

        /** The leaf descriptor a walk of {@code va} finds at the start, or null (invalid). */
        private LongDescriptor leaf(long va) {
            long at = leafAddress(va);
            return at < 0 ? null : new LongDescriptor(ram.word(at & ADDRESS_BITS), (int) (at >>> 60));
        }

        /** The leaf descriptor's address (its level in the top 4 bits) a walk of {@code va} reads, or -1. */
        private long leafAddress(long va) {
            long tableAt = table.root();
            // A walk of the initial memory: table descriptors down to the first block, page or invalid one.
            for (int level = 0; level <= 3; level++) {
                long at = tableAt + ((va >>> (39 - 9 * level)) & 511) * 8;
                LongDescriptor d = new LongDescriptor(ram.word(at), level);
                if (d.type() != LongDescriptor.Type.TABLE) {
                    return d.type() == LongDescriptor.Type.INVALID ? -1 : at | (long) level << 60;
                }
                tableAt = d.outputAddress();
            }
            return -1;
        }

        private boolean inTable(long pa) {
            for (long[] r : table.regions()) {
                if (Long.compareUnsigned(pa, r[0]) >= 0 && Long.compareUnsigned(pa, r[0] + r[1]) < 0) {
                    return true;
                }
            }
            return false;
        }

        /** Finds the code locations: each fetched once, by one thread, which holds the instruction in its code. */
        private void fetches() {
            for (int t = 0; t < program.threads().size(); t++) {
                ThreadProgram th = program.threads().get(t);
                for (int i = 0; i < th.ops().size(); i++) {
                    if (th.ops().get(i) instanceof Op.Fetch f) {
                        if (translated()) {
                            throw new Unsupported("fetches with translation: herd7 has them in separate variants");
                        }
                        Long pa = physical(th, f.address());
                        if (pa == null || code.put(pa, "P" + proc[t] + ":" + label('C', proc[t], i)) != null) {
                            throw new Unsupported(f.describe() + ": each fetched instruction is fetched once");
                        }
                    }
                }
            }
        }

        /** Names every location (by physical address), checking how threads reach it. */
        private void memory() {
            TreeSet<Long> data = new TreeSet<>(Long::compareUnsigned);
            for (ThreadProgram t : program.threads()) {
                for (Op op : t.ops()) {
                    Long va = address(op);
                    if (va == null) {
                        continue;
                    }
                    Long pa = physical(t, va);
                    if (pa == null) {
                        throw new Unsupported(op.describe() + " faults at the start in thread " + t.name());
                    }
                    if (!(translated() && inTable(pa))) {
                        data.add(pa);
                    } else if (op instanceof Op.Store st && st.value() instanceof ValueExpr.Constant c) {
                        // A page a stored descriptor maps is a location too (herd7's PA(y)).
                        LongDescriptor d = new LongDescriptor(c.value().bits(), 3);
                        if (d.type() == LongDescriptor.Type.PAGE) {
                            data.add(d.outputAddress());
                        }
                    }
                }
            }
            if (data.size() > (translated() ? MAX_TRANSLATED_LOCATIONS : NAMES.length)) {
                throw new Unsupported("too many locations");
            }
            long previous = -8;
            for (long pa : data) {
                if (pa - previous < 8) {
                    throw new Unsupported("PA 0x" + Long.toHexString(pa) + " overlaps another location: herd7's"
                            + " locations are disjoint");
                }
                if (translated() && (pa & (PAGE - 1)) != 0) {
                    throw new Unsupported("PA 0x" + Long.toHexString(pa) + ": with translation each location starts a"
                            + " page of its own");
                }
                previous = pa;
                locations.put(pa, NAMES[locations.size()]);
            }
            if (translated()) {
                descriptors();
            }
        }

        /** For each location, the one page descriptor mapping it, through the VA the threads use. */
        private void descriptors() {
            for (ThreadProgram t : program.threads()) {
                if (t.table() == null) {
                    continue;
                }
                for (Op op : t.ops()) {
                    Long va = address(op);
                    if (va == null || inTable(physical(t, va))) {
                        continue;
                    }
                    long at = leafAddress(va);
                    if (at >>> 60 != 3) {
                        throw new Unsupported(op.describe() + ": with translation locations are mapped by pages");
                    }
                    String name = locations.get(physical(t, va));
                    String before = descriptors.put(at & ADDRESS_BITS, name);
                    if (before != null && !before.equals(name)) {
                        throw new Unsupported("one descriptor maps two locations");
                    }
                }
            }
        }

        private void initialMemory(List<String> init) {
            for (long pa : code.keySet()) {
                // herd7 runs the instruction in the fetching thread's code: it must be the B whose skipping we read.
                if (program.ram().stream().noneMatch(r -> r.physicalAddress() == pa && r.value() == B_PLUS_8)) {
                    throw new Unsupported("the instruction at PA 0x" + Long.toHexString(pa) + " must start as B .+8 ("
                            + hex(B_PLUS_8) + ")");
                }
            }
            for (RamInit r : program.ram()) {
                String name = locations.get(r.physicalAddress());
                if (name == null || code.containsKey(r.physicalAddress())) {
                    continue;
                }
                if (r.fillBytes() > 0) {
                    throw new Unsupported("a 'ram ... size' fill of a location");
                }
                init.add(name + "=" + Long.toUnsignedString(r.value()) + ";");
            }
        }

        /** The location an operation of thread {@code t} addresses. */
        private Target target(ThreadProgram t, long va) {
            long pa = physical(t, va);
            if (translated() && inTable(pa)) {
                String name = descriptors.get(pa);
                if (name == null) {
                    throw new Unsupported("0x" + Long.toHexString(va) + " is table memory but no location's page"
                            + " descriptor");
                }
                return new Target(name, true, false);
            }
            return new Target(locations.get(pa), false, code.containsKey(pa));
        }

        /** The litmus code of thread {@code index}; adds its initial registers to {@code init}. */
        private List<String> thread(int index, int p, List<String> init) {
            ThreadProgram t = program.threads().get(index);
            if (t.registers().size() > MAX_DATA_REGISTERS) {
                throw new Unsupported("thread " + t.name() + " uses more than " + MAX_DATA_REGISTERS + " registers");
            }
            List<String> out = new ArrayList<>();
            Map<String, String> registers = new TreeMap<>(
                    java.util.Comparator.comparingInt(r -> Integer.parseInt(r.substring(1))));
            Map<String, String> descriptorValues = new LinkedHashMap<>();
            for (int i = 0; i < t.ops().size(); i++) {
                Op op = t.ops().get(i);
                if (op instanceof Op.Load l) {
                    width(l.width(), op);
                    Target target = target(t, l.address());
                    if (target.descriptor() || target.code()) {
                        throw new Unsupported(op.describe() + ": loads of descriptors or instructions are not in the subset");
                    }
                    String reg = l.register() == null ? DISCARD : "X" + l.register().index();
                    if (translated()) {
                        String label = label('L', p, i);
                        out.add(label + ":");
                        if (l.register() != null
                                && loadLabels.get(index).put(l.register().index(), label + "," + target.location()) != null) {
                            throw new Unsupported(t.name() + "." + l.register().name() + " is loaded twice");
                        }
                    }
                    out.add("LDR " + reg + ",[" + addressRegister(target, registers) + "]");
                } else if (op instanceof Op.Store st) {
                    Target target = target(t, st.address());
                    if (!target.code()) {
                        width(st.width(), op);
                    }
                    String value;
                    if (target.descriptor() || target.code()) {
                        String herd = target.code() ? instruction(st) : descriptor(st);
                        value = descriptorValues.computeIfAbsent(herd, h -> "X" + (DESCRIPTOR_BASE + descriptorValues.size()));
                        if (descriptorValues.size() > PTE_BASE - DESCRIPTOR_BASE) {
                            throw new Unsupported(t.name() + " stores too many different descriptors");
                        }
                        registers.put(value, herd);
                    } else {
                        value = new ValueCode(out, op, t.registers()).register(st.value());
                    }
                    out.add("STR " + (target.code() ? value.replace('X', 'W') : value) + ",["
                            + addressRegister(target, registers) + "]");
                } else if (op instanceof Op.Barrier bar) {
                    out.add(barrier(bar.text()));
                } else if (op instanceof Op.Fetch f) {
                    String reg = "X" + f.register().index();
                    out.add(label('C', p, i) + ":");
                    out.add("B " + label('D', p, i));
                    out.add("MOV " + reg + ",#1");
                    out.add(label('D', p, i) + ":");
                    if (!fetchRegisters.get(index).add(f.register().index())) {
                        throw new Unsupported(t.name() + "." + f.register().name() + " is fetched into twice");
                    }
                } else if (op instanceof Op.DataCacheByAddress dc && dc.kind() == Op.DcKind.CVAU && !translated()) {
                    out.add("DC CVAU," + addressRegister(target(t, dc.address()), registers));
                } else if (op instanceof Op.InstructionCacheOp ic && !translated()) {
                    out.add(ic.kind() == Op.IcKind.IVAU ? "IC IVAU," + addressRegister(target(t, ic.address()), registers)
                            : ic.kind().text().toUpperCase(Locale.ROOT));
                } else if (op instanceof Op.TlbInvalidate tlbi && translated()) {
                    out.addAll(tlbi(t, tlbi, registers));
                } else {
                    throw new Unsupported("'" + op.describe() + "' is not in the subset");
                }
            }
            registers.forEach((r, v) -> init.add(p + ":" + r + "=" + v + ";"));
            return out;
        }

        /** herd7's value for a stored instruction: the subset stores NOP over the B a fetch skips. */
        private String instruction(Op.Store st) {
            if (st.width() != 4 || !(st.value() instanceof ValueExpr.Constant c) || c.value().bits() != NOP) {
                throw new Unsupported(st.describe() + ": the subset stores NOP (store.w of " + hex(NOP) + ") to code");
            }
            return "NOP";
        }

        /** herd7's value for a stored descriptor: {@code (oa:PA(y))} or {@code (valid:0)}. */
        private String descriptor(Op.Store st) {
            if (!(st.value() instanceof ValueExpr.Constant c) || c.value().fault()) {
                throw new Unsupported(st.describe() + ": a stored descriptor must be a constant");
            }
            LongDescriptor d = new LongDescriptor(c.value().bits(), 3);
            if (d.type() == LongDescriptor.Type.INVALID) {
                if (d.word() != 0) {
                    throw new Unsupported(st.describe() + ": an invalid descriptor other than 0");
                }
                return "(valid:0)";
            }
            String name = locations.get(d.outputAddress());
            long expected = LongDescriptor.leaf(3, d.outputAddress(), MemoryType.NORMAL, true, false, false);
            if (name == null || (d.word() & ~(1L << 11)) != (expected & ~(1L << 11))) {
                throw new Unsupported(st.describe() + ": the subset stores page descriptors of normal shareable"
                        + " read-write memory onto a location's page");
            }
            return "(oa:PA(" + name + "))";
        }

        private List<String> tlbi(ThreadProgram t, Op.TlbInvalidate tlbi, Map<String, String> registers) {
            String is = tlbi.broadcast() ? "IS" : "";
            return switch (tlbi.kind()) {
                case ALL -> List.of("TLBI VMALLE1" + is);
                case VA -> {
                    Target target = target(t, tlbi.address());
                    if (target.descriptor()) {
                        throw new Unsupported(tlbi.describe() + " names table memory");
                    }
                    yield List.of("LSR " + TLBI_OPERAND + "," + addressRegister(target, registers) + ",#12",
                            "TLBI VAE1" + is + "," + TLBI_OPERAND);
                }
                default -> throw new Unsupported("'" + tlbi.describe() + "' is not in the subset");
            };
        }

        /** The register holding a target's address, noted with its initial value in {@code registers}. */
        private String addressRegister(Target target, Map<String, String> registers) {
            int j = List.of(NAMES).indexOf(target.location());
            String r = "X" + ((target.descriptor() ? PTE_BASE : ADDRESS_BASE) + j);
            String value = target.location();
            if (target.descriptor()) {
                value = "PTE(" + value + ")";
            } else if (target.code()) {
                value = code.get(locations.entrySet().stream().filter(e -> e.getValue().equals(target.location()))
                        .findFirst().orElseThrow().getKey());
            }
            registers.put(r, value);
            return r;
        }

        /** For each outcome term, where herd7 prints it. */
        private Map<String, Column> columns() {
            Map<String, Column> out = new LinkedHashMap<>();
            for (Term term : scenario.outcomeTerms()) {
                if (!(term instanceof Term.Register r)) {
                    throw new Unsupported(term.text() + ": ram[...] is what RAM holds, which herd7 does not model;"
                            + " name final memory values with an observer thread");
                }
                if (r.thread() == observer) {
                    ThreadProgram th = program.threads().get(observer);
                    for (Op op : th.ops()) {
                        Op.Load l = (Op.Load) op;
                        if (l.register().index() == r.register()) {
                            Long pa = physical(th, l.address());
                            String name = locations.get(pa);
                            if (name == null || code.containsKey(pa)) {
                                throw new Unsupported(term.text() + " reads no data location");
                            }
                            out.put(term.text(), new Column("[" + name + "]", null));
                        }
                    }
                } else {
                    String label = loadLabels.get(r.thread()).get(r.register());
                    String fault = label == null ? null : "fault(P" + proc[r.thread()] + ":" + label + ")";
                    // A fetch leaves 1 in its register when it ran the NOP, 0 when it skipped (the old B).
                    Map<String, String> values = fetchRegisters.get(r.thread()).contains(r.register())
                            ? Map.of("0x0", hex(B_PLUS_8), "0x1", hex(NOP)) : null;
                    out.put(term.text(), new Column(proc[r.thread()] + ":X" + r.register(), fault, values));
                }
            }
            if (out.isEmpty()) {
                throw new Unsupported("no outcome terms: name registers in conditions or 'show'");
            }
            return out;
        }
    }

    /** Lowers a stored value to instructions leaving it in a register. */
    private static final class ValueCode {
        private final List<String> out;
        private final Op op;
        private final List<String> registers;
        private int next = SCRATCH_BASE;

        ValueCode(List<String> out, Op op, List<String> registers) {
            this.out = out;
            this.op = op;
            this.registers = registers;
        }

        /** The register that holds {@code e}'s value after the instructions added to the code. */
        String register(ValueExpr e) {
            if (e instanceof ValueExpr.RegisterRead r) {
                return "X" + r.register().index();
            } else if (e instanceof ValueExpr.Constant c) {
                if (c.value().fault()) {
                    throw new Unsupported(op.describe() + ": a stored fault");
                }
                return constant(c.value().bits());
            }
            // Operator nodes are opaque; their text is fully parenthesised: (l op r), registers and 0x constants.
            return text(e.describe(), new int[] {0});
        }

        private String constant(long v) {
            if (v < 0 || v > 0xffff) {
                throw new Unsupported(op.describe() + ": constants above 0xffff are not in the subset");
            }
            String r = scratch();
            out.add("MOV " + r + ",#" + v);
            return r;
        }

        private String scratch() {
            if (next > SCRATCH_LAST) {
                throw new Unsupported(op.describe() + ": stored value too large");
            }
            return "X" + next++;
        }

        private String text(String s, int[] at) {
            if (s.charAt(at[0]) == '(') {
                at[0]++;
                String l = text(s, at);
                int end = s.indexOf(' ', at[0] + 1);
                String operator = s.substring(at[0] + 1, end);
                at[0] = end + 1;
                String r = text(s, at);
                at[0]++; // ')'
                String mnemonic = switch (operator) {
                    case "+" -> "ADD";
                    case "-" -> "SUB";
                    case "^" -> "EOR";
                    case "&" -> "AND";
                    case "|" -> "ORR";
                    default -> throw new Unsupported(op.describe() + ": operator " + operator + " is not in the subset");
                };
                String d = scratch();
                out.add(mnemonic + " " + d + "," + l + "," + r);
                return d;
            }
            int end = at[0];
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            String atom = s.substring(at[0], end);
            at[0] = end;
            if (atom.startsWith("0x")) {
                return constant(Long.parseUnsignedLong(atom.substring(2), 16));
            } else if (registers.contains(atom)) {
                return "X" + registers.indexOf(atom);
            }
            throw new Unsupported(op.describe() + ": '" + s + "' is not in the subset");
        }
    }

    /** The litmus barrier for a scenario barrier's text ({@code dmb ishst}). */
    static String barrier(String text) {
        String[] w = text.toLowerCase(Locale.ROOT).split(" ");
        if (w[0].equals("isb")) {
            return "ISB";
        }
        String domain = w.length > 1 ? w[1] : "sy";
        if (!BARRIER_DOMAINS.contains(domain)) {
            throw new Unsupported("barrier " + text);
        }
        return w[0].toUpperCase(Locale.ROOT) + " " + domain.toUpperCase(Locale.ROOT);
    }

    private static void width(int width, Op op) {
        if (width != 8) {
            throw new Unsupported(op.describe() + ": only 64-bit accesses are in the subset");
        }
    }

    private static Long address(Op op) {
        if (op instanceof Op.Load l) {
            return l.address();
        } else if (op instanceof Op.Store s) {
            return s.address();
        } else if (op instanceof Op.TlbInvalidate t && t.kind() == Op.TlbiKind.VA) {
            return t.address();
        } else if (op instanceof Op.Fetch f) {
            return f.address();
        } else if (op instanceof Op.DataCacheByAddress d) {
            return d.address();
        } else if (op instanceof Op.InstructionCacheOp i && i.kind() == Op.IcKind.IVAU) {
            return i.address();
        }
        return null;
    }

    /** A label unique in the test, as herd7 requires: kind, thread, operation index. */
    private static String label(char kind, int p, int i) {
        return kind + "" + p + "_" + i;
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** The threads' code as a litmus table: a header of thread names, then one row per instruction. */
    private static String table(List<List<String>> code) {
        int rows = code.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[code.size()];
        for (int p = 0; p < code.size(); p++) {
            widths[p] = ("P" + p).length();
            for (String i : code.get(p)) {
                widths[p] = Math.max(widths[p], i.length());
            }
        }
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (int p = 0; p < code.size(); p++) {
            header.add("P" + p);
        }
        row(b, header, widths);
        for (int r = 0; r < rows; r++) {
            List<String> cells = new ArrayList<>();
            for (List<String> c : code) {
                cells.add(r < c.size() ? c.get(r) : "");
            }
            row(b, cells, widths);
        }
        return b.toString();
    }

    private static void row(StringBuilder b, List<String> cells, int[] widths) {
        for (int p = 0; p < cells.size(); p++) {
            b.append(' ').append(String.format("%-" + widths[p] + "s", cells.get(p))).append(p + 1 < cells.size() ? " |" : " ;");
        }
        b.append('\n');
    }
}
