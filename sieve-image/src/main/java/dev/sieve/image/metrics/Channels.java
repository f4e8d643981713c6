package dev.sieve.image.metrics;

import dev.sieve.image.Planar;
import dev.sieve.image.YCbCr;

/**
 * Which planes a quality metric compares.
 *
 * <ul>
 *   <li>{@link #LUMA}: BT.601 luma {@code Y = 0.299 R + 0.587 G + 0.114 B} (see {@link YCbCr}),
 *       not rounded. The convention of VQMT, which the thesis used, and the default.
 *   <li>{@link #RGB}: the R, G and B planes. Metrics built on a mean squared error (the PSNR
 *       family) pool the error over the three planes, as scikit-image's
 *       {@code peak_signal_noise_ratio} does; the others (SSIM, MS-SSIM, VIFp) average the three
 *       per-plane values, as {@code structural_similarity(..., channel_axis=-1)} does.
 * </ul>
 * A grayscale image is its own luma, and in RGB mode stands for three equal planes.
 */
public enum Channels {
    LUMA,
    RGB;

    /**
     * The planes of {@code img} this mode compares, samples in [0, 255]. RGB planes are the image's
     * live planes and must not be modified; a luma plane is computed.
     */
    public float[][] planes(Planar img) {
        if (this == LUMA || img.channels() == 1) {
            float[] y = img.channels() == 1 ? img.plane(0) : YCbCr.luma(img);
            return this == LUMA ? new float[][] {y} : new float[][] {y, y, y};
        }
        if (img.channels() != 3) {
            throw new IllegalArgumentException("expected a grayscale or RGB image, got " + img.channels() + " channels");
        }
        return new float[][] {img.plane(0), img.plane(1), img.plane(2)};
    }

    /** Fails with a message naming both sizes unless the images have the same width and height. */
    public static void requireSameSize(Planar reference, Planar distorted) {
        if (reference.width() != distorted.width() || reference.height() != distorted.height()) {
            throw new IllegalArgumentException("images differ in size: reference is " + reference.width() + "x"
                    + reference.height() + ", distorted is " + distorted.width() + "x" + distorted.height());
        }
    }

    /** A metric of two {@code w × h} planes of 8-bit samples. */
    @FunctionalInterface
    interface PlaneMetric {
        double of(float[] reference, float[] distorted, int w, int h);
    }

    /** The mean of {@code metric} over corresponding planes (RGB mode's pooling for SSIM-like metrics). */
    static double meanOverPlanes(float[][] reference, float[][] distorted, int w, int h, PlaneMetric metric) {
        double s = 0;
        for (int c = 0; c < reference.length; c++) {
            s += metric.of(reference[c], distorted[c], w, h);
        }
        return s / reference.length;
    }
}
