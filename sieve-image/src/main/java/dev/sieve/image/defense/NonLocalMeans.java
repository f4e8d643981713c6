package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import java.util.stream.IntStream;

/**
 * Pipeline stage {@code nlmeans}: non-local means (Buades, Coll & Morel 2005), the third feature
 * squeezer of Xu, Evans & Qi 2018 (thesis Table 4.6 (e), (f), written search-patch-strength,
 * e.g. 11-3-4). Parameters as OpenCV's {@code fastNlMeansDenoisingColored} that Xu et al. used:
 * {@code search=11} (search window side), {@code patch=3} (patch side), {@code h=4} (filter
 * strength in 8-bit units).
 *
 * <p>Each output pixel is {@code Σ_q w(p, q) x(q) / Σ_q w(p, q)} over the search window, with
 * {@code w = exp(−d²/h²)} and {@code d²} the mean squared difference of the two patches over their
 * pixels and all channels jointly. The image is extended by half-sample reflection. Unlike OpenCV,
 * Sieve works in RGB (OpenCV converts to CIELAB and uses integer weight tables), so results are
 * close to but not OpenCV's. Patch distances use running box sums, {@code O(search² · pixels)};
 * bands of rows run in parallel with identical results.
 */
public final class NonLocalMeans implements Defense {
    private static final int BAND = 64;

    private final int search;
    private final int patch;
    private final double h;

    public NonLocalMeans(int search, int patch, double h) {
        if (search < 1 || search % 2 == 0 || search > 101) {
            throw new IllegalArgumentException("NL-means search window must be odd, 1..101, got " + search);
        }
        if (patch < 1 || patch % 2 == 0 || patch > 51) {
            throw new IllegalArgumentException("NL-means patch size must be odd, 1..51, got " + patch);
        }
        if (!(h > 0)) {
            throw new IllegalArgumentException("NL-means strength h must be positive, got " + h);
        }
        this.search = search;
        this.patch = patch;
        this.h = h;
    }

    static NonLocalMeans fromParams(DefenseParams p) {
        p.allow("search", "patch", "h");
        try {
            return new NonLocalMeans(p.integer("search", 11), p.integer("patch", 3), p.number("h", 4));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), ht = img.height(), nc = img.channels();
        int s = search / 2, pr = patch / 2, pad = s + pr;
        int pw = w + 2 * pad, ph = ht + 2 * pad;
        float[][] padded = new float[nc][pw * ph];
        for (int c = 0; c < nc; c++) {
            float[] src = img.plane(c), dst = padded[c];
            for (int y = 0; y < ph; y++) {
                int sy = MedianSmoothing.reflect(y - pad, ht) * w;
                for (int x = 0; x < pw; x++) {
                    dst[y * pw + x] = src[sy + MedianSmoothing.reflect(x - pad, w)];
                }
            }
        }
        float[][] out = new float[nc][w * ht];
        int bands = (ht + BAND - 1) / BAND;
        double norm = 1.0 / ((double) patch * patch * nc * h * h);
        IntStream.range(0, bands).parallel().forEach(b -> {
            int y0 = b * BAND, y1 = Math.min(ht, y0 + BAND), bh = y1 - y0;
            int dw = w + 2 * pr, dh = bh + 2 * pr;
            double[] diff = new double[dw * dh], rowSum = new double[w * dh];
            double[] wsum = new double[w * bh];
            double[][] acc = new double[nc][w * bh];
            for (int dy = -s; dy <= s; dy++) {
                for (int dx = -s; dx <= s; dx++) {
                    java.util.Arrays.fill(diff, 0);
                    for (int c = 0; c < nc; c++) {
                        float[] pl = padded[c];
                        for (int y = 0; y < dh; y++) {
                            int a = (y0 + y + s) * pw + s, q = a + dy * pw + dx, o = y * dw;
                            for (int x = 0; x < dw; x++) {
                                double d = pl[a + x] - pl[q + x];
                                diff[o + x] += d * d;
                            }
                        }
                    }
                    for (int y = 0; y < dh; y++) {
                        int o = y * dw;
                        double run = 0;
                        for (int x = 0; x < patch; x++) {
                            run += diff[o + x];
                        }
                        for (int x = 0; x < w; x++) {
                            rowSum[y * w + x] = run;
                            if (x + patch < dw) {
                                run += diff[o + x + patch] - diff[o + x];
                            }
                        }
                    }
                    for (int y = 0; y < bh; y++) {
                        for (int x = 0; x < w; x++) {
                            double d2 = 0;
                            for (int j = 0; j < patch; j++) {
                                d2 += rowSum[(y + j) * w + x];
                            }
                            double wt = Math.exp(-d2 * norm);
                            int i = y * w + x;
                            wsum[i] += wt;
                            int q = (y0 + y + pad + dy) * pw + x + pad + dx;
                            for (int c = 0; c < nc; c++) {
                                acc[c][i] += wt * padded[c][q];
                            }
                        }
                    }
                }
            }
            for (int c = 0; c < nc; c++) {
                for (int i = 0; i < w * bh; i++) {
                    out[c][y0 * w + i] = (float) (acc[c][i] / wsum[i]);
                }
            }
        });
        return new Planar(w, ht, out);
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        return "nlmeans:search=" + search + ",patch=" + patch + ",h=" + h;
    }
}
