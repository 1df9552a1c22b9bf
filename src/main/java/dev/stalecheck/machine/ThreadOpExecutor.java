package dev.stalecheck.machine;

import dev.stalecheck.program.Agent;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;
import dev.stalecheck.program.Value;
import dev.stalecheck.util.Hex;

/** Runs a thread's next operation in its context: translation, then the access or maintenance it names. */
final class ThreadOpExecutor {
    private ThreadOpExecutor() {
    }

    static void step(StepExecution x, ThreadProgram thread, int index) {
        ThreadState ts = x.thread(index);
        Op op = thread.ops().get(ts.pc());
        if (thread.agent() instanceof Agent.Device d) {
            x.setThread(index, ts.advance(device(x, d, ts.registers(), op)));
        } else {
            x.setThread(index, cpu(x, thread, ts, op));
        }
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

    private static Translation translate(StepExecution x, ThreadProgram thread, ThreadState ts, long va) {
        return TranslationUnit.translate(x, thread, ts, va, false);
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

    private static ThreadState cpu(StepExecution x, ThreadProgram thread, ThreadState ts, Op op) {
        RegisterFile regs = ts.registers();
        x.observer().instruction(op);
        if (op instanceof Op.Load l) {
            Value v = translate(x, thread, ts, l.address()) instanceof Translation.Translated t
                    ? Value.of(AccessExecutor.load(x, access(thread, ts, l.address(), t), l.width()))
                    : faulted(x, l.address());
            return ts.advance(l.register() == null ? regs : regs.with(l.register().index(), v));
        } else if (op instanceof Op.Store s) {
            Value v = s.value().evaluate(regs);
            if (!(TranslationUnit.translate(x, thread, ts, s.address(), true) instanceof Translation.Translated t)) {
                faulted(x, s.address());
            } else if (v.fault()) {
                x.note("store of fault wrote nothing");
            } else {
                AccessExecutor.store(x, access(thread, ts, s.address(), t), s.width(), v.bits());
            }
            return ts.advance(regs);
        } else if (op instanceof Op.Fetch f) {
            Value v = translate(x, thread, ts, f.address()) instanceof Translation.Translated t
                    ? Value.of(AccessExecutor.fetch(x, access(thread, ts, f.address(), t), ts.icacheOn()))
                    : faulted(x, f.address());
            return ts.advance(regs.with(f.register().index(), v));
        } else if (op instanceof Op.Translate tr) {
            Translation t = translate(x, thread, ts, tr.address());
            Value v = t instanceof Translation.Translated ok ? Value.of(ok.physicalAddress()) : Value.FAULT;
            if (x.detailed()) {
                x.note("translate " + Hex.of(tr.address()) + " -> " + v.describe());
            }
            return ts.advance(regs.with(tr.register().index(), v));
        } else if (op instanceof Op.DataCacheByAddress d) {
            if (translate(x, thread, ts, d.address()) instanceof Translation.Translated t) {
                Op.DcKind kind = guest(thread) && d.kind() == Op.DcKind.IVAC ? Op.DcKind.CIVAC : d.kind();
                MaintenanceExecutor.byAddress(x, kind, access(thread, ts, d.address(), t));
            } else {
                maintenanceFault(x, thread, op);
            }
        } else if (op instanceof Op.InstructionCacheOp i) {
            if (i.kind() != Op.IcKind.IVAU) {
                MaintenanceExecutor.instructionCache(x, thread.cpu(), i.kind(), null);
            } else if (translate(x, thread, ts, i.address()) instanceof Translation.Translated t) {
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
            return ts.advance(regs).withControl(
                    c.bit() == Op.ControlBit.MMU ? c.on() : ts.mmuOn(),
                    c.bit() == Op.ControlBit.CACHES ? c.on() : ts.cachesOn(),
                    c.bit() == Op.ControlBit.ICACHE ? c.on() : ts.icacheOn());
        } else if (op instanceof Op.TlbInvalidate t) {
            invalidateTlb(x, thread, t);
        } else if (op instanceof Op.Barrier) {
            if (x.detailed()) {
                x.note(op.describe() + ": barriers change nothing in this model");
            }
        } else {
            throw new AssertionError("unknown operation " + op);
        }
        return ts.advance(regs);
    }

    /** {@code tlbi}: drops the selected entries of the issuing cpu's TLB, or of every cpu's with {@code is}. */
    private static void invalidateTlb(StepExecution x, ThreadProgram thread, Op.TlbInvalidate t) {
        long asid = thread.table() != null ? thread.table().asid() : 0;
        long vmid = guest(thread) ? thread.table().stage2Table().vmid() : 0;
        for (int cpu = 0; cpu < x.tlbCount(); cpu++) {
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
