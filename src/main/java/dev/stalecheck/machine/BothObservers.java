package dev.stalecheck.machine;

import dev.stalecheck.program.Op;

/** Tells two observers everything a step does, the first before the second; it records effects if either does. */
record BothObservers(StepObserver first, StepObserver second) implements StepObserver {
    @Override
    public boolean recordsEffects() {
        return first.recordsEffects() || second.recordsEffects();
    }

    @Override
    public void effect(Effect e) {
        first.effect(e);
        second.effect(e);
    }

    @Override
    public void choice(Label label) {
        first.choice(label);
        second.choice(label);
    }

    @Override
    public void instruction(Op op) {
        first.instruction(op);
        second.instruction(op);
    }

    @Override
    public void lookup(int cache, boolean hit) {
        first.lookup(cache, hit);
        second.lookup(cache, hit);
    }

    @Override
    public void fill(int cache) {
        first.fill(cache);
        second.fill(cache);
    }

    @Override
    public void writeBack(int cache, int bytes) {
        first.writeBack(cache, bytes);
        second.writeBack(cache, bytes);
    }

    @Override
    public void memoryLineRead() {
        first.memoryLineRead();
        second.memoryLineRead();
    }

    @Override
    public void memoryWrite() {
        first.memoryWrite();
        second.memoryWrite();
    }

    @Override
    public void maintenanceLookups(int cache, long lines) {
        first.maintenanceLookups(cache, lines);
        second.maintenanceLookups(cache, lines);
    }
}
