package dev.sieve.image.metrics;

import dev.sieve.image.Planar;

/**
 * Peak signal-to-noise ratio, {@code 10 log10(255² / MSE)} in dB, for 8-bit samples (peak 255).
 * In {@link Channels#RGB} mode the squared error is averaged over all three planes before the
 * logarithm (scikit-image's convention). Identical images give {@code +∞}.
 */
public final class Psnr {
    /** The peak sample value of 8-bit images. */
    public static final double PEAK = 255.0;

    private Psnr() {
    }

    /** PSNR of {@code distorted} against {@code reference}, in dB. */
    public static double of(Planar reference, Planar distorted, Channels channels) {
        Channels.requireSameSize(reference, distorted);
        return of(channels.planes(reference), channels.planes(distorted));
    }

    /** PSNR of the squared error pooled over all planes. */
    static double of(float[][] reference, float[][] distorted) {
        double sum = 0;
        for (int c = 0; c < reference.length; c++) {
            sum += squaredError(reference[c], distorted[c]);
        }
        return fromMse(sum / ((double) reference.length * reference[0].length));
    }

    /** {@code 10 log10(255² / mse)}; {@code +∞} when {@code mse} is 0. */
    public static double fromMse(double mse) {
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(PEAK * PEAK / mse);
    }

    /** Sum of squared differences of two planes. */
    static double squaredError(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double e = (double) a[i] - b[i];
            s += e * e;
        }
        return s;
    }
}
