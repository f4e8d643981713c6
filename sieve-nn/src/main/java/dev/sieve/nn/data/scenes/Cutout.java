package dev.sieve.nn.data.scenes;

import dev.sieve.image.Planar;

/**
 * One object cut out of its background: RGB planes with samples in [0, 255] (not premultiplied)
 * and a per-pixel opacity in [0, 1] (row-major, same size). {@code source} names where it came
 * from, stably across machines (a path relative to the library root, or {@code name/index} for a
 * data set item); the train/test split is decided on it.
 */
public record Cutout(String className, Planar rgb, float[] alpha, String source) {
    public Cutout {
        if (rgb.channels() != 3) {
            throw new IllegalArgumentException(source + ": a cut-out needs 3 channels, got " + rgb.channels());
        }
        if (alpha.length != rgb.pixels()) {
            throw new IllegalArgumentException(source + ": alpha has " + alpha.length + " values for "
                    + rgb.width() + "x" + rgb.height() + " pixels");
        }
    }

    /** Width in pixels. */
    public int width() {
        return rgb.width();
    }

    /** Height in pixels. */
    public int height() {
        return rgb.height();
    }
}
