package dev.stalecheck.herd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The scenarios of the herd7 judge (docs/ordering-judge.md): the classic litmus shapes over plain memory — message
 * passing, store buffering, load buffering, coherence, 2+2W, WRC, ISA2, IRIW and their kin — each with every
 * combination (or a seeded sample) of what may stand between two accesses of a thread: nothing ({@code po}), a
 * {@code dmb} or {@code dsb} of some domain, an {@code isb}, or a data dependency; then seeded random programs.
 * Deterministic: the same seed gives the same scenarios, texts and names.
 */
public final class HerdShapes {
    /** The seed of the recorded scenarios. */
    public static final long SEED = 19;

    /** Locations: name and virtual address, on one 32-byte line or on three lines of their own. */
    private static final String[] LOCATIONS = {"x", "y", "z"};
    private static final long BASE = 0x1000;

    /** Edges between two accesses of a thread that the exhaustive families combine. */
    static final List<String> CORE = List.of("po", "dmb.ish", "dmb.ishst", "dmb.ishld", "dsb.ish", "isb", "data");
    /** Further edges: other domains and forms, the {@code dsb; isb} idiom. */
    static final List<String> EXTRA = List.of("dmb.sy", "dmb.st", "dmb.ld", "dsb.sy", "dsb.ishst", "dsb.ishld",
            "dsb.ish-isb", "dmb.osh", "dsb.nsh", "dmb.oshld", "dsb.oshst");

    /** Two-thread shapes with two edge slots ({@code E}): accesses are W(location)(value) or R(location). */
    private static final Map<String, String[]> TWO = new LinkedHashMap<>();
    /** Shapes of three or four threads. */
    private static final Map<String, String[]> MANY = new LinkedHashMap<>();
    /** Coherence shapes: one location. */
    private static final Map<String, String[]> COHERENCE = new LinkedHashMap<>();

    static {
        TWO.put("MP", new String[] {"Wx1 E Wy1", "Ry E Rx"});
        TWO.put("SB", new String[] {"Wx1 E Ry", "Wy1 E Rx"});
        TWO.put("LB", new String[] {"Rx E Wy1", "Ry E Wx1"});
        TWO.put("S", new String[] {"Wx2 E Wy1", "Ry E Wx1"});
        TWO.put("R", new String[] {"Wx1 E Wy1", "Wy2 E Rx"});
        TWO.put("2+2W", new String[] {"Wx1 E Wy2", "Wy1 E Wx2"});
        MANY.put("WRC", new String[] {"Wx1", "Rx E Wy1", "Ry E Rx"});
        MANY.put("ISA2", new String[] {"Wx1 E Wy1", "Ry E Wz1", "Rz E Rx"});
        MANY.put("RWC", new String[] {"Wx1", "Rx E Ry", "Wy1 E Rx"});
        MANY.put("WRW+2W", new String[] {"Wx2", "Rx E Wy1", "Wy2 E Wx1"});
        MANY.put("WRR+2W", new String[] {"Wx1", "Rx E Ry", "Wy1 E Wx2"});
        MANY.put("WWC", new String[] {"Wx2", "Rx E Wy1", "Ry E Wx1"});
        MANY.put("3.SB", new String[] {"Wx1 E Ry", "Wy1 E Rz", "Wz1 E Rx"});
        MANY.put("3.LB", new String[] {"Rx E Wy1", "Ry E Wz1", "Rz E Wx1"});
        MANY.put("3.2W", new String[] {"Wx2 E Wy1", "Wy2 E Wz1", "Wz2 E Wx1"});
        MANY.put("Z6.3", new String[] {"Wx1 E Wy1", "Wy2 E Wz1", "Rz E Rx"});
        MANY.put("IRIW", new String[] {"Wx1", "Wy1", "Rx E Ry", "Ry E Rx"});
        COHERENCE.put("CoRR", new String[] {"Wx1", "Rx E Rx"});
        COHERENCE.put("CoWW", new String[] {"Wx1 E Wx2"});
        COHERENCE.put("CoWR", new String[] {"Wx1 E Rx", "Wx2"});
        COHERENCE.put("CoRW1", new String[] {"Rx E Wx1"});
        COHERENCE.put("CoRW2", new String[] {"Rx E Wx1", "Wx2"});
        COHERENCE.put("CoWW+RR", new String[] {"Wx1 E Wx2", "Rx E Rx"});
        COHERENCE.put("CoRR2", new String[] {"Wx1", "Wx2", "Rx E Rx", "Rx E Rx"});
        COHERENCE.put("CoWR+W", new String[] {"Wx1 E Rx E Rx", "Wx2"});
    }

