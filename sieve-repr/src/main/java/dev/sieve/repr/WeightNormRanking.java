package dev.sieve.repr;

/**
 * Filter importance = L2 norm of its weights (Han et al. 2016, "Weights" in Table 5.1): the
 * smallest filters are dropped first. Data-free.
 */
public final class WeightNormRanking implements FilterRanking {

    @Override
    public String name() {
        return "weights";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        double[][] imp = new double[context.layers().size()][];
        for (int l = 0; l < imp.length; l++) {
            if (!context.ranks(l)) {
                continue;
            }
            float[][] rows = context.layers().get(l).rows();
            imp[l] = new double[rows.length];
            for (int f = 0; f < rows.length; f++) {
                double s = 0;
                for (float v : rows[f]) {
                    s += (double) v * v;
                }
                imp[l][f] = Math.sqrt(s);
            }
        }
        return new FilterScores(name(), imp);
    }
}
