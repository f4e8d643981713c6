package dev.sieve.nn.train;

import ai.djl.training.tracker.Tracker;

/**
 * Learning-rate schedules over {@code total} updates: {@code FIXED}; {@code STEP}, ×0.1 at 50 %
 * and again at 75 % of training (He et al. 2016's CIFAR schedule, scaled to the run);
 * {@code CYCLIC}, triangular cycles (Smith 2017) from lr/10 up to lr and back, one cycle per
 * {@code cycle} updates.
 */
public enum Schedule {
    FIXED, STEP, CYCLIC;

    /** The learning rate at update {@code t}. */
    public float at(float lr, int t, int total, int cycle) {
        return switch (this) {
            case FIXED -> lr;
            case STEP -> t < total / 2 ? lr : t < total * 3 / 4 ? lr * 0.1f : lr * 0.01f;
            case CYCLIC -> {
                double phase = (double) (t % cycle) / cycle;
                double tri = phase < 0.5 ? 2 * phase : 2 - 2 * phase;
                yield (float) (lr / 10 + (lr - lr / 10) * tri);
            }
        };
    }

    /** This schedule as a DJL tracker. */
    public Tracker tracker(float lr, int total, int cycle) {
        return t -> at(lr, t, total, cycle);
    }
}
