package dev.stalecheck.machine;

import dev.stalecheck.cache.CacheLine;
import dev.stalecheck.config.Point;
import dev.stalecheck.config.DisabledHits;
import dev.stalecheck.config.WritePolicy;
import dev.stalecheck.program.MemoryType;
import dev.stalecheck.util.Bytes;
import dev.stalecheck.util.Hex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** Loads, stores and instruction fetches of cpus and devices, as the language page's data-movement rules say. */
final class AccessExecutor {
    private AccessExecutor() {
    }

    // ---- cpu data loads -----------------------------------------------------------------------

    static long load(StepExecution x, Access a, int width) {
        if (a.cacheable() && bypassesAll(x, a)) {
            return nonCacheableRead(x, a, width, false);
        }
        return a.cacheable() ? cacheableLoad(x, a, width) : nonCacheableLoad(x, a, width);
    }

    /**
     * The data path of a cacheable access: the cpu's data path, without the {@code wt-bypass} levels for a
     * {@code normal-wt} mapping (those levels neither look it up nor allocate it).
     */
    private static int[] dataPath(StepExecution x, Access a) {
        int[] path = x.topology().dataPath(a.cpu());
        if (a.type() != MemoryType.NORMAL_WT) {
            return path;
        }
        return java.util.Arrays.stream(path).filter(id -> !x.instance(id).level().wtBypass()).toArray();
    }

    /** Whether a {@code normal-wt} access bypasses every level of a machine that has some: it is non-cacheable. */
    private static boolean bypassesAll(StepExecution x, Access a) {
        return a.type() == MemoryType.NORMAL_WT && x.topology().dataPath(a.cpu()).length > 0
                && dataPath(x, a).length == 0;
    }

    private static long cacheableLoad(StepExecution x, Access a, int width) {
        int[] path = dataPath(x, a);
        if (path.length == 0) {
            return readRam(x, a.pa(), width);
        }
        int id = path[0];
        CacheInstance c = x.instance(id);
        int colour = c.index().colourOf(a.va());
        int set = x.setOf(id, a.pa(), colour);
        int way = x.find(id, a.pa(), colour);
        x.observer().lookup(id, way >= 0);
        if (way >= 0) {
            x.touch(id, set, way);
        } else {
            way = x.fill(path, 0, a.va(), a.pa(), snoopForRead(x, a.cpu(), path, 0, a.va(), a.pa(), a.shareable()));
        }
        return readLine(x, id, set, way, a.pa(), width);
    }

    private static long readLine(StepExecution x, int id, int set, int way, long pa, int width) {
        CacheLine l = x.line(id, set, way);
        long value = l.read((int) (pa - l.physicalAddress()), width);
        if (x.detailed()) {
            x.read(pa, width, value, x.instance(id).name() + " set " + set + " way " + way);
        }
        return value;
    }

    private static long readRam(StepExecution x, long pa, int width) {
        long value = x.ram().read(pa, width);
        x.read(pa, width, value, "RAM");
        return value;
    }

    /**
     * A coherent read miss of shareable memory into the L1 at {@code path[target]}: if another cpu holds the line
     * dirty, the data comes from it and the owner either keeps the line dirty or the dirty line migrates (both
     * explored); else null (the fill reads beyond). Where a non-coherent write has left another cpu's clean copy
     * differing from that data, each such copy may supply the line instead (explored first-to-last after the usual
     * source; semantics item 8).
     */
    static StepExecution.Supplied snoopForRead(StepExecution x, int cpu, int[] path, int target, long va, long pa,
                                               boolean shareable) {
        CacheInstance reader = x.instance(path[target]);
        if (!shareable || reader.isShared() || x.config().cpus() == 1) {
            return null;
        }
        List<StepExecution.Located> owners = x.dirtyCopies(pa, c -> peer(c, cpu, reader));
        List<StepExecution.Located> clean = hasCleanCopy(x, pa, c -> peer(c, cpu, reader))
                ? distinctCleanCopies(x, pa, c -> peer(c, cpu, reader), memoryLine(x, pa, reader.lineBytes()),
                        owners.isEmpty() ? x.fillSource(path, target, va, pa)
                        : x.line(owners.get(0).cache(), owners.get(0).set(), owners.get(0).way()).words())
                : List.of();
        int pick = x.choose(ChoiceKind.CLEAN_SUPPLIER, clean.size() + 1, 0, i -> i == 0
                ? "cpu" + cpu + " reads the line from its usual source"
                : "the clean copy in " + x.instance(clean.get(i - 1).cache()).name() + " supplies cpu" + cpu + "'s read");
        if (pick > 0) {
            StepExecution.Located l = clean.get(pick - 1);
            return new StepExecution.Supplied(x.line(l.cache(), l.set(), l.way()).words(), false);
        }
        if (owners.isEmpty()) {
            return null;
        }
        StepExecution.Located owner = owners.get(0);
        CacheLine line = x.line(owner.cache(), owner.set(), owner.way());
        String ownerName = x.instance(owner.cache()).name();
        int keep = x.choose(ChoiceKind.OWNERSHIP, 2, 0, i -> i == 0
                ? ownerName + " keeps its dirty copy; cpu" + cpu + " reads a clean copy"
                : "the dirty line migrates from " + ownerName + " to cpu" + cpu);
        if (keep == 0) {
            return new StepExecution.Supplied(line.words(), false);
        }
        x.remove(owner.cache(), owner.set(), owner.way(), Effect.LineAction.SNOOPED);
        return new StepExecution.Supplied(line.words(), true);
    }

