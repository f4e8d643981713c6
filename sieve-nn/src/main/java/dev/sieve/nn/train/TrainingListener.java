package dev.sieve.nn.train;

/** Receives progress of a training run. */
public interface TrainingListener {
    /** After each batch: running mean loss and accuracy of the epoch so far. */
    default void batch(int epoch, int images, double loss, double accuracy) {
    }

    /** After each epoch's test evaluation. */
    default void epoch(EpochResult result) {
    }
}
