package dev.sieve.nn.data;

import java.util.List;

/**
 * A labelled image set of fixed image size: pixels channel-first (CHW) with 8-bit samples in
 * [0, 255], one primary label per image and optionally several (multi-label).
 */
public interface ImageDataset {
    /** Number of images. */
    int size();

    int channels();

    int height();

    int width();

    /** Class names, index = label. */
    List<String> classes();

    /** Primary label of image {@code i}. */
    int label(int i);

    /** All labels of image {@code i} (one for single-label sets). */
    default int[] labels(int i) {
        return new int[] {label(i)};
    }

    /** Copies image {@code i} (CHW, samples in [0, 255]) into {@code dst} at {@code offset}. */
    void pixels(int i, float[] dst, int offset);

    /** Image {@code i} as a {@link dev.sieve.image.Planar} (samples in [0, 255]). */
    default dev.sieve.image.Planar image(int i) {
        float[] raw = new float[imageSize()];
        pixels(i, raw, 0);
        int hw = height() * width();
        float[][] planes = new float[channels()][];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = java.util.Arrays.copyOfRange(raw, c * hw, (c + 1) * hw);
        }
        return new dev.sieve.image.Planar(width(), height(), planes);
    }

    /** Where the images come from, for reports (a path or a name). */
    String source();

    /** Samples per image. */
    default int imageSize() {
        return channels() * height() * width();
    }

    /** The first {@code n} images (all of them when {@code n} ≥ size). */
    default ImageDataset head(int n) {
        if (n >= size()) {
            return this;
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return new SubsetDataset(this, idx);
    }
}
