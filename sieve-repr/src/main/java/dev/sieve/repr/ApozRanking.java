package dev.sieve.repr;

import ai.djl.ndarray.NDArray;

/**
 * Average Percentage of Zeros (Hu et al. 2016, "APoZ" in Table 5.1): the fraction of a filter's
 * post-ReLU outputs that are exactly zero over the ranking images. Importance = 1 − APoZ, so the
 * filters that are silent most often are dropped first.
 */
public final class ApozRanking implements FilterRanking {

    @Override
    public String name() {
        return "apoz";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        double[][] zeros = MeanActivationRanking.meanPerFilter(context, name(),
                a -> a.lte(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
        for (double[] layer : zeros) {
            if (layer != null) {
                for (int f = 0; f < layer.length; f++) {
                    layer[f] = 1 - layer[f];
                }
            }
        }
        return new FilterScores(name(), zeros);
    }
}
