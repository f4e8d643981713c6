package dev.sieve.image.metrics;

import dev.sieve.image.Planar;

/**
 * Multi-scale SSIM of Wang, Simoncelli &amp; Bovik (2003), eq. 7:
 * {@code MS-SSIM = l_M^{β_M} · Π_{j=1..M} cs_j^{β_j}} over M = 5 scales with the published
 * exponents β = (0.0448, 0.2856, 0.3001, 0.2363, 0.1333). At each scale the window, constants and
 * averaging are those of {@link Ssim}; {@code cs_j} is the mean contrast-structure term and at the
 * coarsest scale the mean full SSIM (luminance × contrast-structure) is used, as in the authors'
 * reference implementation. Between scales each plane is low-pass filtered by a 2×2 mean and
 * subsampled by 2 (an odd last row or column is averaged with itself; scaled planes are kept as floats). A negative mean term, which
 * only very dissimilar images produce, is clamped to 0 so the power stays real. Unitless, 1 for
 * identical images; images must be at least {@value #MIN_SIZE} pixels on each side so the
 * coarsest scale holds one window.
 */
public final class MsSsim {
    /** The published per-scale exponents β_1..β_5. */
    static final double[] WEIGHTS = {0.0448, 0.2856, 0.3001, 0.2363, 0.1333};
    /** The smallest width and height with an 11×11 window at the fifth scale. */
    public static final int MIN_SIZE = 161;

    private MsSsim() {
    }

    /** MS-SSIM of {@code distorted} against {@code reference}. */
    public static double of(Planar reference, Planar distorted, Channels channels) {
        Channels.requireSameSize(reference, distorted);
        return of(channels.planes(reference), channels.planes(distorted), reference.width(), reference.height());
    }

    /** Mean over the planes of {@link #of(float[], float[], int, int)}. */
    static double of(float[][] reference, float[][] distorted, int w, int h) {
        return Channels.meanOverPlanes(reference, distorted, w, h, MsSsim::of);
    }

    /** True when a {@code w × h} image is large enough for five scales. */
    public static boolean fits(int w, int h) {
        return w >= MIN_SIZE && h >= MIN_SIZE;
    }

    /** MS-SSIM of two {@code w × h} planes of 8-bit samples. */
    public static double of(float[] reference, float[] distorted, int w, int h) {
        if (!fits(w, h)) {
            throw new IllegalArgumentException("MS-SSIM needs images of at least " + MIN_SIZE + "x" + MIN_SIZE
                    + ", got " + w + "x" + h);
        }
        float[] x = reference, y = distorted;
        double result = 1;
        for (int j = 0; j < WEIGHTS.length; j++) {
            boolean last = j == WEIGHTS.length - 1;
            double[] s = LocalStatistics.sum(x, y, w, h, Ssim.WINDOW, 1, (mx, my, vx, vy, vxy, n, acc) -> {
                double row = 0;
                for (int i = 0; i < n; i++) {
                    double cs = Ssim.contrastStructure(vx[i], vy[i], vxy[i]);
                    row += last ? Ssim.luminance(mx[i], my[i]) * cs : cs;
                }
                acc[0] += row;
            });
            double mean = s[0] / ((double) (w - Ssim.WINDOW.length + 1) * (h - Ssim.WINDOW.length + 1));
            result *= Math.pow(Math.max(0, mean), WEIGHTS[j]);
            if (!last) {
                x = halve(x, w, h);
                y = halve(y, w, h);
                w = (w + 1) / 2;
                h = (h + 1) / 2;
            }
        }
        return result;
    }

    /** 2×2 mean then every second sample; output {@code ceil(w/2) × ceil(h/2)}. */
    static float[] halve(float[] p, int w, int h) {
        int ow = (w + 1) / 2, oh = (h + 1) / 2;
        float[] out = new float[ow * oh];
        for (int r = 0; r < oh; r++) {
            int y0 = 2 * r, y1 = Math.min(2 * r + 1, h - 1);
            for (int c = 0; c < ow; c++) {
                int x0 = 2 * c, x1 = Math.min(2 * c + 1, w - 1);
                out[r * ow + c] = (float) (0.25 * ((double) p[y0 * w + x0] + p[y0 * w + x1] + p[y1 * w + x0] + p[y1 * w + x1]));
            }
        }
        return out;
    }
}
