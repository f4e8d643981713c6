package dev.sieve.repr;

/**
 * The first-order Taylor criterion of Molchanov et al. 2017 ("Taylor" in Table 5.1): for each image,
 * {@code |(1/M) Σ_{h,w} a·∂L/∂a|} over the {@code M} positions of the filter's feature map, averaged
 * over the ranking images, then L2-normalized within each layer (their §2.3, needed for a ranking
 * across layers). The filters whose removal changes the loss least are dropped first.
 */
public final class TaylorRanking implements FilterRanking {

    @Override
    public String name() {
        return "taylor";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        int layers = context.layers().size();
        double[][] sum = new double[layers][];
        long[] images = new long[1];
        LayerActivations.visit(context, name(), true, (maps, grads, n) -> {
            for (int l = 0; l < layers; l++) {
                if (!context.ranks(l)) {
                    continue;
                }
                long m = maps[l].getShape().get(2) * maps[l].getShape().get(3);
                // the loss is a batch mean: ∂L/∂g carries a 1/n that is undone here
                float[] t = grads[l].abs().mul((float) n / m).sum(new int[] {0, 2, 3}).toFloatArray();
                sum[l] = MeanActivationRanking.accumulate(sum[l], t);
            }
            images[0] += n;
        });
        for (int l = 0; l < layers; l++) {
            if (sum[l] == null) {
                continue;
            }
            double norm = 0;
            for (int f = 0; f < sum[l].length; f++) {
                sum[l][f] /= images[0];
                norm += sum[l][f] * sum[l][f];
            }
            norm = Math.sqrt(norm);
            for (int f = 0; f < sum[l].length && norm > 0; f++) {
                sum[l][f] /= norm;
            }
        }
        return new FilterScores(name(), sum);
    }
}
