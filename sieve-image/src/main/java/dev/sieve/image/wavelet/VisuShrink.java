package dev.sieve.image.wavelet;

/**
 * VisuShrink (Donoho & Johnstone 1994; thesis §4.7.2): the universal threshold
 * {@code σ · √(2 ln N)} for every sub-band, {@code N} the number of samples of the decomposed
 * signal, as scikit-image's {@code _universal_thresh}.
 */
public final class VisuShrink implements Shrinkage {
    @Override
    public double threshold(double[] band, double sigma, int signalSize) {
        return sigma * Math.sqrt(2 * Math.log(signalSize));
    }

    @Override
    public String name() {
        return "visu";
    }
}
