package dev.sieve.nn.train;

import dev.sieve.nn.data.Augmentation;

/** Hyper-parameters of a training run; {@code seed} fixes initialization, shuffling and augmentation. */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float weightDecay,
        Schedule schedule, Augmentation augmentation, long seed) {
    public TrainingConfig {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("epochs and batch size must be ≥ 1, got " + epochs + " and " + batchSize);
        }
        if (!(learningRate > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("learning rate must be > 0 and weight decay ≥ 0");
        }
    }
}
