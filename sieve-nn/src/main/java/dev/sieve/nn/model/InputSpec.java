package dev.sieve.nn.model;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.ImageFit;
import dev.sieve.nn.data.Normalization;

/** What a classifier takes: image channels and size, and the normalization applied to [0, 255] samples. */
public record InputSpec(int channels, int height, int width, Normalization normalization) {
    /** Largest input side, px: classifiers take whole images at most this large (ImageNet models: 224). */
    public static final int MAX_SIDE = 1024;

    public InputSpec {
        if (channels != normalization.channels()) {
            throw new IllegalArgumentException(channels + " input channels but normalization for " + normalization.channels());
        }
        if (height <= 0 || width <= 0 || height > MAX_SIDE || width > MAX_SIDE) {
            throw new IllegalArgumentException("model input size must be 1.." + MAX_SIDE + " px a side, got " + width + "x" + height);
        }
    }

    /** {@code img} brought to this input (see {@link ImageFit}). */
    public Planar fit(Planar img) {
        return ImageFit.fit(img, channels, width, height);
    }

    /** Samples per image. */
    public int size() {
        return channels * height * width;
    }
}
