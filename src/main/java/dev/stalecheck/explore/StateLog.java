package dev.stalecheck.explore;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Per stored state, in state-number order, its parent's number and the (event, outcome) indexes that reached it:
 * what rebuilds an execution by replay. Append-only; the first {@code heapEntries} entries sit in arrays on the heap,
 * the rest (12 bytes each) in a {@link MappedFile} in the spill directory.
 */
final class StateLog implements AutoCloseable {
    private static final int ENTRY_BYTES = 12;

    private final int heapEntries;
    private final Path spillDir;
    private final int segmentBits;
    private int[] parents = new int[1024];
    private int[] events = new int[1024];
    private int[] outcomes = new int[1024];
    private MappedFile file;
    private int size;

    /** A log keeping up to {@code heapEntries} entries on the heap and spilling the rest to {@code spillDir}. */
    StateLog(long heapEntries, Path spillDir) {
        this(heapEntries, spillDir, MappedFile.SEGMENT_BITS);
    }

    /** The same, with a spill file mapped in segments of {@code 2^segmentBits} bytes. */
    StateLog(long heapEntries, Path spillDir, int segmentBits) {
        this.heapEntries = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, heapEntries));
        this.spillDir = spillDir;
        this.segmentBits = segmentBits;
    }

    /** Entries appended so far (the next state's number). */
    int size() {
        return size;
    }

    /** Appends the entry of state number {@link #size()}. */
    void append(int parent, int event, int outcome) {
        if (size == Integer.MAX_VALUE) {
            throw new SpillException("the search cannot number more than 2^31 - 1 states");
        }
        if (size < heapEntries) {
            if (size == parents.length) {
                int grown = (int) Math.min(heapEntries, 2L * size);
                parents = Arrays.copyOf(parents, grown);
                events = Arrays.copyOf(events, grown);
                outcomes = Arrays.copyOf(outcomes, grown);
            }
            parents[size] = parent;
            events[size] = event;
            outcomes[size] = outcome;
        } else {
            if (file == null) {
                file = new MappedFile(spillDir, ".log", segmentBits);
            }
            long at = offset(size);
            file.ensure(at + ENTRY_BYTES);
            file.putInt(at, parent);
            file.putInt(at + 4, event);
            file.putInt(at + 8, outcome);
        }
        size++;
    }

    /** The parent of state {@code id} (-1 for the initial state). */
    int parent(int id) {
        return id < heapEntries ? parents[check(id)] : file.getInt(offset(check(id)));
    }

    /** The index of the event that reached state {@code id}, among its parent's successors. */
    int event(int id) {
        return id < heapEntries ? events[check(id)] : file.getInt(offset(check(id)) + 4);
    }

    /** The index of the outcome of that event that reached state {@code id}. */
    int outcome(int id) {
        return id < heapEntries ? outcomes[check(id)] : file.getInt(offset(check(id)) + 8);
    }

    /** Bytes of the log in the spill file (0 when everything is on the heap). */
    long spilledBytes() {
        return Math.max(0L, (long) size - heapEntries) * ENTRY_BYTES;
    }

    /** Frees the spill file; the log must not be read afterwards. */
    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    private long offset(int id) {
        return (long) (id - heapEntries) * ENTRY_BYTES;
    }

    private int check(int id) {
        if (id < 0 || id >= size) {
            throw new IndexOutOfBoundsException("no state " + id + " among " + size);
        }
        return id;
    }
}
