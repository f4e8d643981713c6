package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import java.util.stream.IntStream;

/**
 * Pipeline stage {@code median}: local median smoothing, the second feature squeezer of Xu, Evans &
 * Qi 2018 (thesis Table 4.6 (c), (d)). Exactly {@code scipy.ndimage.median_filter(x, size=(k, k),
 * mode='reflect')} per channel, as their code calls it: the window of pixel {@code i} covers
 * {@code i − k/2 … i − k/2 + k − 1} on each axis (so a 2×2 window reaches up and left), the
 * image is extended by half-sample reflection, and the result is the element of rank
 * {@code k²/2} (0-based) of the sorted window — for even {@code k} the upper of the two middle
 * values, not their mean. Parameter {@code size=2} (1..15), the best setting in Table 4.6.
 */
public final class MedianSmoothing implements Defense {
    private final int size;

    public MedianSmoothing(int size) {
        if (size < 1 || size > 15) {
            throw new IllegalArgumentException("median window size must be 1..15, got " + size);
        }
        this.size = size;
    }

    static MedianSmoothing fromParams(DefenseParams p) {
        p.allow("size");
        try {
            return new MedianSmoothing(p.integer("size", 2));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), h = img.height(), k = size, off = k / 2, rank = k * k / 2;
        int[] xs = new int[w * k];
        for (int x = 0; x < w; x++) {
            for (int j = 0; j < k; j++) {
                xs[x * k + j] = reflect(x - off + j, w);
            }
        }
        float[][] planes = new float[img.channels()][];
        for (int c = 0; c < planes.length; c++) {
            float[] src = img.plane(c), dst = new float[w * h];
            IntStream.range(0, h).parallel().forEach(y -> {
                float[] win = new float[k * k];
                int[] rows = new int[k];
                for (int j = 0; j < k; j++) {
                    rows[j] = reflect(y - off + j, h) * w;
                }
                for (int x = 0; x < w; x++) {
                    int n = 0;
                    for (int r : rows) {
                        for (int j = 0; j < k; j++) {
                            float v = src[r + xs[x * k + j]];
                            int i = n++;
                            while (i > 0 && win[i - 1] > v) {
                                win[i] = win[i - 1];
                                i--;
                            }
                            win[i] = v;
                        }
                    }
                    dst[y * w + x] = win[rank];
                }
            });
            planes[c] = dst;
        }
        return new Planar(w, h, planes);
    }

    /** scipy's {@code reflect} extension: {@code d c b a | a b c d | d c b a}. */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int m = i % period;
        if (m < 0) {
            m += period;
        }
        return m < n ? m : period - 1 - m;
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        return "median:size=" + size;
    }
}
