package dev.stalecheck.scenario;

import dev.stalecheck.machine.MachineState;
import dev.stalecheck.program.Value;
import dev.stalecheck.util.Bytes;
import dev.stalecheck.util.Hex;

/** A term of the outcome table: a thread's register or a RAM location, read from a final state. */
public sealed interface Term {
    /** How the term is written ({@code kvm.r1}, {@code ram[0x80002000]}). */
    String text();

    /** Its value in a final state. */
    Value value(MachineState s);

    /**
     * A thread's register.
     *
     * @param thread      thread index
     * @param register    register index
     * @param threadName  thread name
     * @param registerName register name
     */
    record Register(int thread, int register, String threadName, String registerName) implements Term {
        @Override
        public String text() {
            return threadName + "." + registerName;
        }

        @Override
        public Value value(MachineState s) {
            return s.thread(thread).registers().get(register);
        }
    }

    /**
     * What RAM holds at an address (dirty cached lines not included).
     *
     * @param address       physical address, aligned to the width
     * @param width         bytes
     * @param defaultWidth  the machine's word in bytes (decides whether the text shows a width suffix)
     */
    record Ram(long address, int width, int defaultWidth) implements Term {
        @Override
        public String text() {
            String suffix = width == defaultWidth ? "" : switch (width) {
                case 1 -> ".b";
                case 2 -> ".h";
                case 4 -> ".w";
                default -> ".d";
            };
            return "ram" + suffix + "[" + Hex.of(address) + "]";
        }

        @Override
        public Value value(MachineState s) {
            long word = s.ram().word(address);
            return Value.of((word >>> ((address & 7) * 8)) & Bytes.mask(width));
        }
    }
}
