package dev.sieve.image.metrics;

import dev.sieve.image.Planar;

/**
 * Visual information fidelity in the pixel domain (VIFp), Sheikh &amp; Bovik (2006), the
 * multi-scale pixel-domain form of their §IV: the distorted image is modelled as
 * {@code D = g·R + V} locally, and
 * {@code VIFp = Σ log10(1 + g² σR² / (σV² + σN²)) / Σ log10(1 + σR² / σN²)}, summed over all
 * positions of 4 scales, with HVS noise variance {@code σN² = 2} (8-bit units).
 *
 * <p>Scale s = 1..4 uses a normalised Gaussian window of {@code N = 2^(5−s) + 1} taps
 * (17, 9, 5, 3) and σ = N/5; before scales 2..4 each image is filtered with that scale's window
 * and subsampled by 2 (kept as floats). Local statistics are taken at valid window positions ({@link LocalStatistics}).
 * Per position: negative variances are set to 0; {@code g = σRD / σR²}; {@code σV² = σD² − g σRD};
 * where {@code σR² < 1e-10}, {@code g = 0, σV² = σD²}; where {@code σD² < 1e-10}, {@code g = σV² = 0};
 * where {@code g < 0}, {@code g = 0, σV² = σD²}; and {@code σV²} is floored at 1e-10.
 * Unitless; 1 for identical images (to within 1e-10, the σV² floor), below 1 for loss, above 1 for contrast enhancement; not
 * symmetric. A flat reference carries no information and gives {@code NaN}. In
 * {@link Channels#RGB} mode the planes' values are averaged. Images need at least
 * {@value #MIN_SIZE} pixels on each side.
 */
public final class Vifp {
    /** The HVS noise variance σN². */
    static final double SIGMA_N_SQ = 2.0;
    static final double EPS = 1e-10;
    static final int SCALES = 4;
    /** The smallest width and height that leaves a window at the fourth scale. */
    public static final int MIN_SIZE = 41;

    private Vifp() {
    }

    /** VIFp of {@code distorted} against {@code reference}. */
    public static double of(Planar reference, Planar distorted, Channels channels) {
        Channels.requireSameSize(reference, distorted);
        return of(channels.planes(reference), channels.planes(distorted), reference.width(), reference.height());
    }

    /** Mean over the planes of {@link #of(float[], float[], int, int)}. */
    static double of(float[][] reference, float[][] distorted, int w, int h) {
        return Channels.meanOverPlanes(reference, distorted, w, h, Vifp::of);
    }

    /** True when a {@code w × h} image is large enough for four scales. */
    public static boolean fits(int w, int h) {
        return w >= MIN_SIZE && h >= MIN_SIZE;
    }

    /** VIFp of two {@code w × h} planes of 8-bit samples. */
    public static double of(float[] reference, float[] distorted, int w, int h) {
        if (!fits(w, h)) {
            throw new IllegalArgumentException("VIFp needs images of at least " + MIN_SIZE + "x" + MIN_SIZE
                    + ", got " + w + "x" + h);
        }
        float[] x = reference, y = distorted;
        double num = 0, den = 0;
        for (int s = 1; s <= SCALES; s++) {
            int n = (1 << (SCALES - s + 1)) + 1;
            double[] window = LocalStatistics.gaussian(n / 2, n / 5.0);
            if (s > 1) {
                int fw = w - n + 1, fh = h - n + 1;
                x = subsample(LocalStatistics.filterValid(x, w, h, window), fw, fh);
                y = subsample(LocalStatistics.filterValid(y, w, h, window), fw, fh);
                w = (fw + 1) / 2;
                h = (fh + 1) / 2;
            }
            double[] t = LocalStatistics.sum(x, y, w, h, window, 2, Vifp::accumulate);
            num += t[0];
            den += t[1];
        }
        return num / den;
    }

    private static void accumulate(double[] mx, double[] my, double[] vx, double[] vy, double[] vxy, int n, double[] acc) {
        double num = 0, den = 0;
        for (int i = 0; i < n; i++) {
            double sr = Math.max(0, vx[i]), sd = Math.max(0, vy[i]), srd = vxy[i];
            double g = srd / (sr + EPS);
            double sv = sd - g * srd;
            if (sr < EPS) {
                g = 0;
                sv = sd;
                sr = 0;
            }
            if (sd < EPS) {
                g = 0;
                sv = 0;
            }
            if (g < 0) {
                sv = sd;
                g = 0;
            }
            if (sv <= EPS) {
                sv = EPS;
            }
            num += Math.log10(1 + g * g * sr / (sv + SIGMA_N_SQ));
            den += Math.log10(1 + sr / SIGMA_N_SQ);
        }
        acc[0] += num;
        acc[1] += den;
    }

    /** Every second sample in both directions, starting at (0, 0). */
    private static float[] subsample(float[] p, int w, int h) {
        int ow = (w + 1) / 2, oh = (h + 1) / 2;
        float[] out = new float[ow * oh];
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                out[r * ow + c] = p[2 * r * w + 2 * c];
            }
        }
        return out;
    }
}
