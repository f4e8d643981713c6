package dev.sieve.image;

import java.util.Arrays;

/**
 * A planar image: {@code channels} planes of {@code width × height} float samples, row-major.
 *
 * <p>Samples of 8-bit images are stored in [0, 255] (not rescaled); operations that need [0, 1]
 * divide on the way in. Channel order is R, G, B for colour images and a single luma plane for
 * grayscale ones, unless a method says otherwise (see {@link YCbCr}).
 */
public final class Planar {
    private final int width;
    private final int height;
    private final float[][] planes;

    /** Wraps existing planes (not copied); each must hold {@code width * height} samples. */
    public Planar(int width, int height, float[]... planes) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (planes.length == 0) {
            throw new IllegalArgumentException("an image needs at least one channel");
        }
        for (float[] p : planes) {
            if (p.length != width * height) {
                throw new IllegalArgumentException("plane holds " + p.length + " samples, expected " + width * height);
            }
        }
        this.width = width;
        this.height = height;
        this.planes = planes;
    }

    /** A zero-filled image. */
    public static Planar zeros(int width, int height, int channels) {
        float[][] p = new float[channels][width * height];
        return new Planar(width, height, p);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int channels() {
        return planes.length;
    }

    /** Number of pixels, {@code width × height}. */
    public int pixels() {
        return width * height;
    }

    /** The live plane of channel {@code c} (row-major, index {@code y * width + x}). */
    public float[] plane(int c) {
        return planes[c];
    }

    public float get(int c, int x, int y) {
        return planes[c][y * width + x];
    }

    public void set(int c, int x, int y, float v) {
        planes[c][y * width + x] = v;
    }

    /** A deep copy. */
    public Planar copy() {
        float[][] p = new float[planes.length][];
        for (int c = 0; c < p.length; c++) {
            p[c] = planes[c].clone();
        }
        return new Planar(width, height, p);
    }

    /** A new image holding only channel {@code c} (copied). */
    public Planar channel(int c) {
        return new Planar(width, height, planes[c].clone());
    }

    /** True when both images have the same size and channel count. */
    public boolean sameShape(Planar o) {
        return width == o.width && height == o.height && planes.length == o.planes.length;
    }

    /** Samples rounded and clamped to 0..255, as an 8-bit image would store them. */
    public Planar quantized8() {
        Planar q = copy();
        for (float[] p : q.planes) {
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.min(255f, Math.max(0f, Math.round(p[i])));
            }
        }
        return q;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Planar other && sameShape(other) && Arrays.deepEquals(planes, other.planes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.deepHashCode(planes);
    }

    @Override
    public String toString() {
        return "Planar[" + width + "x" + height + "x" + planes.length + "]";
    }
}
