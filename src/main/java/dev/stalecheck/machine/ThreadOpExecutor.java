package dev.stalecheck.machine;

import dev.stalecheck.program.Agent;
import dev.stalecheck.program.FaultKind;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.program.Value;
import dev.stalecheck.util.Hex;
import java.util.List;

/** Runs a thread's next operation in its context: translation, then the access or maintenance it names. */
final class ThreadOpExecutor {
    private ThreadOpExecutor() {
    }

    /** Thread {@code index} runs its next operation in program order. */
    static void step(StepExecution x, List<ThreadProgram> threads, int index) {
        perform(x, threads, index, x.thread(index).pc(), true);
    }

    /**
     * Thread {@code index}'s operation {@code k} performs (with the translation taken early for it, if any);
     * {@code inOrder} when operations run one at a time in program order ({@code ordering sc}).
     */
    static void perform(StepExecution x, List<ThreadProgram> threads, int index, int k, boolean inOrder) {
        ThreadProgram thread = threads.get(index);
        ThreadState ts = x.thread(index);
        Op op = thread.ops().get(k);
        if (thread.agent() instanceof Agent.Device d) {
            if (d.smmu() != null) {
                x.setThread(index, throughSmmu(x, d, ts, k, op));
            } else if (op instanceof Op.Wait w) {
                long v = AccessExecutor.deviceLoad(x, d.level(), d.coherent(), w.address(), w.width());
                x.setThread(index, waited(x, ts, k, w, v));
            } else {
                x.setThread(index, ts.perform(k, device(x, d, ts.registers(), op)));
            }
        } else {
            x.setThread(index, cpu(x, thread, ts, k, op, inOrder));
            if (op instanceof Op.TlbInvalidate t) {
                dropEarlyTranslations(x, threads, index, k, t);
            }
        }
    }

    /**
     * Thread {@code index} translates the address of its operation {@code k} now ({@code ordering armv8}): the TLB
     * look-up or walk happens in this step, and the operation will use its result when it performs.
     */
    static void translateEarly(StepExecution x, ThreadProgram thread, int index, int k) {
        ThreadState ts = x.thread(index);
        Op op = thread.ops().get(k);
        long va = Op.addressOf(op);
        Translation t = TranslationUnit.translate(x, thread, ts, va, accessKind(thread, op));
        if (x.detailed()) {
            x.note("translation for '" + op.describe() + "' taken now: " + (t instanceof Translation.Translated ok
                    ? "PA " + Hex.of(ok.physicalAddress()) : "fault"));
        }
        x.setThread(index, ts.withEarly(ts.early().with(k, t)));
    }

    /** The permission operation {@code op} needs of its translation, as its perform asks for it. */
    private static AccessKind accessKind(ThreadProgram thread, Op op) {
        if (op instanceof Op.Store) {
            return AccessKind.WRITE;
        } else if (op instanceof Op.Fetch) {
            return AccessKind.EXECUTE;
        } else if (op instanceof Op.DataCacheByAddress d && d.kind() == Op.DcKind.IVAC && !guest(thread)) {
            return AccessKind.WRITE;
        }
        return AccessKind.READ;
    }

    /** The thread after a {@code wait} read {@code v}: performed if it is the value waited for, else unchanged. */
    private static ThreadState waited(StepExecution x, ThreadState ts, int k, Op.Wait w, long v) {
        if (v == w.value()) {
            return ts.perform(k, ts.registers());
        }
        if (x.detailed()) {
            x.note("read " + Hex.of(v) + ", not " + Hex.of(w.value()) + ": the wait goes on");
        }
        return ts;
    }

