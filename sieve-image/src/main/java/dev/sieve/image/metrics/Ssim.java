package dev.sieve.image.metrics;

import dev.sieve.image.Planar;

/**
 * Structural similarity, mean SSIM of Wang, Bovik, Sheikh &amp; Simoncelli (2004), eq. 13:
 * {@code SSIM = ((2 μx μy + C1)(2 σxy + C2)) / ((μx² + μy² + C1)(σx² + σy² + C2))}, with an
 * 11×11 Gaussian window of σ 1.5 (normalised, radius 5), population (co)variances,
 * {@code C1 = (0.01·255)²}, {@code C2 = (0.03·255)²}, averaged over the window positions that lie
 * wholly inside the image. This equals scikit-image's {@code structural_similarity} with
 * {@code gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=255}.
 * Unitless, 1 for identical images. In {@link Channels#RGB} mode the three planes' values are
 * averaged. Images must be at least 11×11.
 */
public final class Ssim {
    static final double C1 = sq(0.01 * Psnr.PEAK);
    static final double C2 = sq(0.03 * Psnr.PEAK);
    static final double[] WINDOW = LocalStatistics.gaussian(5, 1.5);

    private Ssim() {
    }

    /** Mean SSIM of {@code distorted} against {@code reference}. */
    public static double of(Planar reference, Planar distorted, Channels channels) {
        Channels.requireSameSize(reference, distorted);
        return of(channels.planes(reference), channels.planes(distorted), reference.width(), reference.height());
    }

    /** Mean over the planes of {@link #of(float[], float[], int, int)}. */
    static double of(float[][] reference, float[][] distorted, int w, int h) {
        return Channels.meanOverPlanes(reference, distorted, w, h, Ssim::of);
    }

    /** Mean SSIM of two {@code w × h} planes of 8-bit samples. */
    public static double of(float[] reference, float[] distorted, int w, int h) {
        double[] s = LocalStatistics.sum(reference, distorted, w, h, WINDOW, 1, (mx, my, vx, vy, vxy, n, acc) -> {
            double row = 0;
            for (int i = 0; i < n; i++) {
                row += luminance(mx[i], my[i]) * contrastStructure(vx[i], vy[i], vxy[i]);
            }
            acc[0] += row;
        });
        return s[0] / ((double) (w - WINDOW.length + 1) * (h - WINDOW.length + 1));
    }

    /** Luminance term {@code (2 μx μy + C1) / (μx² + μy² + C1)}. */
    static double luminance(double mx, double my) {
        return (2 * mx * my + C1) / (mx * mx + my * my + C1);
    }

    /** Contrast-structure term {@code (2 σxy + C2) / (σx² + σy² + C2)}. */
    static double contrastStructure(double vx, double vy, double vxy) {
        return (2 * vxy + C2) / (vx + vy + C2);
    }

    private static double sq(double v) {
        return v * v;
    }
}