    private HerdShapes() {
    }

    /**
     * A generated scenario.
     *
     * @param name   the scenario's (and litmus test's) name, also its file name
     * @param family the shape it instantiates ({@code MP}, ..., {@code random})
     * @param text   the scenario file's text
     */
    public record Generated(String name, String family, String text) {
    }

    /** Every scenario of the judge, for {@code seed}. */
    public static List<Generated> all(long seed) {
        Random random = new Random(seed);
        List<Generated> out = new ArrayList<>();
        // Every pair of core edges for the two-thread shapes (a data dependency only from a load to a store).
        for (Map.Entry<String, String[]> e : TWO.entrySet()) {
            int n = 0;
            for (String a : CORE) {
                for (String b : CORE) {
                    if (fits(e.getValue(), List.of(a, b))) {
                        out.add(shape(e.getKey(), e.getValue(), List.of(a, b), n++ % 2 == 0, 0));
                    }
                }
            }
            for (String a : EXTRA) {
                out.add(shape(e.getKey(), e.getValue(), List.of(a, a), n++ % 2 == 0, 0));
            }
        }
        // Three and four threads: a seeded sample of edges from every kind, one line for every location.
        for (Map.Entry<String, String[]> e : MANY.entrySet()) {
            int threads = e.getValue().length;
            int samples = threads == 4 ? 16 : 18;
            sample(out, e.getKey(), e.getValue(), samples, random, threads == 4 ? 3 : 0);
        }
        for (Map.Entry<String, String[]> e : COHERENCE.entrySet()) {
            int cpus = e.getValue().length == 4 ? 3 : 0;
            int slots = slots(e.getValue());
            // Four threads (CoRR2) reach 14,000 states each: fewer samples.
            int samples = e.getValue().length == 4 ? 8 : 12;
            if (slots == 1) {
                for (String a : all()) {
                    if (fits(e.getValue(), List.of(a))) {
                        out.add(shape(e.getKey(), e.getValue(), List.of(a), false, cpus));
                    }
                }
            } else {
                sample(out, e.getKey(), e.getValue(), samples, random, cpus);
            }
        }
        for (int i = 0; i < 60; i++) {
            out.add(random(i, random));
        }
        out.addAll(TranslationShapes.all(seed + 1));
        out.addAll(InstructionShapes.all(seed + 2));
        return out;
    }

