package dev.stalecheck.support;

import dev.stalecheck.config.CacheGeometry;
import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.Indexing;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.WritePolicy;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Mapping;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.RegisterRef;
import dev.stalecheck.program.Space;
import dev.stalecheck.program.ThreadProgram;
import dev.stalecheck.program.ValueExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small builders that keep test programs readable. */
public final class Programs {
    private Programs() {
    }

    /** A space with one normal shareable mapping. */
    public static Space space(String name, long va, long pa, long size) {
        return new Space(name, List.of(new Mapping(va, pa, size, MemoryType.NORMAL, true)));
    }

    /** A space with one mapping of the given type. */
    public static Space space(String name, long va, long pa, long size, MemoryType type) {
        return new Space(name, List.of(new Mapping(va, pa, size, type, true)));
    }

    /** Register {@code rN} at index N. */
    public static RegisterRef r(int n) {
        return new RegisterRef(n, "r" + n);
    }

    /** A 64-bit store of a constant. */
    public static Op store(long va, long value) {
        return new Op.Store(va, 8, ValueExpr.constant(value));
    }

    /** A 64-bit load into {@code rN}. */
    public static Op load(int reg, long va) {
        return new Op.Load(r(reg), va, 8);
    }

    /** Data-cache maintenance by VA. */
    public static Op dc(Op.DcKind kind, long va) {
        return new Op.DataCacheByAddress(kind, va);
    }

    /** A cpu thread in a space, with registers r0..r7. */
    public static ThreadProgram cpuThread(String name, int cpu, Space space, List<Integer> after, Op... ops) {
        return new ThreadProgram(name, new Agent.Cpu(cpu), space, Arrays.asList(ops), after, registers());
    }

    /** A device thread. */
    public static ThreadProgram deviceThread(String name, Point level, boolean coherent, List<Integer> after,
                                             Op... ops) {
        return new ThreadProgram(name, new Agent.Device(level, coherent), null, Arrays.asList(ops), after, registers());
    }

    private static List<String> registers() {
        List<String> regs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            regs.add("r" + i);
        }
        return regs;
    }

    /** A program of threads with no initial RAM or cached lines. */
    public static Program program(ThreadProgram... threads) {
        return new Program(Arrays.asList(threads), List.of(), List.of(), List.of());
    }

    /** A program with initial RAM words and cached lines. */
    public static Program program(List<RamInit> ram, List<InitialLine> cached, ThreadProgram... threads) {
        return new Program(Arrays.asList(threads), ram, cached, List.of());
    }

    /** A write-back write-allocate PIPT level with default sharing. */
    public static CacheLevelConfig level(String name, int size, int ways, int line) {
        return CacheLevelConfig.defaults(name, new CacheGeometry(size, ways, line));
    }

    /** A level with explicit indexing and allocation. */
    public static CacheLevelConfig level(String name, int size, int ways, int line, Indexing indexing, boolean writeAllocate) {
        return new CacheLevelConfig(name, new CacheGeometry(size, ways, line), indexing, WritePolicy.WRITE_BACK,
                writeAllocate, !name.startsWith("l1"), false, false);
    }
}
