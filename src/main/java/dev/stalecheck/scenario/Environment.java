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