    /** Another cpu's private data cache with the reader's line size: one that may supply a coherent read. */
    private static boolean peer(CacheInstance c, int cpu, CacheInstance reader) {
        return !c.isShared() && c.cpu() != cpu && !c.isInstruction() && c.lineBytes() == reader.lineBytes();
    }

    /** Whether some cache {@code where} accepts holds {@code pa}'s line clean. */
    private static boolean hasCleanCopy(StepExecution x, long pa, Predicate<CacheInstance> where) {
        for (CacheInstance c : x.topology().instances()) {
            if (where.test(c)) {
                for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                    if (!x.line(l.cache(), l.set(), l.way()).isDirty()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The clean copies of {@code pa}'s line in the caches {@code where} accepts whose words differ from memory as
     * every observer sees it ({@code memory}: only a non-coherent write leaves such a copy), from {@code usual} and
     * from every earlier such copy (an equal copy would add nothing), in instance order, then colour.
     */
    private static List<StepExecution.Located> distinctCleanCopies(StepExecution x, long pa,
                                                                    Predicate<CacheInstance> where, long[] memory,
                                                                    long[] usual) {
        List<StepExecution.Located> out = new ArrayList<>();
        List<long[]> seen = new ArrayList<>();
        seen.add(memory);
        seen.add(usual);
        for (CacheInstance c : x.topology().instances()) {
            if (!where.test(c)) {
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                CacheLine line = x.line(l.cache(), l.set(), l.way());
                long[] words = line.words();
                if (!line.isDirty() && seen.stream().noneMatch(w -> Arrays.equals(w, words))) {
                    seen.add(words);
                    out.add(l);
                }
            }
        }
        return out;
    }

    // ---- cpu data stores ----------------------------------------------------------------------

    static void store(StepExecution x, Access a, int width, long value) {
        if (a.cacheable() && bypassesAll(x, a)) {
            storeToMemory(x, a.pa(), width, value, "non-cacheable store to " + Hex.of(a.va()));
        } else if (a.cacheable()) {
            cacheableStore(x, a, width, value);
        } else {
            nonCacheableStore(x, a, width, value);
        }
    }

    private static void cacheableStore(StepExecution x, Access a, int width, long value) {
        int[] path = dataPath(x, a);
        boolean writeThroughMapping = a.type() == MemoryType.NORMAL_WT;
        StepExecution.Supplied owned = a.shareable() ? takeOwnership(x, a, path, writeThroughMapping) : null;
        for (int pos = 0; pos < path.length; pos++) {
            int id = path[pos];
            CacheInstance c = x.instance(id);
            int colour = c.index().colourOf(a.va());
            int set = x.setOf(id, a.pa(), colour);
            int way = x.find(id, a.pa(), colour);
            x.observer().lookup(id, way >= 0);
            boolean writeThrough = writeThroughMapping || c.level().writePolicy() == WritePolicy.WRITE_THROUGH;
            if (way < 0 && c.level().writeAllocate() && !writeThrough) {
                way = x.fill(path, pos, a.va(), a.pa(), owned);
            } else if (way >= 0 && owned != null) {
                CacheLine l = x.line(id, set, way);
                x.put(id, set, way, l.withData(owned.words(), true, x.tick()), Effect.LineAction.WRITTEN);
            }
            owned = null;
            if (way >= 0) {
                CacheLine l = x.line(id, set, way);
                x.writeInto(id, set, way, a.pa(), width, value, writeThrough ? l.isDirty() : true);
                if (!writeThrough) {
                    return;
                }
            }
        }
        writeRamValue(x, a.pa(), width, value);
    }

    /**
     * Read for ownership before a coherent store: removes every other cpu's copy. A dirty copy's data is handed to
     * the store's own L1 when that L1 will hold the line; otherwise it is written back first.
     */
    private static StepExecution.Supplied takeOwnership(StepExecution x, Access a, int[] path, boolean writeThroughMapping) {
        if (path.length == 0 || x.config().cpus() == 1) {
            return null;
        }
        CacheInstance first = x.instance(path[0]);
        boolean l1WillHold = x.find(path[0], a.pa(), first.index().colourOf(a.va())) >= 0
                || (first.level().writeAllocate() && !writeThroughMapping
                    && first.level().writePolicy() == WritePolicy.WRITE_BACK);
        StepExecution.Supplied owned = null;
        for (CacheInstance c : x.topology().instances()) {
            if (c.isShared() || c.cpu() == a.cpu() || c.isInstruction()) {
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(c.id(), a.pa())) {
                CacheLine line = x.line(l.cache(), l.set(), l.way());
                if (line.isDirty()) {
                    if (owned == null && l1WillHold && c.lineBytes() == first.lineBytes()) {
                        owned = new StepExecution.Supplied(line.words(), true);
                    } else {
                        x.writeBack(l.cache(), line);
                    }
                }
                x.remove(l.cache(), l.set(), l.way(), Effect.LineAction.SNOOPED);
            }
        }
        return owned;
    }

    static void writeRamValue(StepExecution x, long pa, int width, long value) {
        x.observer().memoryWrite();
        long word = x.ram().word(pa);
        long[] w = {word};
        Bytes.write(w, (int) (pa & 7), width, value);
        x.writeRam(pa & ~7L, w[0]);
    }

    // ---- non-cacheable ------------------------------------------------------------------------

    private static long nonCacheableLoad(StepExecution x, Access a, int width) {
        StepExecution.Located hit = disabledHit(x, a);
        if (hit != null) {
            return readLine(x, hit.cache(), hit.set(), hit.way(), a.pa(), width);
        }
        return nonCacheableRead(x, a, width, false);
    }

    /**
     * A non-cacheable load or fetch: memory as every observer sees it or, explored with the hazard
     * {@code nc-dirty-alias}, any dirty copy inside the PoC.
     */
    private static long nonCacheableRead(StepExecution x, Access a, int width, boolean fetch) {
        String what = fetch ? "fetch" : "read";
        List<StepExecution.Located> dirty = dirtyCopies(x, a.pa());
        if (dirty.isEmpty()) {
            return readMemory(x, a.pa(), width);
        }
        reportNonCacheable(x, dirty, a.pa(), "non-cacheable " + (fetch ? "fetch" : "load") + " of " + Hex.of(a.va()));
        int pick = x.choose(ChoiceKind.NON_CACHEABLE_SOURCE, dirty.size() + 1, 0, i -> i == 0
                ? "non-cacheable " + what + " takes memory"
                : "non-cacheable " + what + " takes the dirty copy in " + x.instance(dirty.get(i - 1).cache()).name());
        if (pick == 0) {
            return readMemory(x, a.pa(), width);
        }
        StepExecution.Located d = dirty.get(pick - 1);
        return readLine(x, d.cache(), d.set(), d.way(), a.pa(), width);
    }

    private static void nonCacheableStore(StepExecution x, Access a, int width, long value) {
        StepExecution.Located hit = disabledHit(x, a);
        if (hit != null) {
            x.writeInto(hit.cache(), hit.set(), hit.way(), a.pa(), width, value, true);
            return;
        }
        storeToMemory(x, a.pa(), width, value, "non-cacheable store to " + Hex.of(a.va()));
    }

    /**
     * A store to memory as every observer sees it (the first level at or beyond the PoC holding the line, else RAM),
     * with the {@code nc-dirty-alias} hazard for dirty copies inside the PoC that may overwrite it later.
     */
    static void storeToMemory(StepExecution x, long pa, int width, long value, String what) {
        List<StepExecution.Located> dirty = dirtyCopies(x, pa);
        if (!dirty.isEmpty()) {
            reportNonCacheable(x, dirty, pa, what + " leaves a dirty copy that may overwrite it later");
        }
        writeMemory(x, pa, width, value);
    }

    /** Writes memory as every observer sees it, with no hazard check. */
    static void writeMemory(StepExecution x, long pa, int width, long value) {
        StepExecution.Located holder = memoryHolder(x, pa);
        if (holder != null) {
            x.writeInto(holder.cache(), holder.set(), holder.way(), pa, width, value, true);
        } else {
            writeRamValue(x, pa, width, value);
        }
    }

    /** The first level at or beyond the PoC (seen by every observer) that holds {@code pa}'s line, or null. */
    static StepExecution.Located memoryHolder(StepExecution x, long pa) {
        for (int id : x.topology().pathFromDepthShared(0, x.config().poc().depth())) {
            StepExecution.Located l = x.findAnyColour(id, pa);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /** The {@code bytes} bytes of {@code pa}'s line (aligned to them) in memory as every observer sees it. */
    private static long[] memoryLine(StepExecution x, long pa, int bytes) {
        long linePa = pa & -bytes;
        StepExecution.Located holder = memoryHolder(x, pa);
        return holder == null ? x.ramLine(linePa, bytes)
                : StepExecution.slice(x.line(holder.cache(), holder.set(), holder.way()), linePa, bytes);
    }

    /** A read of memory as every observer sees it: the first level at or beyond the PoC holding the line, else RAM. */
    private static long readMemory(StepExecution x, long pa, int width) {
        StepExecution.Located holder = memoryHolder(x, pa);
        return holder == null ? readRam(x, pa, width) : readLine(x, holder.cache(), holder.set(), holder.way(), pa, width);
    }

    private static void reportNonCacheable(StepExecution x, List<StepExecution.Located> dirty, long pa, String what) {
        for (StepExecution.Located d : dirty) {
            CacheInstance c = x.instance(d.cache());
            x.hazard(HazardKind.NC_DIRTY_ALIAS, c.name(), c.lineOf(pa), what + " while " + c.name() + " holds the line dirty");
        }
    }

    /**
     * With caches off and {@code disabled-hits} yes (or its {@code yes} branch), the innermost present copy on the
     * issuing cpu's path in the access's colour; else null.
     */
    private static StepExecution.Located disabledHit(StepExecution x, Access a) {
        if (!a.disabledHitsApply() || x.config().disabledHits() == DisabledHits.NO) {
            return null;
        }
        StepExecution.Located present = null;
        for (int id : dataPath(x, a)) {
            CacheInstance c = x.instance(id);
            if (c.level().system()) {
                continue;
            }
            int colour = c.index().colourOf(a.va());
            int way = x.find(id, a.pa(), colour);
            if (way >= 0) {
                present = new StepExecution.Located(id, x.setOf(id, a.pa(), colour), way);
                break;
            }
        }
        if (present == null) {
            return null;
        }
        if (x.config().disabledHits() == DisabledHits.ANY && !x.disabledHitsResolveToHit()) {
            return null;
        }
        return present;
    }

    /**
     * Every dirty copy of {@code pa}'s line in a non-system cache inside the PoC, innermost level first, then instance
     * order, then colour.
     */
    static List<StepExecution.Located> dirtyCopies(StepExecution x, long pa) {
        int pocDepth = x.config().poc().depth();
        List<StepExecution.Located> out = x.dirtyCopies(pa, c -> !c.level().system() && c.depth() < pocDepth);
        out.sort(Comparator.comparingInt(l -> x.instance(l.cache()).depth()));
        return out;
    }

    // ---- instruction fetch --------------------------------------------------------------------

    /**
     * An instruction fetch. With SCTLR.I = 1 and a cacheable mapping (or the MMU off) it is cacheable: it looks up and
     * fills the L1I (without one it reads from the PoU outward). Otherwise it is Non-cacheable for every instruction
     * and unified level: it reads memory as every observer sees it (the PoC), allocating nowhere.
     */
    static long fetch(StepExecution x, Access a, boolean icacheOn) {
        if (!icacheOn || (a.mmuOn() && !a.type().isCacheable())) {
            return nonCacheableRead(x, a, 4, true);
        }
        int icache = x.topology().instructionCache(a.cpu());
        if (icache >= 0) {
            CacheInstance c = x.instance(icache);
            int colour = c.index().colourOf(a.va());
            int set = x.setOf(icache, a.pa(), colour);
            int way = x.find(icache, a.pa(), colour);
            x.observer().lookup(icache, way >= 0);
            if (way >= 0) {
                x.touch(icache, set, way);
            } else {
                way = x.fill(x.topology().instructionPathShared(a.cpu()), 0, a.va(), a.pa(), null);
            }
            return readLine(x, icache, set, way, a.pa(), 4);
        }
        for (int id : x.topology().pathFromDepthShared(a.cpu(), x.config().pou().depth())) {
            CacheInstance c = x.instance(id);
            int colour = c.index().colourOf(a.va());
            int way = x.find(id, a.pa(), colour);
            if (way >= 0) {
                return readLine(x, id, x.setOf(id, a.pa(), colour), way, a.pa(), 4);
            }
        }
        return readRam(x, a.pa(), 4);
    }

    // ---- devices ------------------------------------------------------------------------------

    /** The shared instances a device at {@code level} sees: that level and beyond ({@code memory}: from the PoC on). */
    static int[] devicePath(StepExecution x, Point level) {
        Point from = level.equals(Point.MEMORY) ? x.config().poc() : level;
        return x.topology().pathFromDepthShared(0, from.depth());
    }

    static long deviceLoad(StepExecution x, Point level, boolean coherent, long pa, int width) {
        if (coherent) {
            return coherentDeviceLoad(x, pa, width);
        }
        for (int id : devicePath(x, level)) {
            StepExecution.Located l = x.findAnyColour(id, pa);
            if (l != null) {
                return readLine(x, l.cache(), l.set(), l.way(), pa, width);
            }
        }
        return readRam(x, pa, width);
    }

    /**
     * A coherent device's read: the newest copy (the innermost dirty one, else RAM) or, where a non-coherent write
     * left clean data copies whose bytes at {@code pa} differ from memory as every observer sees it (and from the
     * newest), each such copy (semantics item 23). A clean copy under a newer dirty one that equals memory is the
     * ordinary state of a write-back hierarchy and supplies nothing.
     */
    private static long coherentDeviceLoad(StepExecution x, long pa, int width) {
        StepExecution.Located newest = newestDirty(x, pa);
        long usual = newest == null ? x.ram().read(pa, width) : read(x, newest, pa, width);
        StepExecution.Located holder = memoryHolder(x, pa);
        long memory = holder == null ? x.ram().read(pa, width) : read(x, holder, pa, width);
        List<StepExecution.Located> clean = new ArrayList<>();
        List<Long> values = new ArrayList<>(List.of(memory, usual));
        for (CacheInstance c : x.topology().instances()) {
            if (c.isInstruction()) {
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                long v = read(x, l, pa, width);
                if (!x.line(l.cache(), l.set(), l.way()).isDirty() && !values.contains(v)) {
                    values.add(v);
                    clean.add(l);
                }
            }
        }
        int pick = x.choose(ChoiceKind.CLEAN_SUPPLIER, clean.size() + 1, 0, i -> i == 0
                ? "the device reads the newest copy"
                : "the clean copy in " + x.instance(clean.get(i - 1).cache()).name() + " supplies the device's read");
        StepExecution.Located from = pick > 0 ? clean.get(pick - 1) : newest;
        return from == null ? readRam(x, pa, width) : readLine(x, from.cache(), from.set(), from.way(), pa, width);
    }

    private static long read(StepExecution x, StepExecution.Located l, long pa, int width) {
        CacheLine line = x.line(l.cache(), l.set(), l.way());
        return line.read((int) (pa - line.physicalAddress()), width);
    }

    /**
     * A device's store. A coherent device pushes every dirty data copy to RAM and snoops the data caches' copies away
     * (IO coherency never reaches instruction caches), then writes RAM or, with {@code allocate LEVEL}, allocates the
     * line dirty at that level and writes it there (semantics item 32). Any other device writes the first copy on its path, or
     * allocates at its own level when that is a write-allocate cache, or writes RAM; a device at {@code memory}
     * never allocates, even when the PoC is a cache it looks up.
     */
    static void deviceStore(StepExecution x, Point level, boolean coherent, long pa, int width, long value) {
        if (coherent) {
            Inclusion.backInvalidateLine(x, pa);
            for (StepExecution.Located d : dirtyOutermostFirst(x, pa)) {
                CacheLine l = x.line(d.cache(), d.set(), d.way());
                long[] words = l.words();
                for (int i = 0; i < words.length; i++) {
                    x.writeRam(l.physicalAddress() + 8L * i, words[i]);
                }
            }
            if (level.equals(Point.MEMORY)) {
                writeRamValue(x, pa, width, value);
                removeDataCopies(x, pa);
                return;
            }
            removeDataCopies(x, pa);
            int id = devicePath(x, level)[0];
            CacheInstance c = x.instance(id);
            int way = x.allocateLine(id, pa, pa, x.ramLine(c.lineOf(pa), c.lineBytes()), true);
            x.writeInto(id, x.setOf(id, pa, c.index().colourOf(pa)), way, pa, width, value, true);
            return;
        }
        int[] path = devicePath(x, level);
        reportLostDeviceWrite(x, path, pa, width, value);
        for (int id : path) {
            StepExecution.Located l = x.findAnyColour(id, pa);
            if (l != null) {
                x.writeInto(l.cache(), l.set(), l.way(), pa, width, value, true);
                return;
            }
        }
        if (path.length > 0 && !level.equals(Point.MEMORY) && x.instance(path[0]).level().writeAllocate()) {
            int way = x.fill(path, 0, pa, pa, null);
            CacheInstance c = x.instance(path[0]);
            int set = x.setOf(path[0], pa, c.index().colourOf(pa));
            x.writeInto(path[0], set, way, pa, width, value, true);
            return;
        }
        writeRamValue(x, pa, width, value);
    }

    /** Every dirty data copy of {@code pa}'s line, outermost level first. */
    private static List<StepExecution.Located> dirtyOutermostFirst(StepExecution x, long pa) {
        List<StepExecution.Located> dirty = x.dirtyCopies(pa, c -> !c.isInstruction());
        dirty.sort(Comparator.comparingInt((StepExecution.Located l) -> x.instance(l.cache()).depth()).reversed());
        return dirty;
    }

    /** Snoops every data copy of {@code pa}'s line away (IO coherency never reaches instruction caches). */
    private static void removeDataCopies(StepExecution x, long pa) {
        for (CacheInstance c : x.topology().instances()) {
            if (c.isInstruction()) {
                continue;
            }
            for (StepExecution.Located l : x.findAllColours(c.id(), pa)) {
                x.remove(l.cache(), l.set(), l.way(), Effect.LineAction.SNOOPED);
            }
        }
    }

    /**
     * The {@code lost-device-write} hazard: before a non-coherent device's store, every dirty copy of the line in a
     * cache off the device's path whose bytes at the store differ from the stored value. The device writes the first
     * copy on its path (or RAM); such a dirty copy, written back later, overwrites the device's data (the write-back
     * moves the whole line), unless it is invalidated first, which discards the cpu's bytes instead.
     */
    private static void reportLostDeviceWrite(StepExecution x, int[] path, long pa, int width, long value) {
        for (StepExecution.Located d : x.dirtyCopies(pa, c -> !c.isInstruction())) {
            boolean onPath = false;
            for (int id : path) {
                onPath |= id == d.cache();
            }
            CacheLine l = x.line(d.cache(), d.set(), d.way());
            long mask = width >= 8 ? -1L : (1L << (8 * width)) - 1;
            if (onPath || l.read((int) (pa - l.physicalAddress()), width) == (value & mask)) {
                continue;
            }
            CacheInstance c = x.instance(d.cache());
            x.hazard(HazardKind.LOST_DEVICE_WRITE, c.name(), c.lineOf(pa), "a device wrote " + Hex.of(pa)
                    + " while " + c.name() + " holds the line dirty with other bytes: writing that line back"
                    + " overwrites the device's data (invalidating it first discards the cpu's)");
        }
    }

    /** The newest copy of {@code pa}'s line: the innermost dirty copy in any cache, or null. */
    private static StepExecution.Located newestDirty(StepExecution x, long pa) {
        StepExecution.Located best = null;
        int bestDepth = Integer.MAX_VALUE;
        for (StepExecution.Located l : x.dirtyCopies(pa, c -> true)) {
            int depth = x.instance(l.cache()).depth();
            if (depth < bestDepth) {
                best = l;
                bestDepth = depth;
            }
        }
        return best;
    }
}
