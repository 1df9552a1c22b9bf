package dev.stalecheck.scenario;

import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.ConfigException;
import dev.stalecheck.config.DisabledHits;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WalkerStart;
import dev.stalecheck.config.WritePolicy;
import dev.stalecheck.preset.Preset;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@code machine PRESET { overrides }} block into a validated {@link MachineConfig}. */
final class MachineBlock {
    private static final Pattern WAYS = Pattern.compile("(\\d+)-way");
    private static final Pattern LEVEL = Pattern.compile("l1d|l1i|l[2-9]");

    private MachineBlock() {
    }

    static MachineConfig build(ScenarioDecl.MachineDecl decl) {
        if (decl == null) {
            return Preset.GENERIC.config();
        }
        Preset preset = Preset.byName(decl.preset()).orElseThrow(() -> new ScenarioException(decl.pos(),
                "unknown preset '" + decl.preset() + "' (known: " + Preset.names() + ")"));
        MachineConfig.Builder b = preset.toBuilder();
        for (ScenarioDecl.Override o : decl.overrides()) {
            if (o.keyword().equals("cache")) {
                apply(b, o);
            }
        }
        for (ScenarioDecl.Override o : decl.overrides()) {
            if (!o.keyword().equals("cache")) {
                apply(b, o);
            }
        }
        try {
            return b.build();
        } catch (ConfigException e) {
            throw new ScenarioException(blame(decl, e.getMessage()), e.getMessage());
        }
    }

    /** The override line a whole-machine validation error is about: the last one whose keyword starts the message. */
    private static SourcePosition blame(ScenarioDecl.MachineDecl decl, String message) {
        SourcePosition at = decl.pos();
        for (ScenarioDecl.Override o : decl.overrides()) {
            String level = o.args().isEmpty() ? "" : o.args().get(0).text().toLowerCase(Locale.ROOT);
            if (message.startsWith(o.keyword() + " ") || message.startsWith("cache " + level + ":")
                    && o.keyword().equals("cache")) {
                at = o.pos();
            }
        }
        return at;
    }

    private static void apply(MachineConfig.Builder b, ScenarioDecl.Override o) {
        try {
            switch (o.keyword()) {
                case "cpus" -> b.cpus(intArg(o, 0, "a number of cpus"));
                case "tlb" -> b.tlb(intArg(o, 0, "a number of TLB entries"));
                case "word" -> b.word(intArg(o, 0, "32 or 64"));
                case "page" -> b.page(intArg(o, 0, "a page size such as 4K"));
                case "pou" -> b.pou(point(o));
                case "poc" -> b.poc(point(o));
                case "walker" -> b.walker(walker(o));
                case "disabled-hits" -> b.disabledHits(DisabledHits.fromWord(word(o, 0, "yes, no or any")));
                case "invalidate" -> invalidate(b, o);
                case "cache" -> cache(b, o);
                default -> throw new ScenarioException(o.pos(), "unknown machine setting '" + o.keyword() + "'");
            }
        } catch (ConfigException e) {
            throw new ScenarioException(o.pos(), e.getMessage());
        }
    }

    private static void invalidate(MachineConfig.Builder b, ScenarioDecl.Override o) {
        String level = level(o, 0);
        expectArgs(o, 2, "invalidate LEVEL discard|clean|any");
        b.invalidate(level, InvalidatePolicy.fromWord(word(o, 1, "discard, clean or any")));
    }

    private static Point point(ScenarioDecl.Override o) {
        expectArgs(o, 1, o.keyword() + " LEVEL|memory");
        return Point.fromWord(word(o, 0, "a level or memory")).orElseThrow(() -> unknown(o,
                "a cache level (l2, l3, ...) or memory"));
    }

    private static WalkerStart walker(ScenarioDecl.Override o) {
        expectArgs(o, 1, "walker l1|l2|memory|any");
        return WalkerStart.fromWord(word(o, 0, "l1, a level, memory or any")).orElseThrow(() -> unknown(o,
                "l1, a cache level (l2, l3, ...), memory or any"));
    }

    private static ScenarioException unknown(ScenarioDecl.Override o, String expected) {
        Token w = o.args().get(0);
        return new ScenarioException(w.position(), "unknown " + o.keyword() + " '" + w.text() + "' (expected "
                + expected + ")");
    }

