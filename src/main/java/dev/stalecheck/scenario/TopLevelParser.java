package dev.stalecheck.scenario;

import dev.stalecheck.config.Point;
import dev.stalecheck.machine.ExploreOption;
import dev.stalecheck.machine.Ordering;
import dev.stalecheck.program.ConditionKind;
import dev.stalecheck.program.TableFormat;
import dev.stalecheck.program.WalkAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Parses one top-level item (everything but {@code include}, which {@link ScenarioParser} handles). */
final class TopLevelParser {
    /** The options a {@code pagetable} declaration takes before its block, each at most once. */
    private static final java.util.Set<String> TABLE_OPTIONS = java.util.Set.of("asid", "high", "stage", "vmid",
            "via", "walk");

    private static final Set<String> MAPPING_ATTRIBUTES = Set.of("normal", "normal-wt", "normal-nc", "device", "nsh",
            "ro", "xn", "global");
    private static final Set<String> MACHINE_KEYWORDS = Set.of("cpus", "cache", "invalidate", "disabled-hits", "pou",
            "poc", "walker", "tlb", "word", "page");

    private final TokenStream in;
    private final ExprParser expr;
    private final StmtParser stmts;
    private final ScenarioDecl decl;
    private final String file;
    private final String text;
    private final List<String> macrosOfThisFile = new ArrayList<>();

    TopLevelParser(TokenStream in, ExprParser expr, StmtParser stmts, ScenarioDecl decl, String file, String text) {
        this.in = in;
        this.expr = expr;
        this.stmts = stmts;
        this.decl = decl;
        this.file = file;
        this.text = text;
    }

    void item() {
        Token t = in.peek();
        if (t.kind() == Token.Kind.SYMBOL && t.is("~") && in.peek(1).isWord("exists")) {
            in.next();
            in.next();
            condition(ConditionKind.NOT_EXISTS, t);
            return;
        }
        if (t.kind() != Token.Kind.NAME) {
            throw TokenStream.error(t, "expected a declaration (scenario, machine, ram, space, thread, expect, ...), found "
                    + t.describe());
        }
        switch (t.text()) {
            case "scenario" -> scenario(t);
            case "doc" -> {
                in.next();
                decl.doc = in.string("the documentation text");
            }
            case "machine" -> machine(t);
            case "ram" -> ram(t);
            case "cached" -> cached(t);
            case "space" -> space(t);
            case "pagetable" -> pageTable(t);
            case "macro" -> macro(t);
            case "thread" -> thread(t);
            case "device" -> device(t);
            case "smmu" -> smmu(t);
            case "expect" -> keywordCondition(ConditionKind.EXPECT, t);
            case "forall" -> keywordCondition(ConditionKind.FORALL, t);
            case "exists" -> keywordCondition(ConditionKind.EXISTS, t);
            case "show" -> {
                in.next();
                do {
                    decl.shows.add(expr.expression());
                } while (in.accept(","));
            }
            case "explore" -> explore(t);
            default -> throw TokenStream.error(t, "unknown declaration '" + t.text()
                    + "' (expected scenario, doc, include, machine, ram, cached, space, pagetable, macro, thread, device,"
                    + " smmu, expect, forall, exists, ~exists, show or explore)");
        }
    }

    private void scenario(Token t) {
        in.next();
        if (decl.name != null) {
            throw TokenStream.error(t, "a file has one 'scenario' line");
        }
        decl.namePosition = t.position();
        decl.name = in.string("the scenario's name");
    }

