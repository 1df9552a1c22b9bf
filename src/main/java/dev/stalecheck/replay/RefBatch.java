package dev.stalecheck.replay;

/** A reusable batch of references in primitive arrays: the reader fills it, the simulators consume it. */
public final class RefBatch {
    /** Capacity of a batch. */
    public static final int CAPACITY = 1 << 14;
    final byte[] kind = new byte[CAPACITY];
    final long[] address = new long[CAPACITY];
    final int[] size = new int[CAPACITY];
    int count;

    /** Number of references in the batch. */
    public int count() {
        return count;
    }

    void add(byte k, long a, int s) {
        kind[count] = k;
        address[count] = a;
        size[count] = s;
        count++;
    }

    boolean full() {
        return count == CAPACITY;
    }
}
