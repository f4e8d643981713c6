package dev.sieve.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.SplittableRandom;

/**
 * What a scheme adds to {@link Training}'s loop (RePr, DSD, distillation and the orthogonality
 * loss are hooks, not loops). Every default leaves standard training unchanged. Order within an
 * epoch: {@link #epochStart}, then per batch {@link #loss} inside the gradient recording,
 * {@link #afterBackward}, the optimizer step; after the test evaluation {@link #epochEnd}, then the
 * listener's {@code epoch}.
 */
public interface TrainingHooks {
    /** No hooks: standard training. */
    TrainingHooks NONE = new TrainingHooks() { };

    /** The optimizer of the run, given the learning-rate schedule over all its updates; default DJL's of the configured kind. */
    default Optimizer optimizer(TrainingConfig config, Tracker learningRate) {
        return config.optimizer().djl(learningRate, config.weightDecay());
    }

    /** Called once the parameters are initialized; returns the first epoch to train (1, or later when a run resumes). */
    default int begin() {
        return 1;
    }

    /**
     * The random stream that shuffles and augments {@code epoch}; default {@code run}, the run's one
     * stream seeded by the configuration's seed and continued from epoch to epoch.
     */
    default SplittableRandom dataRandom(int epoch, SplittableRandom run) {
        return run;
    }

    /** Before the first batch of {@code epoch} (e.g. rank and drop filters). */
    default void epochStart(int epoch) {
    }

    /**
     * The loss to minimize for a batch of {@code n} raw images {@code images} (CHW, [0, 255], as the
     * model's {@code normalize} takes them) with {@code logits}, given the data loss; default the
     * data loss. Extra terms (distillation, orthogonality loss) are added here; progress and the
     * divergence check read the data loss.
     */
    default NDArray loss(NDManager step, float[] images, int n, NDArray logits, NDArray dataLoss) {
        return dataLoss;
    }

    /** Between the backward pass and the optimizer step (e.g. mask pruned parameters' gradients). */
    default void afterBackward() {
    }

    /** After the epoch's test evaluation, before the listener hears of it (e.g. re-initialize, checkpoint). */
    default void epochEnd(EpochResult result) {
    }
}
