package dev.stalecheck.machine;

import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.Translation;

/**
 * Which earlier operations of a cpu thread each operation waits for under {@code ordering armv8}: the rules of
 * docs/ordering.md, computed once per thread from its operations (every address is known statically).
 *
 * <p>Operation {@code j} waits for operation {@code i < j} when a rule orders them; it may perform once every such
 * {@code i} has performed. Barriers are operations too: a {@code dmb} waits for the earlier accesses it orders and
 * the later accesses it orders wait for it, which orders the two through it. Only the {@link #WINDOW} operations
 * after the oldest one not yet performed may perform: a thread's window of operations in flight.
 */
public final class ProgramOrder {
    /** How many operations, counted from the oldest not yet performed, may be in flight. */
    public static final int WINDOW = 63;

    /** What an operation is, as far as the ordering rules are concerned. */
    enum Kind {
        LOAD, STORE, WAIT, FETCH, TRANSLATE, DC, IC, TLBI, SMMU, SET_WAY, CONTEXT,
        DMB, DMB_ST, DMB_LD, DSB, DSB_ST, DSB_LD, DSB_NSH, ISB, NOTHING
    }

    private final Kind[] kinds;
    /** Per operation {@code j}: bit {@code d} set when {@code j} waits for operation {@code j - 1 - d}. */
    private final long[] waitsFor;
    /** Per operation: the last earlier {@code isb} or context change, or -1. */
    private final int[] lastSync;
    /** Per operation: whether its translation may be taken early (a cpu thread with a table, a VA to translate). */
    private final boolean[] translatable;

    /** The order of {@code thread}'s operations, with {@code lineBytes} the largest cache line (for {@code dc}). */
    public ProgramOrder(ThreadProgram thread, long lineBytes) {
        int n = thread.ops().size();
        kinds = new Kind[n];
        waitsFor = new long[n];
        lastSync = new int[n];
        translatable = new boolean[n];
        for (int j = 0; j < n; j++) {
            kinds[j] = kindOf(thread.ops().get(j));
        }
        int sync = -1;
        for (int j = 0; j < n; j++) {
            lastSync[j] = sync;
            Op op = thread.ops().get(j);
            translatable[j] = thread.onCpu() && thread.table() != null && translates(kinds[j], op);
            for (int i = j - 1; i >= 0 && j - 1 - i < WINDOW; i--) {
                if (waits(thread, i, j, lineBytes)) {
                    waitsFor[j] |= 1L << (j - 1 - i);
                }
            }
            if (kinds[j] == Kind.ISB || kinds[j] == Kind.CONTEXT) {
                sync = j;
            }
        }
    }

    /** Whether operation {@code j} waits for the earlier operation {@code i} (within the window). */
    public boolean waits(int i, int j) {
        int d = j - 1 - i;
        return d >= 0 && d < WINDOW && (waitsFor[j] & (1L << d)) != 0;
    }

    /** The last {@code isb} or context change before operation {@code j}, or -1: its translation point follows it. */
    public int lastSync(int j) {
        return lastSync[j];
    }

    /** Whether operation {@code j} has a translation that may be taken before it performs. */
    public boolean translatable(int j) {
        return translatable[j];
    }

    private static boolean translates(Kind k, Op op) {
        return switch (k) {
            case LOAD, STORE, WAIT, FETCH, DC -> true;
            case IC -> ((Op.InstructionCacheOp) op).kind() == Op.IcKind.IVAU;
            default -> false;
        };
    }

