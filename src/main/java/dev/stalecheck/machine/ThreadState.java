package dev.stalecheck.machine;

import dev.stalecheck.program.RegisterFile;
import dev.stalecheck.util.Fingerprint;

/**
 * One thread's progress and context as an immutable value: next operation, registers, and its own
 * SCTLR.M, SCTLR.C and SCTLR.I.
 *
 * @param pc        index of the next operation (equal to the number of operations when finished)
 * @param registers the register file
 * @param mmuOn     SCTLR.M
 * @param cachesOn  SCTLR.C
 * @param icacheOn  SCTLR.I
 */
public record ThreadState(int pc, RegisterFile registers, boolean mmuOn, boolean cachesOn, boolean icacheOn) {
    /** The thread advanced past one operation with new registers. */
    public ThreadState advance(RegisterFile newRegisters) {
        return new ThreadState(pc + 1, newRegisters, mmuOn, cachesOn, icacheOn);
    }

    /** The same thread with new control bits. */
    public ThreadState withControl(boolean mmu, boolean caches, boolean icache) {
        return new ThreadState(pc, registers, mmu, caches, icache);
    }

    /** 64-bit fingerprint. */
    public long fingerprint() {
        long h = Fingerprint.combine(Fingerprint.SEED, pc);
        h = Fingerprint.combine(h, (mmuOn ? 1 : 0) | (cachesOn ? 2 : 0) | (icacheOn ? 4 : 0));
        return Fingerprint.combine(h, registers.fingerprint());
    }
}
