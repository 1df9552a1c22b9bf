package dev.stalecheck.herd;

import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
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

/**
 * Converts the scenarios herd7 can express to AArch64 litmus tests whose final-state listing ({@code locations})
 * names every term of the scenario's outcome table, so that herd7 prints every final outcome the Arm architecture
 * allows for them (docs/ordering-judge.md).
 *
 * <p>The subset: machine {@code generic} with {@code walker l1}, cpu threads in spaces whose mappings are
 * {@code normal} (write-back cacheable) and shareable — one coherent data domain —, 64-bit loads and stores, stored
 * values built from constants, registers and {@code + - ^ & |}, and {@code dmb}, {@code dsb} (every domain) and
 * {@code isb}. Each thread becomes a litmus thread, each virtual address a location ({@code x}, {@code y}, ...).
 * herd7's final memory value of a location is the last write in coherence order; in stalecheck it is what a load
 * reads once every thread has finished (coherent caches give it the newest copy), so a scenario names its final
 * memory values with an <em>observer</em>: a cpu thread {@code after} every other thread that only loads, each
 * location once; its register for a location stands for herd7's {@code [x]}. {@code ram[...]} terms are refused:
 * they are what RAM holds, with dirty lines left out, which herd7 has no notion of.
 */
public final class LitmusWriter {
    /** Location names in order of virtual address. */
    private static final String[] NAMES = {"x", "y", "z", "w", "v", "u", "t", "s"};
    /** Litmus registers: a thread's register i is X(i); location j's address is in X(ADDRESS_BASE + j). */
    private static final int MAX_DATA_REGISTERS = 8;
    private static final int ADDRESS_BASE = 8;
    /** Scratch registers for stored values. */
    private static final int SCRATCH_BASE = 16;
    private static final int SCRATCH_LAST = 28;
    private static final Set<String> BARRIER_DOMAINS = Set.of("sy", "st", "ld", "ish", "ishst", "ishld", "osh", "oshst",
            "oshld", "nsh", "nshst", "nshld");

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
     * A litmus test.
     *
     * @param text    the litmus file's text
     * @param variant the herd7 {@code -variant} it needs, or {@code ""} for none
     * @param columns for each term of the scenario's outcome table (its text), the herd7 location that holds its
     *                value, as herd7 prints it ({@code 1:X0}, {@code [x]})
     */
    public record Litmus(String text, String variant, Map<String, String> columns) {
    }

    /** The litmus test of {@code s}, named {@code name}; throws {@link Unsupported} outside the subset. */
    public static Litmus write(Scenario s, String name) {
        return new LitmusWriter.Conversion(s).run(name);
    }

    /** The state of one conversion. */
    private static final class Conversion {
        private final Scenario scenario;
        private final Program program;
        /** Virtual address to location name. */
        private final Map<Long, String> locations = new TreeMap<>(Long::compareUnsigned);
        /** Litmus thread number of each stalecheck thread; the observer gets -1. */
        private final int[] proc;
        private int observer = -1;

        Conversion(Scenario s) {
            this.scenario = s;
            this.program = s.machine().program();
            this.proc = new int[program.threads().size()];
        }