    static Kind kindOf(Op op) {
        if (op instanceof Op.Load) {
            return Kind.LOAD;
        } else if (op instanceof Op.Wait) {
            return Kind.WAIT;
        } else if (op instanceof Op.Store) {
            return Kind.STORE;
        } else if (op instanceof Op.Fetch) {
            return Kind.FETCH;
        } else if (op instanceof Op.Translate) {
            return Kind.TRANSLATE;
        } else if (op instanceof Op.DataCacheByAddress d) {
            return d.kind() == Op.DcKind.ZVA ? Kind.STORE : Kind.DC;
        } else if (op instanceof Op.InstructionCacheOp) {
            return Kind.IC;
        } else if (op instanceof Op.TlbInvalidate) {
            return Kind.TLBI;
        } else if (op instanceof Op.SmmuTlbi) {
            return Kind.SMMU;
        } else if (op instanceof Op.DataCacheBySetWay || op instanceof Op.DataCacheWholeLevel
                || op instanceof Op.OuterCacheOp) {
            return Kind.SET_WAY;
        } else if (op instanceof Op.ControlChange) {
            return Kind.CONTEXT;
        } else if (op instanceof Op.Barrier b) {
            return barrierKind(b.text());
        }
        throw new AssertionError("unknown operation " + op);
    }

    /** {@code dmb}, {@code dsb} or {@code isb} with its domain: {@code st} and {@code ld} forms order less. */
    private static Kind barrierKind(String text) {
        String[] words = text.split(" ");
        String domain = words.length > 1 ? words[1] : "sy";
        boolean st = domain.endsWith("st");
        boolean ld = domain.endsWith("ld");
        boolean local = domain.startsWith("nsh");
        return switch (words[0]) {
            case "isb" -> Kind.ISB;
            case "dmb" -> local ? Kind.NOTHING : st ? Kind.DMB_ST : ld ? Kind.DMB_LD : Kind.DMB;
            case "dsb" -> local ? Kind.DSB_NSH : st ? Kind.DSB_ST : ld ? Kind.DSB_LD : Kind.DSB;
            default -> throw new AssertionError("unknown barrier " + text);
        };
    }

    private static boolean isRead(Kind k) {
        return k == Kind.LOAD || k == Kind.WAIT;
    }

    private static boolean isAccess(Kind k) {
        return isRead(k) || k == Kind.STORE;
    }

    private boolean waits(ThreadProgram thread, int i, int j, long lineBytes) {
        Kind a = kinds[i];
        Kind b = kinds[j];
        Op first = thread.ops().get(i);
        Op second = thread.ops().get(j);
        return barrierOrders(a, b) || (a == Kind.WAIT && !isRead(b) && b != Kind.FETCH && b != Kind.TRANSLATE)
                || registersOrder(first, second)
                || (isAccess(a) && isAccess(b) && (sameBytes(thread, first, second) || bothDevice(thread, first, second)))
                || (a == Kind.DC && isAccess(b) && sameLine(thread, first, second, lineBytes))
                || (b == Kind.DC && isAccess(a) && sameLine(thread, second, first, lineBytes));
    }

    /**
     * Rules 4 to 6 (and context changes, which order like {@code dsb; isb} on both sides). A fetch waits only for
     * a context-synchronization point: a {@code dsb} does not delay it (herd7's ifetch model agrees). Barriers of
     * the non-shareable domain do not order accesses that other observers see: a {@code dmb nsh} orders nothing,
     * a {@code dsb nsh} waits only for earlier maintenance, barriers and context changes (herd7's model agrees).
     * An {@code smmu tlbi} is ordered after earlier operations as a store to Device memory is (its command reaches the
     * SMMU through the command queue and a register write), and every later operation waits for it: the thread
     * waits for its CMD_SYNC to complete (docs/semantics.md).
     */
    private static boolean barrierOrders(Kind a, Kind second) {
        if (a == Kind.SMMU) {
            return true;
        }
        Kind b = second == Kind.SMMU ? Kind.STORE : second;
        if (a == Kind.CONTEXT || b == Kind.CONTEXT || a == Kind.ISB) {
            return true;
        }
        if (b == Kind.FETCH || a == Kind.NOTHING || b == Kind.NOTHING) {
            return false;
        }
        if (a == Kind.DSB || a == Kind.DSB_ST || a == Kind.DSB_LD || a == Kind.DSB_NSH) {
            return true;
        }
        return switch (b) {
            case ISB -> a == Kind.DMB || a == Kind.DMB_ST || a == Kind.DMB_LD || a == Kind.DSB_NSH;
            case DSB -> true;
            case DSB_NSH -> !isAccess(a);
            case DSB_ST, DMB_ST -> a == Kind.STORE;
            case DSB_LD, DMB_LD -> isRead(a);
            case DMB -> isAccess(a);
            default -> switch (a) {
                case DMB, DMB_LD -> isAccess(b);
                case DMB_ST -> b == Kind.STORE;
                default -> false;
            };
        };
    }