    private static void cache(MachineConfig.Builder b, ScenarioDecl.Override o) {
        String name = level(o, 0);
        if (o.args().size() == 2 && o.args().get(1).isWord("none")) {
            b.removeCache(name);
            return;
        }
        if (o.args().size() < 4) {
            throw new ScenarioException(o.pos(), "expected: cache " + name + " SIZE N-way LINE [flags], or cache "
                    + name + " none");
        }
        int size = intArg(o, 1, "a size such as 32K");
        Matcher ways = WAYS.matcher(o.args().get(2).text().toLowerCase(Locale.ROOT));
        if (!ways.matches()) {
            throw new ScenarioException(o.args().get(2).position(), "expected associativity such as 4-way, found '"
                    + o.args().get(2).text() + "'");
        }
        int line = intArg(o, 3, "a line size such as 64B");
        Indexing indexing = Indexing.PIPT;
        WritePolicy write = WritePolicy.WRITE_BACK;
        boolean allocate = true;
        boolean shared = !name.startsWith("l1");
        boolean system = false;
        boolean outer = false;
        boolean wtBypass = false;
        boolean inclusive = false;
        for (Token flag : o.args().subList(4, o.args().size())) {
            switch (flag.text().toLowerCase(Locale.ROOT)) {
                case "pipt" -> indexing = Indexing.PIPT;
                case "vipt" -> indexing = Indexing.VIPT;
                case "write-back" -> write = WritePolicy.WRITE_BACK;
                case "write-through" -> write = WritePolicy.WRITE_THROUGH;
                case "write-allocate" -> allocate = true;
                case "no-write-allocate" -> allocate = false;
                case "shared" -> shared = true;
                case "private" -> shared = false;
                case "system" -> {
                    system = true;
                    shared = true;
                }
                case "outer" -> {
                    outer = true;
                    shared = true;
                }
                case "wt-bypass" -> wtBypass = true;
                case "inclusive" -> inclusive = true;
                default -> throw new ScenarioException(flag.position(), "unknown cache flag '" + flag.text()
                        + "' (expected pipt, vipt, write-back, write-through, write-allocate, no-write-allocate,"
                        + " shared, private, system, outer, wt-bypass or inclusive)");
            }
        }
        int wayCount;
        try {
            wayCount = Integer.parseInt(ways.group(1));
        } catch (NumberFormatException e) {
            throw new ScenarioException(o.args().get(2).position(), "too many ways");
        }
        b.cache(new CacheLevelConfig(name, new CacheGeometry(size, wayCount, line), indexing, write, allocate, shared,
                system, outer, wtBypass, inclusive));
    }

    private static void expectArgs(ScenarioDecl.Override o, int n, String usage) {
        if (o.args().size() != n) {
            throw new ScenarioException(o.pos(), "expected: " + usage);
        }
    }

    private static String level(ScenarioDecl.Override o, int i) {
        String w = word(o, i, "a cache level (l1d, l1i, l2, ...)");
        if (!LEVEL.matcher(w).matches()) {
            throw new ScenarioException(o.args().get(i).position(), "expected a cache level (l1d, l1i, l2, ...), found '"
                    + o.args().get(i).text() + "'");
        }
        return w;
    }

    private static String word(ScenarioDecl.Override o, int i, String what) {
        List<Token> args = o.args();
        if (i >= args.size()) {
            throw new ScenarioException(o.pos(), o.keyword() + " needs " + what);
        }
        return args.get(i).text().toLowerCase(Locale.ROOT);
    }

    private static int intArg(ScenarioDecl.Override o, int i, String what) {
        if (i >= o.args().size() || o.args().get(i).kind() != Token.Kind.NUMBER) {
            SourcePosition at = i < o.args().size() ? o.args().get(i).position() : o.pos();
            if (i < o.args().size() && Character.isDigit(o.args().get(i).text().charAt(0))) {
                throw Evaluator.notANumber(new Expr.Name(o.args().get(i).text(), at));
            }
            throw new ScenarioException(at, o.keyword() + " needs " + what);
        }
        long v = o.args().get(i).number();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new ScenarioException(o.args().get(i).position(), "value " + o.args().get(i).text() + " is too large");
        }
        if (o.keyword().matches("cpus|tlb|word|page") && o.args().size() != 1) {
            throw new ScenarioException(o.pos(), "expected: " + o.keyword() + " N");
        }
        return (int) v;
    }
}
