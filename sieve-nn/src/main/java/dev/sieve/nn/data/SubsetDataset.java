package dev.sieve.nn.data;

import java.util.List;

/** A view of chosen images of another data set. */
public final class SubsetDataset implements ImageDataset {
    private final ImageDataset base;
    private final int[] indices;

    public SubsetDataset(ImageDataset base, int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= base.size()) {
                throw new IllegalArgumentException("index " + i + " outside data set of " + base.size());
            }
        }
        this.base = base;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int channels() {
        return base.channels();
    }

    @Override
    public int height() {
        return base.height();
    }

    @Override
    public int width() {
        return base.width();
    }

    @Override
    public List<String> classes() {
        return base.classes();
    }

    @Override
    public int label(int i) {
        return base.label(indices[i]);
    }

    @Override
    public int[] labels(int i) {
        return base.labels(indices[i]);
    }

    @Override
    public void pixels(int i, float[] dst, int offset) {
        base.pixels(indices[i], dst, offset);
    }

    @Override
    public String source() {
        return base.source() + " (" + indices.length + " of " + base.size() + ")";
    }
}
