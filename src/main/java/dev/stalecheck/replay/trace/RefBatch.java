package dev.stalecheck.replay.trace;

/**
 * A reusable batch of references in primitive arrays: a reader fills it, the simulators consume it. The arrays are
 * the batch's own (no copy), so that the simulators' loops allocate nothing; only the first {@link #count()}
 * entries are meaningful.
 */
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

    /** Each reference's kind, a {@link RefKind} code. */
    public byte[] kinds() {
        return kind;
    }

    /** Each reference's address. */
    public long[] addresses() {
        return address;
    }

    /** Each reference's size in bytes. */
    public int[] sizes() {
        return size;
    }

    /** Appends a reference; the batch must not be {@link #full()}. */
    public void add(byte k, long a, int s) {
        kind[count] = k;
        address[count] = a;
        size[count] = s;
        count++;
    }

    /** Whether the batch holds {@link #CAPACITY} references. */
    public boolean full() {
        return count == CAPACITY;
    }

    /** Empties the batch. */
    public void clear() {
        count = 0;
    }
}
