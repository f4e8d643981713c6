package dev.sieve.nn.data;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.YCbCr;

/**
 * Brings any image to a model's input: channel count (gray replicated to RGB, RGB reduced to BT.601
 * luma) and size (stretched to the input size, edges aligned, so a saliency map computed on the
 * result stretches back over the whole image).
 */
public final class ImageFit {
    private ImageFit() {
    }

    /** {@code img} with {@code channels} channels and size {@code width × height}; samples in [0, 255]. */
    public static Planar fit(Planar img, int channels, int width, int height) {
        Planar c = img;
        if (img.channels() != channels) {
            if (channels == 1) {
                c = new Planar(img.width(), img.height(), YCbCr.luma(img));
            } else if (channels == 3 && img.channels() == 1) {
                c = new Planar(img.width(), img.height(), img.plane(0), img.plane(0).clone(), img.plane(0).clone());
            } else {
                throw new IllegalArgumentException("cannot convert a " + img.channels() + "-channel image to " + channels + " channels");
            }
        }
        return c.width() == width && c.height() == height ? c : Resample.resize(c, width, height);
    }

    /** Copies {@code img} (already fitted) into {@code dst} at {@code offset}, channel-first. */
    public static void copyChw(Planar img, float[] dst, int offset) {
        int n = img.pixels();
        for (int c = 0; c < img.channels(); c++) {
            System.arraycopy(img.plane(c), 0, dst, offset + c * n, n);
        }
    }
}
