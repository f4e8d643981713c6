package dev.sieve.image.metrics;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;

/**
 * PSNR-S, the thesis' PSNR over the salient region only (§2.5): {@code 10 log10(255² / MSE_S)},
 * where {@code MSE_S} averages the squared error over the pixels whose saliency is at least a
 * threshold (default 0.5). The map is stretched over the image ({@link SaliencyMap#resizedTo})
 * before thresholding. The thesis never fixes the region; this class makes it explicit so the
 * number means one thing. Channel handling as {@link Psnr}. Identical regions give {@code +∞};
 * a map with no pixel at or above the threshold gives {@code NaN} (the region is empty).
 */
public final class PsnrS {
    /** The default saliency threshold that defines the salient region. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    private PsnrS() {
    }

    /** PSNR-S in dB over the pixels where {@code map ≥ threshold}. */
    public static double of(Planar reference, Planar distorted, SaliencyMap map, double threshold, Channels channels) {
        Channels.requireSameSize(reference, distorted);
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("saliency threshold must be in [0, 1], got " + threshold);
        }
        return of(channels.planes(reference), channels.planes(distorted),
                map.resizedTo(reference.width(), reference.height()).values(), threshold);
    }

    /** PSNR-S of planes, with {@code m} the map at the planes' size. */
    static double of(float[][] r, float[][] d, float[] m, double threshold) {
        double sum = 0;
        long count = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] >= threshold) {
                count++;
                for (int c = 0; c < r.length; c++) {
                    double e = (double) r[c][i] - d[c][i];
                    sum += e * e;
                }
            }
        }
        return count == 0 ? Double.NaN : Psnr.fromMse(sum / ((double) count * r.length));
    }

    /** Fraction of the image's pixels in the salient region ({@code map ≥ threshold}). */
    public static double coverage(SaliencyMap map, int width, int height, double threshold) {
        float[] m = map.resizedTo(width, height).values();
        long count = 0;
        for (float v : m) {
            if (v >= threshold) {
                count++;
            }
        }
        return (double) count / m.length;
    }
}
