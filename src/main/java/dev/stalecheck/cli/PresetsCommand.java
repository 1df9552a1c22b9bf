package dev.stalecheck.cli;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.preset.Preset;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stalecheck presets}: every built-in machine's verdict-relevant values and their sources. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "Print each built-in machine's verdict-relevant values and the public source of each figure.",
        footer = {"", "Examples:", "  stalecheck presets", "  stalecheck presets arm1136"})
final class PresetsCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Parameters(arity = "0..1", paramLabel = "PRESET", description = "Only this preset.")
    private String only;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (only != null && Preset.byName(only).isEmpty()) {
            spec.commandLine().getErr().println("stalecheck: unknown preset '" + only + "' (known: " + Preset.names() + ")");
            return 2;
        }
        for (Preset p : Preset.values()) {
            if (only != null && !p.word().equals(only)) {
                continue;
            }
            MachineConfig c = p.config();
            out.println("machine " + p.word() + "   (" + c.architecture().text() + ")");
            out.println("  cpus " + c.cpus());
            for (CacheLevelConfig l : c.levels()) {
                out.println("  cache " + l.describe() + (l.colours(c.pageBytes()) > 1
                        ? "   # " + l.colours(c.pageBytes()) + " colours" : ""));
            }
            for (CacheLevelConfig l : c.levels()) {
                if (!l.isInstruction()) {
                    out.println("  invalidate " + l.name() + " " + c.invalidatePolicy(l.name()).word());
                }
            }
            out.println("  disabled-hits " + c.disabledHits().word());
            out.println("  walker " + c.walker().word());
            out.println("  pou " + c.pou().word());
            out.println("  poc " + c.poc().word());
            out.println("  tlb " + c.tlbEntries());
            out.println("  word " + c.wordBits());
            out.println("  page " + (c.pageBytes() / 1024) + "K");
            out.println("  sources:");
            for (String s : p.sources()) {
                out.println("    - " + s);
            }
            out.println();
        }
        out.flush();
        return 0;
    }
}
