package dev.sieve.repr;

import java.util.SplittableRandom;

/** Uniformly random importance ("Random" in Table 5.1), seeded by the context's seed. */
public final class RandomRanking implements FilterRanking {

    @Override
    public String name() {
        return "random";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        SplittableRandom rnd = new SplittableRandom(context.seed());
        double[][] imp = new double[context.layers().size()][];
        for (int l = 0; l < imp.length; l++) {
            int j = context.layers().get(l).filters();
            if (!context.ranks(l)) {
                continue;
            }
            imp[l] = new double[j];
            for (int f = 0; f < j; f++) {
                imp[l][f] = rnd.nextDouble();
            }
        }
        return new FilterScores(name(), imp);
    }
}
