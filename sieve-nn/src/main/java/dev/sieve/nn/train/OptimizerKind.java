package dev.sieve.nn.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** Optimizers of the training loop. */
public enum OptimizerKind {
    /** Plain SGD (the thesis' C^3(32) runs: SGD, learning rate 0.01). */
    SGD,
    /** SGD with momentum 0.9. */
    MOMENTUM,
    /** Adam (β1 0.9, β2 0.999). */
    ADAM;

    /** DJL's optimizer of this kind with learning rate {@code lr} and L2 weight decay {@code weightDecay}. */
    public Optimizer djl(Tracker lr, float weightDecay) {
        return switch (this) {
            case SGD -> Optimizer.sgd().setLearningRateTracker(lr).optWeightDecays(weightDecay).build();
            case MOMENTUM -> Optimizer.sgd().setLearningRateTracker(lr).optMomentum(0.9f).optWeightDecays(weightDecay).build();
            case ADAM -> Optimizer.adam().optLearningRateTracker(lr).optWeightDecays(weightDecay).build();
        };
    }
}