    /**
     * Operation {@code k} of a device behind an SMMU: its address is an IOVA, translated by the SMMU first; a load
     * or wait whose translation faults reads {@code fault} (a wait goes on), a store writes nothing.
     */
    private static ThreadState throughSmmu(StepExecution x, Agent.Device d, ThreadState ts, int k, Op op) {
        Long iova = Op.addressOf(op);
        if (iova == null) {
            return ts.perform(k, device(x, d, ts.registers(), op));
        }
        Translation t = TranslationUnit.translateSmmu(x, d.smmu(), iova, op instanceof Op.Store);
        if (!(t instanceof Translation.Translated tr)) {
            if (x.detailed()) {
                x.note(d.smmu().name() + ": " + ((Translation.Faulted) t).describe() + " fault on IOVA " + Hex.of(iova)
                        + ": the access did not touch memory");
            }
            if (op instanceof Op.Load l && l.register() != null) {
                return ts.perform(k, ts.registers().with(l.register().index(), Value.FAULT));
            }
            return op instanceof Op.Wait ? ts : ts.perform(k, ts.registers());
        }
        long pa = tr.physicalAddress();
        if (x.detailed()) {
            x.note(d.smmu().name() + " translates IOVA " + Hex.of(iova) + " to PA " + Hex.of(pa));
        }
        if (op instanceof Op.Wait w) {
            return waited(x, ts, k, w, AccessExecutor.deviceLoad(x, d.level(), d.coherent(), pa, w.width()));
        }
        Op physical = op instanceof Op.Load l ? new Op.Load(l.register(), pa, l.width())
                : new Op.Store(pa, ((Op.Store) op).width(), ((Op.Store) op).value());
        return ts.perform(k, device(x, d, ts.registers(), physical));
    }

    private static RegisterFile device(StepExecution x, Agent.Device d, RegisterFile regs, Op op) {
        if (op instanceof Op.Load l) {
            long v = AccessExecutor.deviceLoad(x, d.level(), d.coherent(), l.address(), l.width());
            return l.register() == null ? regs : regs.with(l.register().index(), Value.of(v));
        } else if (op instanceof Op.Store s) {
            Value v = s.value().evaluate(regs);
            if (v.fault()) {
                x.note("store of fault wrote nothing");
            } else {
                AccessExecutor.deviceStore(x, d.level(), d.coherent(), s.address(), s.width(), v.bits());
            }
            return regs;
        }
        x.note(op.describe() + ": no effect on this model");
        return regs;
    }

    /** Operation {@code k}'s translation: the one taken early for it, else a look-up or walk now. */
    private static Translation translate(StepExecution x, ThreadProgram thread, ThreadState ts, int k, long va,
                                         AccessKind kind) {
        Translation early = ts.early().of(k);
        if (early != null) {
            if (x.detailed()) {
                x.note("uses the translation taken at an earlier step");
            }
            return early;
        }
        return TranslationUnit.translate(x, thread, ts, va, kind);
    }

    private static Access access(ThreadProgram thread, ThreadState ts, long va, Translation.Translated t) {
        if (guest(thread)) {
            return new Access(thread.cpu(), va, t.physicalAddress(), t.type(), t.shareable(), true, true);
        }
        return new Access(thread.cpu(), va, t.physicalAddress(), t.type(), t.shareable(), ts.mmuOn(), ts.cachesOn());
    }

    /** A guest: its context is a stage-2 table or a table via one (the combined attributes decide cacheability). */
    private static boolean guest(ThreadProgram thread) {
        return thread.table() != null && thread.table().guest();
    }

