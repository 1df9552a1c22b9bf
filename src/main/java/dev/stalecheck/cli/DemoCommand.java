package dev.stalecheck.cli;

import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.InvalidatePolicy;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.machine.Machine;
import dev.stalecheck.machine.Outcome;
import dev.stalecheck.preset.Preset;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.Mapping;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.RegisterRef;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.ValueExpr;
import dev.stalecheck.report.StepText;
import dev.stalecheck.run.SingleExecution;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stalecheck demo}: the language page's example (a KVM host invalidating a guest's page-table entry through
 * QEMU's alias), built through the model's Java API and run once with {@code dc ivac} and once with {@code dc civac}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the KVM invalidate example once with 'dc ivac' (the bug) and once with 'dc civac' (the fix),"
                + " printing every step and what it did to the caches and RAM.",
        footer = {"", "Example:", "  stalecheck demo"})
final class DemoCommand implements Callable<Integer> {
    private static final long PTE = 0x80003013L;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("machine generic { cache l1d 32K 4-way 32B pipt write-back write-allocate; invalidate l1d discard }");
        out.println("space guest { 0xc0002000 -> 0x80002000 size 4K normal }");
        out.println("space qemu  { 0x40002000 -> 0x80002000 size 4K normal }");
        out.println();
        for (Op.DcKind kind : List.of(Op.DcKind.IVAC, Op.DcKind.CIVAC)) {
            Machine m = new Machine(machine(), program(kind));
            out.println("== with " + kind.text() + " ==");
            List<Outcome> steps = new SingleExecution(m).run();
            StepText text = new StepText(m);
            int[] pcs = new int[m.program().threads().size()];
            for (int i = 0; i < steps.size(); i++) {
                Outcome o = steps.get(i);
                int t = ((dev.stalecheck.machine.Event.ThreadStep) o.event()).thread();
                out.print(text.render(i + 1, o, pcs[t]++));
            }
            long r1 = steps.get(steps.size() - 1).next().thread(1).registers().get(1).bits();
            out.printf("kvm.r1 = 0x%x: %s%n%n", r1, r1 == PTE
                    ? "the guest's entry arrived"
                    : "STALE: the invalidate discarded the guest's dirty line before it reached L2 or RAM");
        }
        out.flush();
        return 0;
    }

    private static MachineConfig machine() {
        return Preset.GENERIC.toBuilder()
                .cache(CacheLevelConfig.defaults("l1d", new CacheGeometry(32 * 1024, 4, 32)))
                .invalidate("l1d", InvalidatePolicy.DISCARD)
                .build();
    }

    private static Program program(Op.DcKind kind) {
        Space guest = new Space("guest", List.of(new Mapping(0xc0002000L, 0x80002000L, 4096, MemoryType.NORMAL, true)));
        Space qemu = new Space("qemu", List.of(new Mapping(0x40002000L, 0x80002000L, 4096, MemoryType.NORMAL, true)));
        RegisterRef r1 = new RegisterRef(1, "r1");
        ThreadProgram g = new ThreadProgram("g", new Agent.Cpu(0), guest,
                List.of(new Op.Store(0xc0002000L, 8, ValueExpr.constant(PTE))), List.of(), List.of());
        ThreadProgram kvm = new ThreadProgram("kvm", new Agent.Cpu(0), qemu,
                List.of(new Op.DataCacheByAddress(kind, 0x40002000L), new Op.Load(r1, 0x40002000L, 8)),
                List.of(0), List.of("r0", "r1"));
        return new Program(List.of(g, kvm), List.of(), List.of(), List.of());
    }
}