    /**
     * Rule 2, with the two hazards a register file without renaming adds: a later operation that writes a register
     * an earlier one reads or writes waits for it too (docs/semantics.md).
     */
    private static boolean registersOrder(Op first, Op second) {
        long w1 = written(first);
        long w2 = written(second);
        return (w1 & read(second)) != 0 || (read(first) & w2) != 0 || (w1 & w2) != 0;
    }

    private static long written(Op op) {
        if (op instanceof Op.Load l) {
            return l.register() == null ? 0 : 1L << l.register().index();
        } else if (op instanceof Op.Fetch f) {
            return 1L << f.register().index();
        } else if (op instanceof Op.Translate t) {
            return 1L << t.register().index();
        }
        return 0;
    }

    private static long read(Op op) {
        return op instanceof Op.Store s ? s.value().registersRead() : 0;
    }

    /** Rule 1 for two accesses: overlapping virtual bytes, or overlapping physical bytes through a fixed space. */
    private static boolean sameBytes(ThreadProgram thread, Op first, Op second) {
        long a = Op.addressOf(first);
        long b = Op.addressOf(second);
        int wa = width(first);
        int wb = width(second);
        if (a < b + wb && b < a + wa) {
            return true;
        }
        long pa = physical(thread, a);
        long pb = physical(thread, b);
        return pa >= 0 && pb >= 0 && pa < pb + wb && pb < pa + wa;
    }

    /** Rule 1 for {@code dc} by VA and an access: the same line, through a cacheable mapping. */
    private static boolean sameLine(ThreadProgram thread, Op dc, Op access, long lineBytes) {
        long line = Op.addressOf(dc) & -lineBytes;
        long a = Op.addressOf(access);
        if (((a ^ line) & -lineBytes) == 0 && cacheable(thread, a)) {
            return true;
        }
        long pl = physical(thread, line);
        long pa = physical(thread, a);
        return pl >= 0 && pa >= 0 && ((pl ^ pa) & -lineBytes) == 0 && cacheable(thread, a);
    }

    /** Rule 3: both through Device mappings of a fixed space. */
    private static boolean bothDevice(ThreadProgram thread, Op first, Op second) {
        return type(thread, Op.addressOf(first)) == MemoryType.DEVICE
                && type(thread, Op.addressOf(second)) == MemoryType.DEVICE;
    }

    private static boolean cacheable(ThreadProgram thread, long va) {
        MemoryType t = type(thread, va);
        return t == null || t.isCacheable();
    }

    /** The memory type of {@code va} in the thread's fixed space, or null when it has none (a table, or no MMU). */
    private static MemoryType type(ThreadProgram thread, long va) {
        return thread.space() != null && thread.space().translate(va) instanceof Translation.Translated t
                ? t.type() : null;
    }

    private static long physical(ThreadProgram thread, long va) {
        return thread.space() != null && thread.space().translate(va) instanceof Translation.Translated t
                ? t.physicalAddress() : -1;
    }

    private static int width(Op op) {
        if (op instanceof Op.Load l) {
            return l.width();
        } else if (op instanceof Op.Store s) {
            return s.width();
        } else if (op instanceof Op.Wait w) {
            return w.width();
        }
        return 64;
    }
}
