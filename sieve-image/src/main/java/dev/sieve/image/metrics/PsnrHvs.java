package dev.sieve.image.metrics;

import dev.sieve.image.Planar;

/**
 * PSNR-HVS of Egiazarian et al. (2006, "New full-reference quality metrics based on HVS"): PSNR
 * of the error measured in 8×8 DCT blocks with every coefficient difference weighted by a
 * contrast sensitivity function,
 * {@code 10 log10(255² / MSE_H)}, {@code MSE_H = (1/K) Σ_blocks Σ_uv ((X_uv − Xe_uv) T_uv)²} over
 * the K coefficients, in dB. Weights, block placement and the {@code step} option are described
 * in {@link HvsBlocks}. Because the weights have mean square 1, white noise scores close to plain
 * PSNR; errors in the fine detail the eye barely sees count less. In {@link Channels#RGB} mode the
 * error is pooled over the planes. Identical images give {@code +∞}.
 */
public final class PsnrHvs {
    /** VQMT's block step: non-overlapping 8×8 blocks. */
    public static final int DEFAULT_STEP = 8;

    private PsnrHvs() {
    }

    /** PSNR-HVS in dB on non-overlapping blocks. */
    public static double of(Planar reference, Planar distorted, Channels channels) {
        return of(reference, distorted, channels, DEFAULT_STEP);
    }

    /** PSNR-HVS in dB on blocks that start every {@code step} pixels (1..8). */
    public static double of(Planar reference, Planar distorted, Channels channels, int step) {
        return Psnr.fromMse(meanSquare(sums(reference, distorted, channels, step, false), false));
    }

    static HvsBlocks.Sums sums(Planar reference, Planar distorted, Channels channels, int step, boolean masking) {
        Channels.requireSameSize(reference, distorted);
        return sums(channels.planes(reference), channels.planes(distorted), reference.width(), reference.height(),
                step, masking);
    }

    /** Block error sums pooled over all planes. */
    static HvsBlocks.Sums sums(float[][] reference, float[][] distorted, int w, int h, int step, boolean masking) {
        HvsBlocks.Sums s = new HvsBlocks.Sums(0, 0, 0);
        for (int c = 0; c < reference.length; c++) {
            s = s.plus(HvsBlocks.of(reference[c], distorted[c], w, h, step, masking));
        }
        return s;
    }

    static double meanSquare(HvsBlocks.Sums s, boolean masked) {
        return (masked ? s.hvsm() : s.hvs()) / s.coefficients();
    }
}
