package dev.sieve.nn.model;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.ImageFit;
import dev.sieve.nn.data.Normalization;

/** What a classifier takes: image channels and size, and the normalization applied to [0, 255] samples. */
public record InputSpec(int channels, int height, int width, Normalization normalization) {
    public InputSpec {
        if (channels != normalization.channels()) {
            throw new IllegalArgumentException(channels + " input channels but normalization for " + normalization.channels());
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + width + "x" + height);
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
