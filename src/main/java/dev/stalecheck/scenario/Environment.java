package dev.stalecheck.scenario;

import java.util.HashMap;
import java.util.Map;

/**
 * The names visible while expanding a thread: loop variables (numbers) and macro parameters (the caller's argument
 * expression with the caller's environment: substituted by value).
 */
final class Environment {
    static final Environment EMPTY = new Environment(Map.of());

    /** What a name is bound to: a number, or an argument expression to evaluate where it was written. */
    record Binding(Long number, Expr argument, Environment scope) {
    }

    private final Map<String, Binding> names;

    private Environment(Map<String, Binding> names) {
        this.names = names;
    }

    Binding lookup(String name) {
        return names.get(name);
    }

    /**
     * The name {@code name} stands for where a name belongs (a page table in {@code entry()}, {@code desc()} or a
     * {@code tlbi}): a macro parameter whose argument is a bare name stands for that name, through every level of
     * macro calls; any other name stands for itself.
     */
    String nameFor(String name) {
        return resolve(name).name();
    }

    /** A name after following macro parameters bound to bare names, and the scope in which it is read. */
    record Resolved(String name, Environment scope) {
    }

    /** {@link #nameFor}, with the scope where the name it stands for is written. */
    Resolved resolve(String name) {
        Binding b = names.get(name);
        if (b != null && b.argument() instanceof Expr.Name n) {
            return b.scope().resolve(n.name());
        }
        return new Resolved(name, this);
    }

    Environment withNumber(String name, long value) {
        Map<String, Binding> m = new HashMap<>(names);
        m.put(name, new Binding(value, null, null));
        return new Environment(m);
    }

    /** A fresh scope for a macro body: only its parameters are visible. */
    static Environment forMacro(Map<String, Binding> parameters) {
        return new Environment(Map.copyOf(parameters));
    }
}