    private void machine(Token t) {
        in.next();
        if (decl.machine != null) {
            throw TokenStream.error(t, "a scenario has one 'machine' block");
        }
        String preset = in.word("a preset name").text();
        List<ScenarioDecl.Override> overrides = new ArrayList<>();
        in.expect("{", "to open the machine block");
        while (true) {
            in.skipSeparators();
            if (in.accept("}")) {
                break;
            }
            if (in.atEof()) {
                throw TokenStream.error(in.peek(), "missing '}' to close the machine block");
            }
            Token k = in.word("a machine setting (cpus, cache, invalidate, disabled-hits, pou, poc, walker, tlb, word, page)");
            String keyword = k.text().toLowerCase(Locale.ROOT);
            if (!MACHINE_KEYWORDS.contains(keyword)) {
                throw TokenStream.error(k, "unknown machine setting '" + k.text()
                        + "' (expected cpus, cache, invalidate, disabled-hits, pou, poc, walker, tlb, word or page)");
            }
            List<Token> args = new ArrayList<>();
            while (!in.peek().is("}") && in.peek().kind() != Token.Kind.EOF && in.peek().kind() != Token.Kind.SEPARATOR
                    && !(args.size() > 0 && isMachineKeyword(in.peek()))) {
                args.add(in.word("a value"));
            }
            overrides.add(new ScenarioDecl.Override(keyword, args, k.position()));
        }
        decl.machine = new ScenarioDecl.MachineDecl(preset, overrides, t.position());
    }

    private boolean isMachineKeyword(Token t) {
        if (t.kind() != Token.Kind.NAME) {
            return false;
        }
        String w = t.text().toLowerCase(Locale.ROOT);
        if (w.equals("disabled") && in.peek(1).is("-")) {
            return true;
        }
        return MACHINE_KEYWORDS.contains(w);
    }

    private void ram(Token t) {
        in.next();
        Expr address = expr.expression();
        in.expect("=", "between the address and the value");
        Expr value = expr.expression();
        Expr size = in.acceptWord("size") ? expr.expression() : null;
        decl.rams.add(new ScenarioDecl.RamDecl(address, value, size, t.position()));
    }

    private void cached(Token t) {
        in.next();
        Token first = in.name("a cpu and level (cpu0.l1d) or a shared level (l2)");
        String cpu = null;
        String level = first.text().toLowerCase(Locale.ROOT);
        if (in.accept(".")) {
            cpu = first.text();
            level = in.name("a level").text().toLowerCase(Locale.ROOT);
        }
        in.expect("[", "before the physical address");
        Expr address = expr.expression();
        in.expect("]", "after the physical address");
        in.expect("=", "before the value");
        Expr value = expr.expression();
        Token state = in.name("clean or dirty");
        if (!state.isWord("clean") && !state.isWord("dirty")) {
            throw TokenStream.error(state, "expected clean or dirty, found " + state.describe());
        }
        Expr colour = null;
        if (in.acceptWord("colour") || in.acceptWord("color")) {
            colour = expr.expression();
        }
        decl.cached.add(new ScenarioDecl.CachedDecl(cpu, level, address, value, state.isWord("dirty"), colour, t.position()));
    }

    private void space(Token t) {
        in.next();
        Token name = declaredName("a space name");
        if (decl.spaces.containsKey(name.text())) {
            throw TokenStream.error(name, "space " + name.text() + " is already defined");
        }
        if (decl.smmus.containsKey(name.text()) || decl.tables.containsKey(name.text())) {
            throw TokenStream.error(name, name.text() + " is already defined");
        }
        in.expect("{", "to open the space");
        List<ScenarioDecl.MappingDecl> mappings = new ArrayList<>();
        while (true) {
            in.skipSeparators();
            if (in.accept("}")) {
                break;
            }
            if (in.atEof()) {
                throw TokenStream.error(in.peek(), "missing '}' to close space " + name.text());
            }
            Token at = in.peek();
            Expr va = expr.expression();
            in.expect("->", "between the virtual and the physical address");
            Expr pa = expr.expression();
            in.expectWord("size");
            Expr size = expr.expression();
            List<String> attributes = new ArrayList<>();
            while (in.peek().kind() == Token.Kind.NAME && MAPPING_ATTRIBUTES.contains(peekWordText())) {
                attributes.add(in.word("an attribute").text().toLowerCase(Locale.ROOT));
            }
            mappings.add(new ScenarioDecl.MappingDecl(va, pa, size, attributes, at.position()));
        }
        decl.spaces.put(name.text(), new ScenarioDecl.SpaceDecl(name.text(), mappings, t.position()));
    }

