package dev.stalecheck.machine;

import java.util.ArrayList;
import java.util.List;

/** The observer traces and the viewer read: every effect and labelled choice of one step, in order. */
final class EffectLog implements StepObserver {
    private final List<Effect> effects = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();

    @Override
    public boolean recordsEffects() {
        return true;
    }

    @Override
    public void effect(Effect e) {
        effects.add(e);
    }

    @Override
    public void choice(Label label) {
        labels.add(label);
    }

    /** The effects told so far. */
    List<Effect> effects() {
        return effects;
    }

    /** The labelled choices told so far. */
    List<Label> labels() {
        return labels;
    }
}
