package dev.stalecheck.machine;

import dev.stalecheck.config.CacheLevelConfig;
import dev.stalecheck.config.MachineConfig;
import dev.stalecheck.config.Point;
import dev.stalecheck.program.Agent;
import dev.stalecheck.program.InitialLine;
import dev.stalecheck.program.Op;
import dev.stalecheck.program.Program;
import dev.stalecheck.program.ProgramException;
import dev.stalecheck.program.RamInit;
import dev.stalecheck.program.ThreadProgram;
import java.util.List;
import java.util.Optional;

/** Checks a program against a machine before anything runs, so that a bad program never fails half-way. */
final class ProgramValidator {
    private final MachineConfig config;
    private final Program program;

    ProgramValidator(MachineConfig config, Program program) {
        this.config = config;
        this.program = program;
    }

    void validate() {
        List<ThreadProgram> threads = program.threads();
        for (int t = 0; t < threads.size(); t++) {
            ThreadProgram tp = threads.get(t);
            validateAgent(tp, t);
            for (int after : tp.after()) {
                if (after < 0 || after >= threads.size() || after == t) {
                    throw new ProgramException("thread " + tp.name() + ": 'after' names an invalid thread", t, -1);
                }
            }
            for (int i = 0; i < tp.ops().size(); i++) {
                validateOp(tp, t, i, tp.ops().get(i));
            }
        }
        checkAfterCycles();
        for (RamInit r : program.ram()) {
            if (r.fillBytes() == 0) {
                checkAligned(r.physicalAddress(), r.wordBytes(), -1, -1);
            }
        }
        for (InitialLine l : program.cachedLines()) {
            validateCachedLine(l);
        }
    }

    private void validateAgent(ThreadProgram tp, int t) {
        if (tp.agent() instanceof Agent.Cpu c) {
            if (c.index() < 0 || c.index() >= config.cpus()) {
                throw new ProgramException("thread " + tp.name() + " runs on cpu" + c.index() + " but the machine has "
                        + config.cpus() + " cpu" + (config.cpus() == 1 ? "" : "s"), t, -1);
            }
        } else if (tp.agent() instanceof Agent.Device d) {
            if (tp.translated()) {
                throw new ProgramException("device thread " + tp.name() + " uses physical addresses and takes no space", t, -1);
            }
            if (d.level() instanceof Point.Level named) {
                Optional<CacheLevelConfig> l = config.level(named.name());
                if (l.isEmpty() || !l.get().shared()) {
                    throw new ProgramException("device at " + named.name()
                            + ": expected memory or a shared level the machine has", t, -1);
                }
            }
        }
    }

    private void validateOp(ThreadProgram tp, int t, int i, Op op) {
        if (!tp.onCpu() && !(op instanceof Op.Load || op instanceof Op.Store || op instanceof Op.Wait
                || op instanceof Op.Barrier)) {
            throw new ProgramException("device thread " + tp.name() + " can only load, store, wait and use barriers, not '"
                    + op.describe() + "'", t, i);
        }
        if (op instanceof Op.Load l) {
            checkAligned(l.address(), l.width(), t, i);
        } else if (op instanceof Op.Store s) {
            checkAligned(s.address(), s.width(), t, i);
        } else if (op instanceof Op.Wait w) {
            checkAligned(w.address(), w.width(), t, i);
        } else if (op instanceof Op.Fetch f) {
            checkAligned(f.address(), 4, t, i);
        } else if (op instanceof Op.DataCacheBySetWay sw) {
            CacheLevelConfig level = maintainableLevel(sw.level(), t, i);
            if (sw.set() < 0 || sw.set() >= level.geometry().sets()) {
                throw new ProgramException("set " + sw.set() + " is out of range: " + level.name() + " has "
                        + level.geometry().sets() + " sets", t, i);
            }
            if (sw.way() < 0 || sw.way() >= level.geometry().ways()) {
                throw new ProgramException("way " + sw.way() + " is out of range: " + level.name() + " has "
                        + level.geometry().ways() + " ways", t, i);
            }
        } else if (op instanceof Op.DataCacheWholeLevel w) {
            maintainableLevel(w.level(), t, i);
        } else if (op instanceof Op.ControlChange c && c.bit() == Op.ControlBit.MMU && c.on() && !tp.translated()) {
            throw new ProgramException("'mmu on' needs a thread with 'in SPACE': " + tp.name() + " has no translation", t, i);
        }
    }

    private CacheLevelConfig maintainableLevel(String name, int t, int i) {
        CacheLevelConfig level = config.level(name).orElseThrow(() ->
                new ProgramException("the machine has no cache level " + name, t, i));
        if (level.isInstruction()) {
            throw new ProgramException("data-cache operations cannot name the instruction cache l1i"
                    + " (the instruction cache is invalidated by 'ic iallu', or 'ic ialluis' for every cpu)", t, i);
        }
        if (level.system() || level.outer()) {
            throw new ProgramException("set/way and whole-level operations do not reach " + name + " (a "
                    + (level.system() ? "system" : "outer") + " cache)", t, i);
        }
        return level;
    }

    private static void checkAligned(long address, int width, int t, int i) {
        if (width != 1 && width != 2 && width != 4 && width != 8) {
            throw new ProgramException("access width " + width + " bytes: must be 1, 2, 4 or 8", t, i);
        }
        if ((address & (width - 1)) != 0) {
            throw new ProgramException("address 0x" + Long.toHexString(address) + " is not aligned to its width of "
                    + width + " bytes", t, i);
        }
    }

    private void checkAfterCycles() {
        int n = program.threads().size();
        int[] state = new int[n];
        for (int t = 0; t < n; t++) {
            visit(t, state);
        }
    }

    private void visit(int t, int[] state) {
        if (state[t] == 2) {
            return;
        }
        if (state[t] == 1) {
            throw new ProgramException("'after' forms a cycle through thread " + program.threads().get(t).name(), t, -1);
        }
        state[t] = 1;
        for (int a : program.threads().get(t).after()) {
            visit(a, state);
        }
        state[t] = 2;
    }

    private void validateCachedLine(InitialLine l) {
        CacheLevelConfig level = config.level(l.level()).orElseThrow(() ->
                new ProgramException("cached: the machine has no cache level " + l.level(), -1, -1));
        if (level.shared() != (l.cpu() < 0)) {
            throw new ProgramException("cached: " + l.level() + " is " + (level.shared() ? "shared: write 'cached "
                    + l.level() + " ...'" : "private: name a cpu, as in 'cached cpu0." + l.level() + " ...'"), -1, -1);
        }
        if (l.cpu() >= config.cpus()) {
            throw new ProgramException("cached: the machine has no cpu" + l.cpu(), -1, -1);
        }
        int colours = level.colours(config.pageBytes());
        if (l.colour() >= colours) {
            throw new ProgramException("cached: colour " + l.colour() + " is out of range: " + l.level() + " has "
                    + colours + " colour" + (colours == 1 ? "" : "s"), -1, -1);
        }
        checkAligned(l.physicalAddress(), l.wordBytes(), -1, -1);
    }
}
