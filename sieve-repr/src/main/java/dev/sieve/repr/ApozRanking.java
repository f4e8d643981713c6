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
        int layers = context.layers().size();
        double[][] zeros = new double[layers][];
        long[] count = new long[layers];
        LayerActivations.visit(context, name(), false, (maps, grads, n) -> {
            for (int l = 0; l < layers; l++) {
                if (!context.ranks(l)) {
                    continue;
                }
                NDArray a = maps[l];
                float[] z = a.lte(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).sum(new int[] {0, 2, 3}).toFloatArray();
                zeros[l] = MeanActivationRanking.accumulate(zeros[l], z);
                count[l] += a.getShape().get(0) * a.getShape().get(2) * a.getShape().get(3);
            }
        });
        for (int l = 0; l < layers; l++) {
            if (zeros[l] != null) {
                for (int f = 0; f < zeros[l].length; f++) {
                    zeros[l][f] = 1 - zeros[l][f] / count[l];
                }
            }
        }
        return new FilterScores(name(), zeros);
    }
}