    private void pageTable(Token t) {
        in.next();
        Token name = declaredName("a table name");
        if (decl.tables.containsKey(name.text()) || decl.spaces.containsKey(name.text())
                || decl.smmus.containsKey(name.text())) {
            throw TokenStream.error(name, name.text() + " is already defined");
        }
        in.expectWord("format");
        Token formatWord = in.word("a table format (v7-short, v7-lpae, v8-4k)");
        TableFormat format = TableFormat.fromWord(formatWord.text().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                TokenStream.error(formatWord, "unknown table format '" + formatWord.text()
                        + "' (expected v7-short, v7-lpae or v8-4k)"));
        in.expectWord("at");
        Expr at = expr.expression();
        Expr asid = null;
        Expr high = null;
        boolean stage2 = false;
        boolean fwb = false;
        Expr vmid = null;
        String via = null;
        SourcePosition viaPos = null;
        WalkAttributes walk = WalkAttributes.WRITE_BACK;
        java.util.Set<String> given = new java.util.HashSet<>();
        while (in.peek().kind() == Token.Kind.NAME) {
            Token option = in.peek();
            String word = option.text().toLowerCase(Locale.ROOT);
            if (TABLE_OPTIONS.contains(word) && !given.add(word)) {
                throw TokenStream.error(option, "'" + option.text() + "' is given twice for page table " + name.text());
            }
            if (option.isWord("asid")) {
                in.next();
                asid = expr.expression();
            } else if (option.isWord("high")) {
                in.next();
                high = expr.expression();
            } else if (option.isWord("stage")) {
                in.next();
                Token n = in.peek();
                if (n.kind() != Token.Kind.NUMBER || n.number() != 2) {
                    throw TokenStream.error(n, "expected 'stage 2'");
                }
                in.next();
                stage2 = true;
                if (in.acceptWord("fwb")) {
                    fwb = true;
                }
            } else if (option.isWord("vmid")) {
                in.next();
                vmid = expr.expression();
            } else if (option.isWord("via")) {
                in.next();
                Token s2 = in.name("a stage-2 table's name");
                via = s2.text();
                viaPos = s2.position();
            } else if (option.isWord("walk")) {
                in.next();
                walk = walkAttributes();
            } else {
                break;
            }
        }
        in.expect("{", "to open the page table");
        List<ScenarioDecl.MapDecl> maps = new ArrayList<>();
        while (true) {
            in.skipSeparators();
            if (in.accept("}")) {
                break;
            }
            if (in.atEof()) {
                throw TokenStream.error(in.peek(), "missing '}' to close pagetable " + name.text());
            }
            Token m = in.expectWord("map");
            Expr va = expr.expression();
            in.expect("->", "between the virtual and the output address");
            Expr oa = expr.expression();
            in.expectWord("size");
            Expr size = expr.expression();
            Token kindWord = in.word("a kind (section, supersection, page, large-page, block)");
            DescriptorKind kind = DescriptorKind.fromWord(kindWord.text().toLowerCase(Locale.ROOT))
                    .filter(DescriptorKind::maps).orElseThrow(() -> TokenStream.error(kindWord, "unknown kind '"
                            + kindWord.text() + "' (expected section, supersection, page, large-page or block)"));
            List<String> attributes = new ArrayList<>();
            List<Expr> tables = new ArrayList<>();
            while (in.peek().kind() == Token.Kind.NAME) {
                if (in.peek().isWord("table")) {
                    in.next();
                    do {
                        tables.add(expr.expression());
                    } while (in.accept(","));
                } else if (MAPPING_ATTRIBUTES.contains(peekWordText())) {
                    attributes.add(in.word("an attribute").text().toLowerCase(Locale.ROOT));
                } else {
                    break;
                }
            }
            maps.add(new ScenarioDecl.MapDecl(va, oa, size, kind, attributes, tables, m.position()));
        }
        decl.tables.put(name.text(), new ScenarioDecl.PageTableDecl(name.text(), format, formatWord.position(), at,
                asid, high, stage2, fwb, vmid, via, viaPos, walk, maps, t.position()));
    }

