package dev.sieve.repr;

import org.apache.commons.math3.stat.inference.TTest;

/**
 * A scheme against standard training over the seeds both ran (seed s gives both the same
 * initialization and data order, so the runs pair): the mean and sample standard deviation of the
 * per-seed differences {@code d_s = scheme_s − standard_s}, and the paired t-test of mean 0,
 * {@code t = mean(d) / (sd(d)/√n)} with n − 1 degrees of freedom, two-sided p (Apache Commons
 * Math's {@code TTest}, the statistic SciPy's {@code ttest_rel} computes). {@code t} and {@code p}
 * are NaN with fewer than two pairs or when every difference is the same.
 */
public record SeedComparison(int pairs, double meanDifference, double sdDifference, double t, double p) {

    /** Compares {@code scheme[i]} with {@code standard[i]} (same seeds, same order). */
    public static SeedComparison of(double[] scheme, double[] standard) {
        if (scheme.length != standard.length) {
            throw new IllegalArgumentException(scheme.length + " scheme values for " + standard.length + " standard values");
        }
        int n = scheme.length;
        double[] d = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            d[i] = scheme[i] - standard[i];
            mean += d[i] / n;
        }
        double ss = 0;
        for (double v : d) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
        if (n < 2 || !(sd > 0)) {
            return new SeedComparison(n, n == 0 ? Double.NaN : mean, sd, Double.NaN, Double.NaN);
        }
        TTest test = new TTest();
        return new SeedComparison(n, mean, sd, test.pairedT(scheme, standard), test.pairedTTest(scheme, standard));
    }
}