    /** Every list of {@code n} edges from {@code edges}. */
    static List<List<String>> combinations(List<String> edges, int n) {
        List<List<String>> out = new ArrayList<>();
        out.add(List.of());
        for (int i = 0; i < n; i++) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : out) {
                for (String e : edges) {
                    List<String> l = new ArrayList<>(prefix);
                    l.add(e);
                    next.add(l);
                }
            }
            out = next;
        }
        return out;
    }

    /** The threads of a shape with its edge slots filled in order. */
    static List<List<String>> fill(String[] threads, List<String> edges) {
        List<List<String>> ops = new ArrayList<>();
        int slot = 0;
        for (String t : threads) {
            List<String> thread = new ArrayList<>();
            for (String w : t.split(" ")) {
                thread.add(w.equals("E") ? edges.get(slot++) : w);
            }
            ops.add(thread);
        }
        return ops;
    }

    private static void sample(List<Generated> out, String family, String[] threads, int count, Random random, int cpus) {
        Set<String> taken = new HashSet<>();
        out.forEach(g -> taken.add(g.name()));
        out.addAll(sample(slots(threads), all(), count, random, edges -> fits(threads, edges),
                edges -> shape(family, threads, edges, false, cpus), taken));
    }

    /**
     * Up to {@code count} instances of a shape with {@code slots} edges drawn from {@code edges} by {@code random},
     * those {@code fits} accepts, each with a name not in {@code taken} (which gets the new names).
     */
    static List<Generated> sample(int slots, List<String> edges, int count, Random random, Predicate<List<String>> fits,
                                  Function<List<String>, Generated> make, Set<String> taken) {
        List<Generated> out = new ArrayList<>();
        for (int tries = 0; out.size() < count && tries < 1000; tries++) {
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < slots; i++) {
                chosen.add(edges.get(random.nextInt(edges.size())));
            }
            if (!fits.test(chosen)) {
                continue;
            }
            Generated g = make.apply(chosen);
            if (taken.add(g.name())) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * A shape's instances: every combination of {@code edges} in its slots, or, with {@code samples} not null, that
     * many seeded ones.
     */
    static List<Generated> instances(String[] threads, List<String> edges, Integer samples, Random random,
                                     Function<List<String>, Generated> make) {
        if (samples == null) {
            return combinations(edges, slots(threads)).stream().map(make).toList();
        }
        return sample(slots(threads), edges, samples, random, chosen -> true, make, new HashSet<>());
    }

    /** A shape instance's name: the family, then each edge after a {@code +}. */
    static String name(String family, List<String> edges) {
        StringBuilder name = new StringBuilder(family);
        for (String e : edges) {
            name.append('+').append(e);
        }
        return name.toString();
    }

    /**
     * Appends the observer {@code fin}: on cpu0 in {@code space}, after threads P0 to P(threads - 1), loading each
     * location ({@code {name, address}}) into a register of the location's name, which {@code shown} gets.
     */
    static void observer(StringBuilder b, String space, int threads, List<String[]> locations, List<String> shown) {
        b.append("thread fin on cpu0 in ").append(space).append(" after ");
        for (int t = 0; t < threads; t++) {
            b.append(t > 0 ? ", " : "").append('P').append(t);
        }
        b.append(" {");
        for (String[] l : locations) {
            b.append(' ').append(l[0]).append(" = load [").append(l[1]).append("];");
            shown.add("fin." + l[0]);
        }
        b.setLength(b.length() - 1);
        b.append(" }\n");
    }

    private static List<String> all() {
        List<String> all = new ArrayList<>(CORE);
        all.addAll(EXTRA);
        return all;
    }

    static int slots(String[] threads) {
        int n = 0;
        for (String t : threads) {
            for (String w : t.split(" ")) {
                n += w.equals("E") ? 1 : 0;
            }
        }
        return n;
    }

    /** Whether every {@code data} edge goes from a load to a store. */
    private static boolean fits(String[] threads, List<String> edges) {
        int slot = 0;
        for (String t : threads) {
            String[] w = t.split(" ");
            for (int i = 0; i < w.length; i++) {
                if (w[i].equals("E")) {
                    if (edges.get(slot++).equals("data") && !(w[i - 1].startsWith("R") && w[i + 1].startsWith("W"))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * A shape instance: its threads with the edges in their slots, one location per line ({@code lines}) or all on one
     * line, on {@code cpus} cpus (0: one per thread).
     */
    private static Generated shape(String family, String[] threads, List<String> edges, boolean lines, int cpus) {
        List<List<String>> ops = fill(threads, edges);
        String name = name(family, edges) + (lines ? "+lines" : "");
        return new Generated(name, family, text(name, family, ops, lines, cpus == 0 ? threads.length : cpus));
    }

    /**
     * A random program: two threads of one to four accesses to x and y, or three of one or two (three threads of
     * three accesses with barriers between them reach 50,000 states: too many for the test), each store a new value.
     */
    private static Generated random(int i, Random random) {
        int threads = 2 + random.nextInt(2);
        List<List<String>> ops = new ArrayList<>();
        int value = 1;
        for (int t = 0; t < threads; t++) {
            List<String> thread = new ArrayList<>();
            int accesses = 1 + random.nextInt(threads == 2 ? 4 : 2);
            for (int a = 0; a < accesses; a++) {
                if (a > 0) {
                    String edge = all().get(random.nextInt(all().size()));
                    boolean fromLoad = thread.get(thread.size() - 1).startsWith("R");
                    thread.add(edge.equals("data") && !fromLoad ? "po" : edge);
                }
                String location = LOCATIONS[random.nextInt(2)];
                boolean afterData = thread.size() > 1 && thread.get(thread.size() - 1).equals("data");
                thread.add(afterData || random.nextBoolean() ? "W" + location + value++ : "R" + location);
            }
            ops.add(thread);
        }
        String name = String.format("random-%03d", i);
        return new Generated(name, "random", text(name, "random", ops, false, threads));
    }

    /** The scenario text: threads P0.., then the observer {@code fin} reading every location the threads use. */
    private static String text(String name, String family, List<List<String>> threads, boolean lines, int cpus) {
        StringBuilder b = new StringBuilder();
        b.append("scenario \"").append(name).append("\"\n");
        b.append("doc \"").append(family).append(" shape for the herd7 judge (docs/ordering-judge.md), generated by")
                .append(" HerdShapes\"\n");
        String cache = lines ? "128B 1-way 32B" : "32B 1-way 32B";
        b.append("machine generic { cpus ").append(cpus).append("; walker l1; cache l1d ").append(cache)
                .append("; cache l2 none; cache l1i none }\n");
        b.append("space k { 0x1000 -> 0x80001000 size 4K normal }\n");
        List<String> shown = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (int t = 0; t < threads.size(); t++) {
            b.append("thread P").append(t).append(" on cpu").append(t % cpus).append(" in k {\n");
            int registers = 0;
            String lastRegister = null;
            List<String> ops = threads.get(t);
            for (int i = 0; i < ops.size(); i++) {
                String op = ops.get(i);
                char kind = op.charAt(0);
                if (kind == 'R' || kind == 'W') {
                    String location = op.substring(1, 2);
                    if (!used.contains(location)) {
                        used.add(location);
                    }
                    String address = address(location, lines);
                    if (kind == 'R') {
                        lastRegister = "r" + registers++;
                        b.append("  ").append(lastRegister).append(" = load [").append(address).append("]\n");
                        shown.add("P" + t + "." + lastRegister);
                    } else {
                        String value = op.substring(2);
                        boolean data = i > 0 && ops.get(i - 1).equals("data");
                        b.append("  store [").append(address).append("] = ")
                                .append(data ? "(" + lastRegister + " ^ " + lastRegister + ") + " + value : value)
                                .append('\n');
                    }
                } else {
                    for (String barrier : barriers(op)) {
                        b.append("  ").append(barrier).append('\n');
                    }
                }
            }
            b.append("}\n");
        }
        used.sort(null);
        observer(b, "k", threads.size(), used.stream().map(l -> new String[] {l, address(l, lines)}).toList(), shown);
        b.append("show ").append(String.join(", ", shown)).append('\n');
        return b.toString();
    }

    /** The barrier operations of an edge ({@code dsb.ish-isb}: {@code dsb ish}, {@code isb}); none for po, data. */
    static List<String> barriers(String edge) {
        if (edge.equals("po") || edge.equals("data")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : edge.split("-")) {
            out.add(part.replace('.', ' '));
        }
        return out;
    }

    private static String address(String location, boolean lines) {
        int i = List.of(LOCATIONS).indexOf(location);
        return "0x" + Long.toHexString(BASE + (long) i * (lines ? 32 : 8));
    }
}