    /** After {@code walk}: {@code wb|wt|nc}, or {@code inner ATTR outer ATTR}. */
    private WalkAttributes walkAttributes() {
        if (in.acceptWord("inner")) {
            WalkAttributes.Cacheability inner = cacheability();
            if (!in.peek().isWord("outer")) {
                throw TokenStream.error(in.peek(), "expected 'outer' and its attribute after 'walk inner "
                        + inner.word() + "' (walk inner wb|wt|nc outer wb|wt|nc)");
            }
            in.next();
            return new WalkAttributes(inner, cacheability());
        }
        WalkAttributes.Cacheability both = cacheability();
        return new WalkAttributes(both, both);
    }

    private WalkAttributes.Cacheability cacheability() {
        Token w = in.peek();
        String text = w.kind() == Token.Kind.NAME ? w.text().toLowerCase(Locale.ROOT) : "";
        WalkAttributes.Cacheability c = WalkAttributes.Cacheability.fromWord(text).orElseThrow(() ->
                TokenStream.error(w, "expected a walk attribute wb, wt or nc (or inner ATTR outer ATTR), found '"
                        + w.text() + "'"));
        in.next();
        return c;
    }

    /** The glued word starting at the next token, without consuming it. */
    private String peekWordText() {
        StringBuilder b = new StringBuilder(in.peek().text());
        int k = 0;
        int end = in.peek().end();
        while (in.peek(k + 1).is("-") && in.peek(k + 1).start() == end && in.peek(k + 2).start() == in.peek(k + 1).end()
                && in.peek(k + 2).kind() == Token.Kind.NAME) {
            b.append('-').append(in.peek(k + 2).text());
            end = in.peek(k + 2).end();
            k += 2;
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private void macro(Token t) {
        in.next();
        Token name = declaredName("a macro name");
        if (macrosOfThisFile.contains(name.text())) {
            throw TokenStream.error(name, "macro " + name.text() + " is defined twice in this file");
        }
        macrosOfThisFile.add(name.text());
        in.expect("(", "to open the parameter list");
        List<String> params = new ArrayList<>();
        if (!in.peek().is(")")) {
            do {
                Token p = declaredName("a parameter name");
                if (params.contains(p.text())) {
                    throw TokenStream.error(p, "parameter " + p.text() + " appears twice");
                }
                params.add(p.text());
            } while (in.accept(","));
        }
        in.expect(")", "to close the parameter list");
        List<Stmt> body = stmts.block("macro " + name.text());
        decl.macros.put(name.text(), new ScenarioDecl.MacroDecl(name.text(), params, body, file, t.position()));
    }

    private void thread(Token t) {
        in.next();
        Token name = declaredName("a thread name");
        in.expectWord("on");
        Token agent = in.name("a cpu (cpu0) or a device name");
        String space = null;
        SourcePosition spacePos = null;
        if (in.acceptWord("in")) {
            Token s = in.name("a space name");
            space = s.text();
            spacePos = s.position();
        }
        if (in.peek().isWord("via")) {
            throw TokenStream.error(in.peek(), "'via SMMU' belongs on a device declaration ('device NAME at memory via"
                    + " SMMU'): a thread takes the translation of the agent it runs on");
        }
        List<String> after = new ArrayList<>();
        List<SourcePosition> afterPos = new ArrayList<>();
        if (in.acceptWord("after")) {
            do {
                Token a = in.name("a thread name");
                after.add(a.text());
                afterPos.add(a.position());
            } while (in.accept(","));
        }
        List<Stmt> body = stmts.block("thread " + name.text());
        decl.threads.add(new ScenarioDecl.ThreadDecl(name.text(), agent.text(), agent.position(), space, spacePos, after,
                afterPos, body, name.position()));
    }

    private void device(Token t) {
        in.next();
        Token name = declaredName("a device name");
        if (decl.devices.containsKey(name.text()) || decl.smmus.containsKey(name.text())) {
            throw TokenStream.error(name, name.text() + " is already defined");
        }
        boolean coherent = in.acceptWord("coherent");
        Point level = Point.MEMORY;
        SourcePosition levelPos = t.position();
        if (coherent) {
            if (in.acceptWord("allocate")) {
                Token at = in.name("a shared cache level");
                levelPos = at.position();
                level = Point.fromWord(at.text().toLowerCase(Locale.ROOT)).filter(p -> !p.equals(Point.MEMORY))
                        .orElseThrow(() -> TokenStream.error(at, "unknown allocation level '" + at.text()
                                + "' (expected a shared cache level such as l3)"));
            }
        } else {
            in.expectWord("at");
            Token at = in.name("memory or a shared level");
            levelPos = at.position();
            level = Point.fromWord(at.text().toLowerCase(Locale.ROOT)).orElseThrow(() -> TokenStream.error(at,
                    "unknown device point '" + at.text() + "' (expected memory or a shared cache level such as l2)"));
        }
        String via = null;
        SourcePosition viaPos = null;
        if (in.acceptWord("via")) {
            Token s = in.name("an smmu's name");
            via = s.text();
            viaPos = s.position();
        }
        decl.devices.put(name.text(), new ScenarioDecl.DeviceDecl(name.text(), level, levelPos, coherent, via, viaPos,
                t.position()));
    }

    /** {@code smmu NAME table PT [tlb N] [coherent]}. */
    private void smmu(Token t) {
        in.next();
        Token name = declaredName("an smmu name");
        if (decl.smmus.containsKey(name.text()) || decl.devices.containsKey(name.text())
                || decl.tables.containsKey(name.text()) || decl.spaces.containsKey(name.text())
                || name.text().matches("cpu\\d+")) {
            throw TokenStream.error(name, name.text() + " is already defined"
                    + (name.text().matches("cpu\\d+") ? " (it names a cpu)" : ""));
        }
        if (!in.peek().isWord("table")) {
            throw TokenStream.error(in.peek(), "smmu " + name.text() + " needs 'table NAME': the page table its walks"
                    + " read, found " + in.peek().describe());
        }
        in.next();
        Token table = in.name("a page table's name");
        Expr tlb = null;
        boolean coherent = false;
        while (in.peek().kind() == Token.Kind.NAME) {
            if (in.acceptWord("tlb")) {
                tlb = expr.expression();
            } else if (in.acceptWord("coherent")) {
                coherent = true;
            } else {
                break;
            }
        }
        decl.smmus.put(name.text(), new ScenarioDecl.SmmuDecl(name.text(), table.text(), table.position(), tlb,
                coherent, t.position()));
    }

    private void keywordCondition(ConditionKind kind, Token t) {
        in.next();
        condition(kind, t);
    }

    private void condition(ConditionKind kind, Token t) {
        int from = in.mark();
        Expr c = expr.expression();
        int[] span = in.span(from);
        decl.conditions.add(new ScenarioDecl.ConditionDecl(kind, c, sourceText(span[0], span[1]), t.position()));
    }

    /** The source between two offsets without comments, whitespace collapsed. */
    private String sourceText(int start, int end) {
        String raw = text.substring(start, end).replaceAll("#[^\\n]*", " ");
        return raw.trim().replaceAll("\\s+", " ");
    }

    private void explore(Token t) {
        in.next();
        in.expect("{", "to open the explore block");
        while (true) {
            in.skipSeparators();
            if (in.accept("}")) {
                return;
            }
            Token o = in.word("an explore option (evictions, prefetch, tlb-evictions, cleans, ordering)");
            if (o.isWord("ordering")) {
                Token w = in.name("sc or armv8");
                decl.ordering = Ordering.fromWord(w.text().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                        TokenStream.error(w, "unknown ordering '" + w.text() + "' (expected sc or armv8)"));
                decl.orderingPos = w.position();
                continue;
            }
            ExploreOption option = ExploreOption.fromWord(o.text().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                    TokenStream.error(o, "unknown explore option '" + o.text()
                            + "' (expected evictions, prefetch, tlb-evictions, cleans or ordering)"));
            Token v = in.name("on or off");
            if (!v.isWord("on") && !v.isWord("off")) {
                throw TokenStream.error(v, "expected on or off, found " + v.describe());
            }
            decl.explore.add(new ScenarioDecl.ExploreDecl(option, v.isWord("on"), o.position()));
        }
    }

    private Token declaredName(String what) {
        Token n = in.name(what);
        if (ScenarioParser.isReserved(n.text())) {
            throw TokenStream.error(n, "'" + n.text() + "' is a reserved word and cannot name " + what.replaceFirst(" name$", ""));
        }
        return n;
    }
}
