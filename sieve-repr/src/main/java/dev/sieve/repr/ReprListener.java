package dev.sieve.repr;

import dev.sieve.nn.train.TrainingListener;

/** Progress of a RePr run: the training loop's events plus the drops and re-initializations. */
public interface ReprListener extends TrainingListener {
    /** Filters ({@code selection[layer][filter]}) were ranked and dropped before {@code epoch}, taking {@code seconds}. */
    default void dropped(int epoch, int iteration, boolean[][] selection, double seconds) {
    }

    /** The dropped filters were re-initialized after {@code epoch}. */
    default void reinitialized(int epoch, int iteration, OrthogonalReinit.Result result) {
    }
}
