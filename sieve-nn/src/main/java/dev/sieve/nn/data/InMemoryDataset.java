package dev.sieve.nn.data;

import java.util.List;

/** Images held as unsigned bytes (CHW per image), as IDX and CIFAR files store them. */
public final class InMemoryDataset implements ImageDataset {
    private final byte[] pixels;
    private final int[] labels;
    private final int channels;
    private final int height;
    private final int width;
    private final List<String> classes;
    private final String source;

    public InMemoryDataset(byte[] pixels, int[] labels, int channels, int height, int width,
            List<String> classes, String source) {
        if ((long) labels.length * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(source + ": " + labels.length + " labels but "
                    + pixels.length + " pixel bytes for images of " + channels + "x" + height + "x" + width);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes.size()) {
                throw new IllegalArgumentException(source + ": label " + labels[i] + " of image " + i
                        + " outside 0.." + (classes.size() - 1));
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = List.copyOf(classes);
        this.source = source;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public void pixels(int i, float[] dst, int offset) {
        int n = imageSize();
        int base = i * n;
        for (int k = 0; k < n; k++) {
            dst[offset + k] = pixels[base + k] & 0xff;
        }
    }

    @Override
    public String source() {
        return source;
    }
}
