package dev.stalecheck.machine;

import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.util.Fingerprint;

/**
 * One thread's progress and context as an immutable value: its oldest operation not yet performed, registers, its
 * own SCTLR.M, SCTLR.C and SCTLR.I, and under {@code ordering armv8} the later operations already performed and the
 * translations taken early.
 *
 * @param pc        index of the oldest operation not yet performed (the number of operations when finished)
 * @param registers the register file
 * @param mmuOn     SCTLR.M
 * @param cachesOn  SCTLR.C
 * @param icacheOn  SCTLR.I
 * @param performed bit {@code d} set when operation {@code pc + d} has performed (bit 0 never is)
 * @param early     translations taken before their operations perform
 */
public record ThreadState(int pc, RegisterFile registers, boolean mmuOn, boolean cachesOn, boolean icacheOn,
                          long performed, EarlyTranslations early) {
    /** A thread with nothing performed out of order. */
    public ThreadState(int pc, RegisterFile registers, boolean mmuOn, boolean cachesOn, boolean icacheOn) {
        this(pc, registers, mmuOn, cachesOn, icacheOn, 0, EarlyTranslations.NONE);
    }

    /** The thread advanced past one operation with new registers. */
    public ThreadState advance(RegisterFile newRegisters) {
        return perform(pc, newRegisters);
    }

    /** The thread after operation {@code op} (at most {@link ProgramOrder#WINDOW} past {@code pc}) performed. */
    public ThreadState perform(int op, RegisterFile newRegisters) {
        long mask = performed | (1L << (op - pc));
        int next = pc;
        while ((mask & 1) != 0) {
            mask >>>= 1;
            next++;
        }
        return new ThreadState(next, newRegisters, mmuOn, cachesOn, icacheOn, mask, early.without(op));
    }

    /** Whether operation {@code op} has performed. */
    public boolean hasPerformed(int op) {
        return op < pc || (op - pc < 64 && (performed & (1L << (op - pc))) != 0);
    }

    /** The same thread with operation {@code op}'s translation taken early. */
    public ThreadState withEarly(EarlyTranslations newEarly) {
        return new ThreadState(pc, registers, mmuOn, cachesOn, icacheOn, performed, newEarly);
    }

    /** The same thread with new control bits. */
    public ThreadState withControl(boolean mmu, boolean caches, boolean icache) {
        return new ThreadState(pc, registers, mmu, caches, icache, performed, early);
    }

    /** 64-bit fingerprint (a thread with nothing performed out of order hashes as it always has). */
    public long fingerprint() {
        long h = Fingerprint.combine(Fingerprint.SEED, pc);
        h = Fingerprint.combine(h, (mmuOn ? 1 : 0) | (cachesOn ? 2 : 0) | (icacheOn ? 4 : 0));
        h = Fingerprint.combine(h, registers.fingerprint());
        if (performed != 0) {
            h = Fingerprint.combine(h, performed);
        }
        return early.isEmpty() ? h : Fingerprint.combine(h, early.fingerprint());
    }
}
