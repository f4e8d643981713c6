package dev.sieve.image.wavelet;

/**
 * How coefficients are shrunk by a threshold {@code t} (thesis §4.7.1), as {@code pywt.threshold}:
 * {@link #SOFT} maps {@code x} to {@code x · max(1 − t/|x|, 0)} (= sign(x)·max(|x| − t, 0)),
 * {@link #HARD} zeroes {@code |x| < t} and keeps the rest.
 */
public enum ThresholdMode {
    SOFT,
    HARD;

    /** Shrinks {@code band} in place by {@code t} (in parallel chunks when the band is large). */
    public void apply(double[] band, double t) {
        if (this == SOFT) {
            Chunks.forEach(band.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    double x = band[i];
                    double f = 1 - t / Math.abs(x);
                    band[i] = f > 0 ? x * f : 0;
                }
            });
        } else {
            Chunks.forEach(band.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    if (Math.abs(band[i]) < t) {
                        band[i] = 0;
                    }
                }
            });
        }
    }
}
