package dev.stalecheck.program;

import dev.stalecheck.util.Fingerprint;
import java.util.Arrays;

/** One thread's registers as an immutable value: up to 64 registers, each unset, a number, or {@code fault}. */
public final class RegisterFile {
    /** Most registers a thread may use. */
    public static final int MAX_REGISTERS = 64;
    private static final RegisterFile EMPTY = new RegisterFile(new long[0], 0, 0);

    private final long[] values;
    private final long setMask;
    private final long faultMask;
    private final long fingerprint;

    private RegisterFile(long[] values, long setMask, long faultMask) {
        this.values = values;
        this.setMask = setMask;
        this.faultMask = faultMask;
        long h = Fingerprint.combine(Fingerprint.combine(Fingerprint.SEED, setMask), faultMask);
        for (int i = 0; i < values.length; i++) {
            if ((setMask & (1L << i)) != 0) {
                h = Fingerprint.combine(h, values[i]);
            }
        }
        this.fingerprint = h;
    }

    /** No register set. */
    public static RegisterFile empty() {
        return EMPTY;
    }

    /** Whether register {@code index} has been set. */
    public boolean isSet(int index) {
        return (setMask & (1L << index)) != 0;
    }

    /** The value of register {@code index}; an unset register reads as 0. */
    public Value get(int index) {
        if ((faultMask & (1L << index)) != 0) {
            return Value.FAULT;
        }
        return Value.of(index < values.length ? values[index] : 0);
    }

    /** This file with register {@code index} set to {@code v}. */
    public RegisterFile with(int index, Value v) {
        long[] nv = Arrays.copyOf(values, Math.max(values.length, index + 1));
        nv[index] = v.fault() ? 0 : v.bits();
        long bit = 1L << index;
        return new RegisterFile(nv, setMask | bit, v.fault() ? faultMask | bit : faultMask & ~bit);
    }

    /** 64-bit fingerprint of every set register. */
    public long fingerprint() {
        return fingerprint;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RegisterFile r) || r.fingerprint != fingerprint || r.setMask != setMask
                || r.faultMask != faultMask) {
            return false;
        }
        for (int i = 0; i < MAX_REGISTERS; i++) {
            if (isSet(i) && !get(i).equals(r.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint());
    }
}
