package dev.stalecheck.explore;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A temporary file mapped into memory in 64 MB segments, read and written at byte offsets in native byte order: the
 * operating system keeps its pages in memory while there is room and writes them to disk when there is not.
 *
 * <p>The file is deleted as soon as it is open (where the system allows it, else when closed or at exit), so that
 * nothing is left behind even when the process is killed; its space is freed when it is closed. A value is never
 * split between segments: longs sit at multiples of 8 and ints at multiples of 4.
 */
final class MappedFile implements AutoCloseable {
    /** Segments of 64 MB. */
    static final int SEGMENT_BITS = 26;
    /** Room left free on the disk beyond what a file needs (for the system and other programs). */
    private static final long DISK_MARGIN = 256L << 20;

    private final Path dir;
    private final FileStore store;
    private final FileChannel channel;
    private final int segmentBits;
    private final long segmentMask;
    private MappedByteBuffer[] segments = new MappedByteBuffer[0];

    /** A new empty file in {@code dir}, mapped in segments of {@code 2^segmentBits} bytes (at least 4 KB). */
    MappedFile(Path dir, String suffix, int segmentBits) {
        if (segmentBits < 12 || segmentBits > 30) {
            throw new IllegalArgumentException("segments of 2^" + segmentBits + " bytes");
        }
        this.dir = dir;
        this.segmentBits = segmentBits;
        this.segmentMask = (1L << segmentBits) - 1;
        try {
            Files.createDirectories(dir);
            Path path = Files.createTempFile(dir, "stalecheck-", suffix);
            store = Files.getFileStore(dir);
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                Files.delete(path);
            } catch (IOException e) {
                path.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new SpillException("cannot create a file in " + dir + " to spill the search to: " + e.getMessage());
        }
    }

    /** Bytes mapped so far. */
    long bytes() {
        return (long) segments.length << segmentBits;
    }

    /** Maps whole segments until the first {@code bytes} bytes are mapped (new bytes read as zero). */
    void ensure(long bytes) {
        int needed = (int) ((bytes + segmentMask) >>> segmentBits);
        if (needed <= segments.length) {
            return;
        }
        long more = ((long) needed << segmentBits) - bytes();
        try {
            if (store.getUsableSpace() < more + DISK_MARGIN) {
                throw new SpillException(String.format("the disk holding %s has %,d MB free, too little to spill %,d MB"
                        + " more of the search (--spill-dir chooses another place)", dir,
                        store.getUsableSpace() >> 20, more >> 20));
            }
            MappedByteBuffer[] grown = Arrays.copyOf(segments, needed);
            for (int s = segments.length; s < needed; s++) {
                grown[s] = channel.map(FileChannel.MapMode.READ_WRITE, (long) s << segmentBits, 1L << segmentBits);
                grown[s].order(ByteOrder.nativeOrder());
            }
            segments = grown;
        } catch (IOException e) {
            throw new SpillException("cannot spill the search to " + dir + ": " + e.getMessage());
        }
    }

    long getLong(long at) {
        return segments[(int) (at >>> segmentBits)].getLong((int) (at & segmentMask));
    }

    void putLong(long at, long value) {
        segments[(int) (at >>> segmentBits)].putLong((int) (at & segmentMask), value);
    }

    int getInt(long at) {
        return segments[(int) (at >>> segmentBits)].getInt((int) (at & segmentMask));
    }

    void putInt(long at, int value) {
        segments[(int) (at >>> segmentBits)].putInt((int) (at & segmentMask), value);
    }

    /** Unmaps the segments now (rather than when the collector finds them) and closes the file, freeing its space. */
    @Override
    public void close() {
        for (MappedByteBuffer b : segments) {
            Unmapper.unmap(b);
        }
        segments = new MappedByteBuffer[0];
        try {
            channel.close();
        } catch (IOException e) {
            // The file is already deleted; closing can only fail to release what the process exit releases.
        }
    }

    /** Releases a mapping at once through {@code sun.misc.Unsafe.invokeCleaner} where the runtime offers it. */
    private static final class Unmapper {
        private static final Object UNSAFE;
        private static final Method INVOKE_CLEANER;

        static {
            Object unsafe = null;
            Method m = null;
            try {
                Class<?> c = Class.forName("sun.misc.Unsafe");
                Field f = c.getDeclaredField("theUnsafe");
                f.setAccessible(true);
                unsafe = f.get(null);
                m = c.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                unsafe = null;
                m = null;
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = m;
        }

        static void unmap(MappedByteBuffer b) {
            if (INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invoke(UNSAFE, b);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Left to the garbage collector, which unmaps it when the buffer is unreachable.
            }
        }
    }
}
