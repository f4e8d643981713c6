package dev.sieve.image.wavelet;

import java.util.Arrays;

/**
 * SureShrink (Donoho & Johnstone 1995, "Adapting to unknown smoothness via wavelet shrinkage",
 * §2.3 hybrid scheme; thesis §4.7.2): per sub-band of {@code n} coefficients {@code x = d/σ}, the
 * threshold {@code t} minimising Stein's unbiased risk estimate of soft thresholding,
 * {@code SURE(t) = n − 2·#{|x_i| ≤ t} + Σ min(x_i², t²)}, searched over {@code t ∈ {|x_i|}} and
 * capped at the universal {@code √(2 ln n)}. When the band is sparse,
 * {@code (Σx² − n)/n ≤ (log2 n)^{3/2}/√n}, the universal threshold {@code √(2 ln n)} is used
 * instead (SURE is unreliable there). Returns {@code t·σ}. scikit-image has no SureShrink; this
 * follows the paper (as MATLAB's {@code 'heursure'} does).
 */
public final class SureShrink implements Shrinkage {
    @Override
    public double threshold(double[] band, double sigma, int signalSize) {
        int n = band.length;
        if (!(sigma > 0) || n == 0) {
            return 0;
        }
        double[] sq = new double[n];
        double energy = 0;
        for (int i = 0; i < n; i++) {
            double x = band[i] / sigma;
            sq[i] = x * x;
            energy += sq[i];
        }
        double universal = Math.sqrt(2 * Math.log(n));
        double eta = (energy - n) / n;
        double gamma = Math.pow(Math.log(n) / Math.log(2), 1.5) / Math.sqrt(n);
        if (eta <= gamma) {
            return universal * sigma;
        }
        Arrays.sort(sq);
        double best = n;
        double bestT2 = 0;
        double cum = 0;
        for (int k = 1; k <= n; k++) {
            cum += sq[k - 1];
            double risk = n - 2.0 * k + cum + (double) (n - k) * sq[k - 1];
            if (risk < best) {
                best = risk;
                bestT2 = sq[k - 1];
            }
        }
        return Math.min(Math.sqrt(bestT2), universal) * sigma;
    }

    @Override
    public String name() {
        return "sure";
    }
}
