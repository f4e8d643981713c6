package dev.sieve.repr;

import ai.djl.ndarray.NDArray;

/**
 * Filter importance = mean of its (post-ReLU) activation over the ranking images and all positions
 * ("Activations" in Table 5.1); filters that respond least are dropped first.
 */
public final class MeanActivationRanking implements FilterRanking {

    @Override
    public String name() {
        return "activation";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        return new FilterScores(name(), meanPerFilter(context, name(), a -> a));
    }

    /**
     * Mean of {@code f(maps)} per filter of every ranked layer, over the ranking images and all
     * positions; null for layers that are not ranked.
     */
    static double[][] meanPerFilter(RankingContext context, String metric,
            java.util.function.UnaryOperator<NDArray> f) {
        int layers = context.layers().size();
        double[][] sum = new double[layers][];
        long[] count = new long[layers];
        LayerActivations.visit(context, metric, false, (maps, grads, n) -> {
            for (int l = 0; l < layers; l++) {
                if (!context.ranks(l)) {
                    continue;
                }
                NDArray a = maps[l];
                float[] s = f.apply(a).sum(new int[] {0, 2, 3}).toFloatArray();
                sum[l] = accumulate(sum[l], s);
                count[l] += a.getShape().get(0) * a.getShape().get(2) * a.getShape().get(3);
            }
        });
        for (int l = 0; l < layers; l++) {
            if (sum[l] != null) {
                for (int k = 0; k < sum[l].length; k++) {
                    sum[l][k] /= count[l];
                }
            }
        }
        return sum;
    }

    static double[] accumulate(double[] acc, float[] add) {
        double[] a = acc == null ? new double[add.length] : acc;
        for (int i = 0; i < add.length; i++) {
            a[i] += add[i];
        }
        return a;
    }
}
