package dev.sieve.image.wavelet;

/**
 * BayesShrink (Chang, Yu & Vetterli 2000; thesis eq. 4.6): threshold {@code σ² / σx} per detail
 * sub-band, where {@code σx = √max(mean(d²) − σ², ε)} estimates the clean signal's standard
 * deviation in the band. As scikit-image's {@code _bayes_thresh}: the band is taken as zero-mean
 * and {@code ε} is the float64 machine epsilon, so a band with no signal above the noise gets a
 * huge threshold and is zeroed.
 */
public final class BayesShrink implements Shrinkage {
    private static final double EPS = Math.ulp(1.0);

    @Override
    public double threshold(double[] band, double sigma, int signalSize) {
        double var = sigma * sigma;
        double sum = 0;
        for (double v : band) {
            sum += v * v;
        }
        double dvar = sum / band.length;
        return var / Math.sqrt(Math.max(dvar - var, EPS));
    }

    @Override
    public String name() {
        return "bayes";
    }
}
