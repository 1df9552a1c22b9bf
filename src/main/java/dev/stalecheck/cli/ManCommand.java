package dev.stalecheck.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code stalecheck man}: a man page (roff) written from the same definitions as {@code --help}. */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = "Print the manual page of stalecheck and all its commands in roff (man -l -).",
        footer = {"", "Examples:", "  stalecheck man | man -l -",
            "  stalecheck man > /usr/local/share/man/man1/stalecheck.1"})
final class ManCommand implements Runnable {
    @CommandLine.Spec
    private CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        CommandSpec root = spec.commandLine().getParent().getCommandSpec();
        out.println(".TH STALECHECK 1 \"\" \"" + escape(root.version().length > 0 ? root.version()[0] : "") + "\" \"User Commands\"");
        out.println(".SH NAME");
        out.println("stalecheck \\- " + escape(String.join(" ", root.usageMessage().description())));
        out.println(".SH SYNOPSIS");
        out.println(".B stalecheck");
        out.println("\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]");
        out.println(".SH COMMANDS");
        for (CommandLine sub : root.subcommands().values()) {
            CommandSpec c = sub.getCommandSpec();
            if (c.usageMessage().hidden() || c.name().equals("help")) {
                continue;
            }
            section(out, c);
        }
        out.println(".SH EXIT STATUS");
        for (String line : root.usageMessage().footer()) {
            if (line.startsWith("Exit codes")) {
                out.println(escape(line));
            }
        }
        out.println(".SH SEE ALSO");
        out.println("The scenario language: docs/language.md in the source repository.");
        out.flush();
    }

    private static void section(PrintWriter out, CommandSpec c) {
        out.println(".SS \"stalecheck " + escape(c.name()) + "\"");
        out.println(escape(String.join(" ", c.usageMessage().description())));
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (!p.hidden()) {
                out.println(".TP");
                out.println("\\fI" + escape(p.paramLabel()) + "\\fR");
                out.println(escape(String.join(" ", p.description())));
            }
        }
        for (OptionSpec o : c.options()) {
            if (o.hidden()) {
                continue;
            }
            out.println(".TP");
            String label = o.arity().max() > 0 ? "=\\fI" + escape(o.paramLabel()) + "\\fR" : "";
            out.println("\\fB" + escape(String.join(", ", List.of(o.names()))) + "\\fR" + label);
            out.println(escape(String.join(" ", o.description())));
        }
    }

    /** Escapes text for roff: backslashes, and a leading dot or quote that roff would read as a request. */
    static String escape(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
