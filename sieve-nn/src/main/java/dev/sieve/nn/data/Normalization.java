package dev.sieve.nn.data;

import java.util.Arrays;

/**
 * Per-channel input normalization as torchvision does it: {@code (x / 255 − mean) / std}, with
 * mean and std given for samples scaled to [0, 1].
 */
public record Normalization(float[] mean, float[] std) {
    /** torchvision's ImageNet statistics. */
    public static final Normalization IMAGENET = new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    public Normalization {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("normalization needs one mean and one std per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("normalization std must be positive, got " + s);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Mean and standard deviation of each channel over (up to the first 10 000 images of) a data set. */
    public static Normalization of(ImageDataset d) {
        int c = d.channels(), hw = d.height() * d.width(), n = Math.min(d.size(), 10_000);
        double[] s = new double[c], s2 = new double[c];
        float[] img = new float[d.imageSize()];
        for (int i = 0; i < n; i++) {
            d.pixels(i, img, 0);
            for (int ch = 0; ch < c; ch++) {
                for (int k = ch * hw; k < (ch + 1) * hw; k++) {
                    double v = img[k] / 255.0;
                    s[ch] += v;
                    s2[ch] += v * v;
                }
            }
        }
        float[] mean = new float[c], std = new float[c];
        for (int ch = 0; ch < c; ch++) {
            double m = s[ch] / ((double) n * hw);
            mean[ch] = (float) m;
            std[ch] = (float) Math.max(1e-3, Math.sqrt(Math.max(0, s2[ch] / ((double) n * hw) - m * m)));
        }
        return new Normalization(mean, std);
    }

    public int channels() {
        return mean.length;
    }

    /** Normalizes {@code n} CHW images of {@code hw} pixels in place. */
    public void apply(float[] x, int n, int hw) {
        int c = mean.length;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                float m = mean[ch] * 255f, inv = 1f / (std[ch] * 255f);
                int from = (i * c + ch) * hw;
                for (int k = from; k < from + hw; k++) {
                    x[k] = (x[k] - m) * inv;
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
