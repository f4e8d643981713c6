package dev.sieve.repr;

import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.SieveModel;
import java.util.List;

/**
 * What a {@link FilterRanking} may look at: the model and its convolutional layers, images for the
 * data-driven criteria (a training sample for activations, APoZ, gradients and Taylor; the held-out
 * validation split for the greedy Oracle, as in thesis §5.4), and the seed of the random ranking.
 * With {@code skipFirst} the rankings leave the first convolution unscored (it is never dropped).
 */
public record RankingContext(SieveModel model, List<ConvLayer> layers, ImageDataset data, int batchSize, long seed,
        boolean skipFirst) {

    public RankingContext {
        layers = List.copyOf(layers);
        if (batchSize < 1) {
            throw new IllegalArgumentException("ranking batch size must be ≥ 1, got " + batchSize);
        }
    }

    /** True when layer {@code l} is scored. */
    public boolean ranks(int l) {
        return !(skipFirst && l == 0);
    }

    /** The data set, or a clear error naming the metric that needs one. */
    public ImageDataset requireData(String metric) {
        if (data == null || data.size() == 0) {
            throw new IllegalArgumentException("ranking metric '" + metric + "' needs images to measure on");
        }
        return data;
    }
}
