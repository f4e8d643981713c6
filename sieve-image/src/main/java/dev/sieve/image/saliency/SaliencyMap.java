package dev.sieve.image.saliency;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.YCbCr;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageReadOptions;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A per-pixel saliency map with values in [0, 1] (1 = most salient), the input of every semantic
 * encoder and of map-guided defenses. A map of any size is stretched over the whole image it
 * describes ({@link #resizedTo}), so a non-square photo keeps its map aligned.
 */
public final class SaliencyMap {
    private final int width;
    private final int height;
    private final float[] values;

    /** Wraps {@code values} (row-major, clamped to [0, 1] in place). */
    public SaliencyMap(int width, int height, float[] values) {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("map of " + width + "x" + height + " needs "
                    + (long) width * height + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            values[i] = Float.isNaN(v) ? 0f : Math.min(1f, Math.max(0f, v));
        }
        this.width = width;
        this.height = height;
        this.values = values;
    }

    /**
     * Reads a map image: 8-bit grayscale (or the luma of a colour image), 0..255 mapped to [0, 1];
     * transparent pixels count as black (not salient).
     */
    public static SaliencyMap read(Path file) throws IOException {
        Planar p = ImageFiles.read(file, ImageReadOptions.defaults().withBackground(0f));
        float[] y = YCbCr.luma(p);
        for (int i = 0; i < y.length; i++) {
            y[i] /= 255f;
        }
        return new SaliencyMap(p.width(), p.height(), y);
    }

    /** A constant map. */
    public static SaliencyMap uniform(int width, int height, float value) {
        float[] v = new float[width * height];
        java.util.Arrays.fill(v, value);
        return new SaliencyMap(width, height, v);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Value at pixel (x, y), in [0, 1]. */
    public float get(int x, int y) {
        return values[y * width + x];
    }

    /** The live values, row-major. */
    public float[] values() {
        return values;
    }

    /** This map stretched to {@code w × h} (edges aligned; bilinear up, area average down). */
    public SaliencyMap resizedTo(int w, int h) {
        if (w == width && h == height) {
            return this;
        }
        return new SaliencyMap(w, h, Resample.resize(values, width, height, w, h));
    }

    /**
     * Mean value of each {@code b × b} block of this map, blocks in raster order; edge blocks
     * average only the pixels inside the map. Result has {@code ceil(w/b) × ceil(h/b)} entries.
     */
    public float[] blockMeans(int b) {
        int bw = (width + b - 1) / b, bh = (height + b - 1) / b;
        float[] sums = new float[bw * bh];
        int[] counts = new int[bw * bh];
        for (int y = 0; y < height; y++) {
            int row = (y / b) * bw;
            for (int x = 0; x < width; x++) {
                int k = row + x / b;
                sums[k] += values[y * width + x];
                counts[k]++;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= counts[i];
        }
        return sums;
    }

    /**
     * Each value replaced by its rank, (rank + ½) / n with ties sharing the lowest rank: the
     * values become uniform on (0, 1), so k saliency levels each hold about 1/k of the image.
     * Used for the model-free fallback, whose raw maps are too peaked to drive k levels (the
     * author's code likewise chose JPEG qualities by saliency deciles).
     */
    public SaliencyMap rankNormalized() {
        int n = values.length;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            keyed[i] = ((long) Float.floatToIntBits(values[i]) << 32) | i;
        }
        java.util.Arrays.parallelSort(keyed);
        float[] r = new float[n];
        int first = 0;
        for (int k = 0; k < n; k++) {
            if (k > 0 && (keyed[k] >>> 32) != (keyed[k - 1] >>> 32)) {
                first = k;
            }
            r[(int) keyed[k]] = (first + 0.5f) / n;
        }
        return new SaliencyMap(width, height, r);
    }

    /** The map as an 8-bit grayscale image (0..255). */
    public Planar toImage() {
        float[] g = new float[values.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = values[i] * 255f;
        }
        return new Planar(width, height, g);
    }
}
