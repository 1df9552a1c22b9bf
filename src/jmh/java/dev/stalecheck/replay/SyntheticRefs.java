package dev.stalecheck.replay;

import dev.stalecheck.replay.trace.RefBatch;
import dev.stalecheck.replay.trace.RefKind;
import java.util.SplittableRandom;

/**
 * A deterministic reference stream shaped like a lackey trace: a fixed random program of 8192 x86-sized instructions
 * (1 to 7 bytes, laid out back to back, so some fetches straddle two lines) runs loops and jumps; 37 % of its
 * instructions access data, each always the same way: 60 % loads, 35 % stores, 5 % modifies, to the stack, to a
 * sequential stream (some of it unaligned), or to a heap with a hot 64 KiB part.
 */
final class SyntheticRefs {
    private static final int INSTRUCTIONS = 8192;
    private static final long CODE = 0x400000L;
    private static final long STACK = 0x1ffefff000L;
    private static final long HEAP = 0x5000000L;
    private final SplittableRandom random;
    private final long[] pc = new long[INSTRUCTIONS];
    private final int[] size = new int[INSTRUCTIONS];
    private final int[] target = new int[INSTRUCTIONS];
    private final byte[] dataKind = new byte[INSTRUCTIONS];
    private final int[] dataMode = new int[INSTRUCTIONS];
    private final int[] dataOffset = new int[INSTRUCTIONS];
    private long stream = HEAP + (64 << 20);
    private int next;

    SyntheticRefs(long seed) {
        random = new SplittableRandom(seed);
        long a = CODE;
        for (int i = 0; i < INSTRUCTIONS; i++) {
            pc[i] = a;
            size[i] = 1 + random.nextInt(7);
            a += size[i];
            int branch = random.nextInt(100);
            target[i] = branch < 8 ? Math.max(0, i - 4 - random.nextInt(60))
                    : branch < 10 ? random.nextInt(INSTRUCTIONS) : -1;
            int kind = random.nextInt(100);
            dataKind[i] = kind >= 37 ? -1 : kind < 22 ? RefKind.LOAD : kind < 35 ? RefKind.STORE : RefKind.MODIFY;
            dataMode[i] = random.nextInt(100);
            dataOffset[i] = random.nextInt(4096) & ~7;
        }
    }

    /** {@code refs} references or a few more: whole batches of {@link RefBatch#CAPACITY}, each with room left. */
    RefBatch[] batches(int refs) {
        RefBatch[] out = new RefBatch[(refs + RefBatch.CAPACITY - 1) / RefBatch.CAPACITY];
        for (int i = 0; i < out.length; i++) {
            out[i] = new RefBatch();
            while (out[i].count() < RefBatch.CAPACITY - 1) {
                step(out[i]);
            }
        }
        return out;
    }

    /** Fetches the next instruction and makes its data access, then moves on (a loop branch is taken 15 times in 16). */
    private void step(RefBatch b) {
        int i = next;
        b.add(RefKind.INSTR, pc[i], size[i]);
        if (dataKind[i] >= 0) {
            b.add(dataKind[i], dataAddress(i), dataMode[i] % 5 == 0 ? 4 : 8);
        }
        boolean taken = target[i] >= 0 && (target[i] > i || random.nextInt(16) != 0);
        next = taken ? target[i] : (i + 1) % INSTRUCTIONS;
    }

    private long dataAddress(int i) {
        int mode = dataMode[i];
        if (mode < 45) {
            return STACK + dataOffset[i];
        }
        if (mode < 70) {
            stream += mode < 52 ? 3 : 8;
            return mode < 52 ? stream : stream & ~7L;
        }
        return HEAP + (mode < 95 ? random.nextInt(64 << 10) : random.nextInt(4 << 20)) & ~7L;
    }
}