    private static ThreadState cpu(StepExecution x, ThreadProgram thread, ThreadState ts, int k, Op op,
                                   boolean inOrder) {
        RegisterFile regs = ts.registers();
        x.observer().instruction(op);
        if (op instanceof Op.Load l) {
            Value v = translate(x, thread, ts, k, l.address(), AccessKind.READ) instanceof Translation.Translated t
                    ? Value.of(AccessExecutor.load(x, access(thread, ts, l.address(), t), l.width()))
                    : faulted(x, l.address());
            return ts.perform(k, l.register() == null ? regs : regs.with(l.register().index(), v));
        } else if (op instanceof Op.Store s) {
            Value v = s.value().evaluate(regs);
            if (!(translate(x, thread, ts, k, s.address(), AccessKind.WRITE) instanceof Translation.Translated t)) {
                faulted(x, s.address());
            } else if (v.fault()) {
                x.note("store of fault wrote nothing");
            } else {
                AccessExecutor.store(x, access(thread, ts, s.address(), t), s.width(), v.bits());
            }
            return ts.perform(k, regs);
        } else if (op instanceof Op.Wait w) {
            if (!(translate(x, thread, ts, k, w.address(), AccessKind.READ) instanceof Translation.Translated t)) {
                faulted(x, w.address());
                return ts;
            }
            return waited(x, ts, k, w, AccessExecutor.load(x, access(thread, ts, w.address(), t), w.width()));
        } else if (op instanceof Op.Fetch f) {
            Value v = translate(x, thread, ts, k, f.address(), AccessKind.EXECUTE) instanceof Translation.Translated t
                    ? Value.of(AccessExecutor.fetch(x, access(thread, ts, f.address(), t), ts.icacheOn()))
                    : faulted(x, f.address());
            return ts.perform(k, regs.with(f.register().index(), v));
        } else if (op instanceof Op.Translate tr) {
            Translation t = translate(x, thread, ts, k, tr.address(), AccessKind.READ);
            Value v = t instanceof Translation.Translated ok ? Value.of(ok.physicalAddress()) : Value.FAULT;
            if (x.detailed()) {
                x.note("translate " + Hex.of(tr.address()) + " -> " + v.describe());
            }
            return ts.perform(k, regs.with(tr.register().index(), v));
        } else if (op instanceof Op.DataCacheByAddress d) {
            Op.DcKind kind = guest(thread) && d.kind() == Op.DcKind.IVAC ? Op.DcKind.CIVAC : d.kind();
            AccessKind needs = kind == Op.DcKind.IVAC ? AccessKind.WRITE : AccessKind.READ;
            Translation tr = translate(x, thread, ts, k, d.address(), needs);
            if (tr instanceof Translation.Translated t) {
                MaintenanceExecutor.byAddress(x, kind, access(thread, ts, d.address(), t));
            } else if (tr instanceof Translation.Faulted f && f.kind() == FaultKind.PERMISSION && needs == AccessKind.WRITE) {
                x.hazard(HazardKind.MAINTENANCE_FAULT, "cpu" + thread.cpu(), d.address(), thread.name() + ": "
                        + op.describe() + " needs write permission: a permission fault, nothing invalidated");
            } else {
                maintenanceFault(x, thread, op);
            }
        } else if (op instanceof Op.InstructionCacheOp i) {
            if (i.kind() != Op.IcKind.IVAU) {
                MaintenanceExecutor.instructionCache(x, thread.cpu(), i.kind(), null);
            } else if (translate(x, thread, ts, k, i.address(), AccessKind.READ) instanceof Translation.Translated t) {
                MaintenanceExecutor.instructionCache(x, thread.cpu(), i.kind(), access(thread, ts, i.address(), t));
            } else {
                maintenanceFault(x, thread, op);
            }
        } else if (op instanceof Op.DataCacheBySetWay sw) {
            MaintenanceExecutor.bySetWay(x, thread.cpu(), guest(thread) && sw.action() == Op.LineAction.INVALIDATE
                    ? new Op.DataCacheBySetWay(Op.LineAction.CLEAN_INVALIDATE, sw.level(), sw.set(), sw.way()) : sw);
        } else if (op instanceof Op.DataCacheWholeLevel w) {
            MaintenanceExecutor.wholeLevel(x, thread.cpu(), w);
        } else if (op instanceof Op.OuterCacheOp o) {
            MaintenanceExecutor.outer(x, o.kind(), o.physicalAddress());
        } else if (op instanceof Op.ControlChange c) {
            return ts.perform(k, regs).withControl(
                    c.bit() == Op.ControlBit.MMU ? c.on() : ts.mmuOn(),
                    c.bit() == Op.ControlBit.CACHES ? c.on() : ts.cachesOn(),
                    c.bit() == Op.ControlBit.ICACHE ? c.on() : ts.icacheOn());
        } else if (op instanceof Op.TlbInvalidate t) {
            invalidateTlb(x, thread, t);
        } else if (op instanceof Op.SmmuTlbi t) {
            invalidateSmmuTlb(x, t);
        } else if (op instanceof Op.Barrier) {
            if (x.detailed()) {
                x.note(op.describe() + (inOrder ? ": barriers change nothing in this model"
                        : ": performed: every earlier operation it waits for has performed"));
            }
        } else {
            throw new AssertionError("unknown operation " + op);
        }
        return ts.perform(k, regs);
    }

