package dev.sieve.image.wavelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShrinkageTest {
    @Test
    void sureShrinkPicksTheThresholdOfLeastSteinRisk() {
        SplittableRandom rnd = new SplittableRandom(3);
        double sigma = 0.5;
        double[] band = new double[400];
        for (int i = 0; i < band.length; i++) {
            double signal = i % 7 == 0 ? 4 * (rnd.nextDouble() - 0.5) * 6 : 0;
            band[i] = signal + sigma * gaussian(rnd);
        }
        double t = new SureShrink().threshold(band, sigma, 10_000) / sigma;
        double tRisk = sure(band, sigma, t);
        double universal = Math.sqrt(2 * Math.log(band.length));
        assertThat(t).isLessThan(universal);
        for (double c = 0; c <= universal; c += 0.001) {
            assertThat(tRisk).as("risk at %.3f", c).isLessThanOrEqualTo(sure(band, sigma, c) + 1e-9);
        }
    }

    @Test
    void sureShrinkFallsBackToUniversalThresholdOnSparseBands() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] band = new double[1000];
        for (int i = 0; i < band.length; i++) {
            band[i] = 0.1 * gaussian(rnd);
        }
        assertThat(new SureShrink().threshold(band, 0.1, 1)).isCloseTo(0.1 * Math.sqrt(2 * Math.log(1000)), within(1e-12));
    }

    @Test
    void bayesAndVisuThresholdsFollowTheirFormulas() {
        double[] band = {3, -4, 0, 0};
        assertThat(new BayesShrink().threshold(band, 1, 16)).isCloseTo(1 / Math.sqrt(6.25 - 1), within(1e-15));
        assertThat(new BayesShrink().threshold(new double[] {0.1, -0.1}, 1, 4)).isGreaterThan(1e7);
        assertThat(new VisuShrink().threshold(band, 0.04, 50176)).isCloseTo(0.04 * Math.sqrt(2 * Math.log(50176)), within(1e-15));
    }

    @Test
    void softShrinksTowardZeroAndHardKeepsLargeCoefficients() {
        double[] soft = {-3, -1, 0, 0.5, 2, 5};
        ThresholdMode.SOFT.apply(soft, 2);
        assertThat(soft).containsExactly(-1, 0, 0, 0, 0, 3);
        double[] hard = {-3, -1, 0, 0.5, 2, 5};
        ThresholdMode.HARD.apply(hard, 2);
        assertThat(hard).containsExactly(-3, 0, 0, 0, 2, 5);
    }

    @Test
    void noiseEstimateIsMedianAbsoluteDeviationOverNonZeroCoefficients() {
        assertThat(NoiseEstimate.fromDiagonal(new double[] {0, 1, -2, 3, 0, -4}))
                .isCloseTo(2.5 / NoiseEstimate.NORMAL_Q75, within(1e-15));
        assertThat(NoiseEstimate.fromDiagonal(new double[] {0, 0})).isZero();
        SplittableRandom rnd = new SplittableRandom(9);
        double[] x = new double[256 * 256];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.3 * gaussian(rnd);
        }
        assertThat(NoiseEstimate.estimateSigma(x, 256, 256)).isCloseTo(0.3, within(0.01));
    }

    private static double sure(double[] band, double sigma, double t) {
        double risk = band.length;
        for (double v : band) {
            double x = Math.abs(v / sigma);
            if (x <= t) {
                risk -= 2;
            }
            risk += Math.min(x * x, t * t);
        }
        return risk;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
