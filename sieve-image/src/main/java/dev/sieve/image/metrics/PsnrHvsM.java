package dev.sieve.image.metrics;

import dev.sieve.image.Planar;

/**
 * PSNR-HVS-M of Ponomarenko et al. (2007, "On between-coefficient contrast masking of DCT basis
 * functions"): {@link PsnrHvs} with between-coefficient contrast masking, so a DCT difference
 * hidden by the texture of its block (in either image) does not count. Masking model and block placement in {@link HvsBlocks}. In dB; at least PSNR-HVS on
 * the same pair. In {@link Channels#RGB} mode the error is pooled over the planes. Identical
 * images, or differences that are masked everywhere, give {@code +∞}.
 */
public final class PsnrHvsM {
    private PsnrHvsM() {
    }

    /** PSNR-HVS-M in dB on non-overlapping blocks. */
    public static double of(Planar reference, Planar distorted, Channels channels) {
        return of(reference, distorted, channels, PsnrHvs.DEFAULT_STEP);
    }

    /** PSNR-HVS-M in dB on blocks that start every {@code step} pixels (1..8). */
    public static double of(Planar reference, Planar distorted, Channels channels, int step) {
        return Psnr.fromMse(PsnrHvs.meanSquare(PsnrHvs.sums(reference, distorted, channels, step, true), true));
    }
}