    /**
     * A {@code tlbi} is complete when it performs (this model has no separate completion): no access in flight
     * that uses a translation it invalidates may perform after it, so the translations that other threads on the
     * cpus it reaches, and the issuing thread for its operations before the {@code tlbi}, took early are dropped
     * (those operations translate again). The issuing thread's later operations keep theirs: only an {@code isb}
     * after the {@code tlbi} makes them translate again (herd7's model agrees). Matching is by 4 KB page for
     * {@code tlbi va}, by cpu for every other kind.
     */
    private static void dropEarlyTranslations(StepExecution x, List<ThreadProgram> threads, int issuer, int at,
                                              Op.TlbInvalidate t) {
        for (int u = 0; u < threads.size(); u++) {
            ThreadProgram tp = threads.get(u);
            ThreadState ts = x.thread(u);
            if (!tp.onCpu() || ts.early().isEmpty()
                    || (!t.broadcast() && tp.cpu() != threads.get(issuer).cpu())) {
                continue;
            }
            EarlyTranslations kept = ts.early();
            int end = u == issuer ? at : tp.ops().size();
            for (int k = ts.pc(); k < end && k - ts.pc() < 64; k++) {
                Long va = Op.addressOf(tp.ops().get(k));
                if (kept.of(k) != null && (t.kind() != Op.TlbiKind.VA || ((va ^ t.address()) & ~0xfffL) == 0)) {
                    kept = kept.without(k);
                }
            }
            if (kept != ts.early()) {
                x.setThread(u, ts.withEarly(kept));
                if (x.detailed()) {
                    x.note(tp.name() + " must translate again: the tlbi invalidated the translation it took early");
                }
            }
        }
    }

    /** {@code tlbi}: drops the selected entries of the issuing cpu's TLB, or of every cpu's with {@code is}. */
    private static void invalidateTlb(StepExecution x, ThreadProgram thread, Op.TlbInvalidate t) {
        long asid = thread.table() != null ? thread.table().asid() : 0;
        long vmid = guest(thread) ? thread.table().stage2Table().vmid() : 0;
        for (int cpu = 0; cpu < x.config().cpus(); cpu++) {
            if (!t.broadcast() && cpu != thread.cpu()) {
                continue;
            }
            final int c = cpu;
            x.setTlb(cpu, x.tlb(cpu).without(e -> {
                boolean drop = switch (t.kind()) {
                    case ALL -> e.vmid() == vmid && !e.stage2();
                    case VA -> e.matches(t.address(), asid, vmid);
                    case ASID -> e.vmid() == vmid && !e.stage2() && !e.global() && e.asid() == t.asid();
                    case IPA -> e.matchesStage2(t.address(), t.asid());
                    case VMALL -> e.vmid() == t.asid() && !e.stage2();
                    case VMALLS12 -> e.vmid() == t.asid();
                };
                if (drop) {
                    x.tlbEffect("dropped", c, e);
                }
                return drop;
            }));
        }
    }

    /**
     * {@code smmu tlbi}: the command (CMD_TLBI_NH_VA for the SMMU table's ASID, global entries too; or CMD_TLBI_NH_ALL)
     * and its CMD_SYNC, complete when the operation performs.
     */
    private static void invalidateSmmuTlb(StepExecution x, Op.SmmuTlbi t) {
        int tlb = x.config().cpus() + t.smmu().index();
        long asid = t.smmu().table().asid();
        if (x.detailed()) {
            x.note(t.smmu().name() + ": " + t.kind().command() + (t.kind() == Op.SmmuTlbiKind.VA ? " " + Hex.of(t.address())
                    : "") + (t.kind() == Op.SmmuTlbiKind.ALL ? "" : " (asid " + asid + ")")
                    + " and CMD_SYNC, complete when this step ends");
        }
        x.setTlb(tlb, x.tlb(tlb).without(e -> {
            boolean drop = switch (t.kind()) {
                case VA -> e.matches(t.address(), asid, 0);
                case ASID -> !e.global() && e.asid() == asid;
                case ALL -> true;
            };
            if (drop) {
                x.tlbEffect("dropped", tlb, e);
            }
            return drop;
        }));
    }

    private static Value faulted(StepExecution x, long va) {
        if (x.detailed()) {
            x.note("translation of " + Hex.of(va) + " faulted: the access did not touch memory");
        }
        return Value.FAULT;
    }

    private static void maintenanceFault(StepExecution x, ThreadProgram thread, Op op) {
        long va = op instanceof Op.DataCacheByAddress d ? d.address() : ((Op.InstructionCacheOp) op).address();
        x.hazard(HazardKind.MAINTENANCE_FAULT, "cpu" + thread.cpu(), va,
                thread.name() + ": " + op.describe() + " faulted in translation and did nothing");
    }
}