        Litmus run(String name) {
            machine();
            findObserver();
            memory();
            List<List<String>> code = new ArrayList<>();
            List<String> init = new ArrayList<>();
            initialMemory(init);
            for (int t = 0; t < program.threads().size(); t++) {
                if (t == observer) {
                    continue;
                }
                proc[t] = code.size();
                code.add(thread(program.threads().get(t), proc[t], init));
            }
            Map<String, String> columns = columns();
            StringBuilder b = new StringBuilder("AArch64 ").append(name).append('\n');
            b.append("{\n");
            for (String line : init) {
                b.append(' ').append(line).append('\n');
            }
            b.append("}\n");
            b.append(table(code));
            b.append("locations [");
            for (String c : columns.values()) {
                b.append(c.startsWith("[") ? c.substring(1, c.length() - 1) : c).append("; ");
            }
            b.setLength(b.length() - 1);
            b.append("]\n");
            return new Litmus(b.toString(), "", columns);
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
            if (program.threads().stream().anyMatch(t -> !t.onCpu())) {
                throw new Unsupported("a device thread: herd7 has no devices");
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

        /** Names every address, checking the mappings it goes through. */
        private void memory() {
            Map<Long, Long> physical = new TreeMap<>(Long::compareUnsigned);
            for (ThreadProgram t : program.threads()) {
                if (t.space() == null) {
                    throw new Unsupported("thread " + t.name() + " has no space: the subset translates through spaces");
                }
                for (Op op : t.ops()) {
                    Long a = address(op);
                    if (a == null) {
                        continue;
                    }
                    if (!(t.space().translate(a) instanceof Translation.Translated tr)) {
                        throw new Unsupported(op.describe() + " faults in " + t.space().name());
                    }
                    if (tr.type() != MemoryType.NORMAL || !tr.shareable()) {
                        throw new Unsupported(op.describe() + " is a " + tr.type().word() + (tr.shareable() ? "" : " nsh")
                                + " access: the subset is normal shareable memory");
                    }
                    Long before = physical.put(a, tr.physicalAddress());
                    if (before != null && before != tr.physicalAddress()) {
                        throw new Unsupported("VA " + hex(a) + " maps to two physical addresses");
                    }
                }
            }
            if (physical.size() > NAMES.length) {
                throw new Unsupported("more than " + NAMES.length + " locations");
            }
            List<Long> pas = new ArrayList<>();
            for (Map.Entry<Long, Long> e : physical.entrySet()) {
                long pa = e.getValue();
                for (long other : pas) {
                    if (Math.abs(other - pa) < 8) {
                        throw new Unsupported("PA " + hex(pa) + " is reached through two addresses or overlaps another"
                                + " location: herd7's locations are disjoint");
                    }
                }
                pas.add(pa);
                locations.put(e.getKey(), NAMES[locations.size()]);
            }
        }

        private void initialMemory(List<String> init) {
            for (RamInit r : program.ram()) {
                if (r.fillBytes() > 0) {
                    throw new Unsupported("a 'ram ... size' fill");
                }
                for (Map.Entry<Long, String> e : locations.entrySet()) {
                    long pa = ((Translation.Translated) anySpaceTranslation(e.getKey())).physicalAddress();
                    if (pa == r.physicalAddress()) {
                        init.add(e.getValue() + "=" + Long.toUnsignedString(r.value()) + ";");
                    }
                }
            }
        }

        private Translation anySpaceTranslation(long va) {
            for (ThreadProgram t : program.threads()) {
                Translation tr = t.space().translate(va);
                if (tr instanceof Translation.Translated) {
                    return tr;
                }
            }
            throw new IllegalStateException("no thread translates " + hex(va));
        }

        /** The litmus code of one thread; adds its address registers to {@code init}. */
        private List<String> thread(ThreadProgram t, int p, List<String> init) {
            if (t.registers().size() > MAX_DATA_REGISTERS) {
                throw new Unsupported("thread " + t.name() + " uses more than " + MAX_DATA_REGISTERS + " registers");
            }
            List<String> out = new ArrayList<>();
            Set<String> used = new java.util.TreeSet<>();
            for (Op op : t.ops()) {
                if (op instanceof Op.Load l) {
                    width(l.width(), op);
                    int reg = l.register() == null ? SCRATCH_LAST : l.register().index();
                    out.add("LDR X" + reg + ",[" + addressRegister(l.address(), used) + "]");
                } else if (op instanceof Op.Store st) {
                    width(st.width(), op);
                    String value = new ValueCode(out, op, t.registers()).register(st.value());
                    out.add("STR " + value + ",[" + addressRegister(st.address(), used) + "]");
                } else if (op instanceof Op.Barrier bar) {
                    out.add(barrier(bar.text()));
                } else {
                    throw new Unsupported("'" + op.describe() + "' is not in the subset");
                }
            }
            for (Map.Entry<Long, String> e : locations.entrySet()) {
                String r = "X" + (ADDRESS_BASE + index(e.getValue()));
                if (used.contains(r)) {
                    init.add(p + ":" + r + "=" + e.getValue() + ";");
                }
            }
            return out;
        }

        private String addressRegister(long va, Set<String> used) {
            String r = "X" + (ADDRESS_BASE + index(locations.get(va)));
            used.add(r);
            return r;
        }

        /** For each outcome term, the herd7 location printing it. */
        private Map<String, String> columns() {
            Map<String, String> out = new LinkedHashMap<>();
            for (Term term : scenario.outcomeTerms()) {
                if (!(term instanceof Term.Register r)) {
                    throw new Unsupported(term.text() + ": ram[...] is what RAM holds, which herd7 does not model;"
                            + " name final memory values with an observer thread");
                }
                if (r.thread() == observer) {
                    for (Op op : program.threads().get(observer).ops()) {
                        Op.Load l = (Op.Load) op;
                        if (l.register().index() == r.register()) {
                            out.put(term.text(), "[" + locations.get(l.address()) + "]");
                        }
                    }
                } else {
                    out.put(term.text(), proc[r.thread()] + ":X" + r.register());
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
            if (next > SCRATCH_LAST - 1) {
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
        }
        return null;
    }

    private static int index(String name) {
        return List.of(NAMES).indexOf(name);
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
