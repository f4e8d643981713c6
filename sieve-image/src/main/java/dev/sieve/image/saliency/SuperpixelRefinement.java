package dev.sieve.image.saliency;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;

/**
 * Spreads peaky saliency evidence to the extent of the objects it touches, using the image itself:
 * the photo is cut into SLIC superpixels ({@link Slic}) at a working size, each superpixel takes
 * the mean of the map over its pixels, and the values are then propagated over the graph of
 * adjacent superpixels, {@code v ← (1 − α)·v₀ + α·Σ_j a_ij v_j / Σ_j a_ij} with colour affinity
 * {@code a_ij = exp(−‖lab_i − lab_j‖² / 2σ²)} (σ in CIELAB units), so evidence flows along an
 * object of one colour and stops at its outline. The result is constant on each superpixel (its
 * edges follow the photo's edges) and is divided by its maximum.
 *
 * @param workSide    longer side of the working image in pixels (the map is returned at that size)
 * @param superpixels about how many superpixels
 * @param alpha       propagation weight α in [0, 1) (0 = pooling only)
 * @param sigma       colour scale σ of the affinity, CIELAB units
 * @param iterations  propagation steps
 */
public record SuperpixelRefinement(int workSide, int superpixels, double alpha, double sigma, int iterations) {
    /** The defaults: 256 px, 300 superpixels (compactness 10), α 0.6, σ 12, 8 steps. */
    public static final SuperpixelRefinement DEFAULT = new SuperpixelRefinement(256, 300, 0.6, 12, 8);

    public SuperpixelRefinement {
        if (workSide < 16 || superpixels < 1 || !(alpha >= 0 && alpha < 1) || !(sigma > 0) || iterations < 0) {
            throw new IllegalArgumentException("refinement needs workSide >= 16, superpixels >= 1, alpha in [0, 1), sigma > 0, iterations >= 0");
        }
    }

    /** The image at the working size (area average), aspect kept. */
    public Planar workImage(Planar img) {
        double s = Math.min(1.0, (double) workSide / Math.max(img.width(), img.height()));
        int w = Math.max(1, (int) Math.round(img.width() * s)), h = Math.max(1, (int) Math.round(img.height() * s));
        return w == img.width() && h == img.height() ? img : Resample.resize(img, w, h);
    }

    /** The SLIC segmentation of {@code img} at the working size ({@link #superpixels} superpixels, {@link Slic#COMPACTNESS}). */
    public Slic.Segmentation segment(Planar img) {
        return Slic.segment(workImage(img), superpixels, Slic.COMPACTNESS);
    }

    /** {@code map} refined to object extent on {@code img}; returned at the working size. */
    public SaliencyMap refine(Planar img, SaliencyMap map) {
        return refine(segment(img), map);
    }

    /** {@code map} refined on an existing segmentation (of the same image). */
    public SaliencyMap refine(Slic.Segmentation seg, SaliencyMap map) {
        int w = seg.width(), h = seg.height(), n = w * h, k = seg.count();
        int[] labels = seg.labels();
        float[] m = map.resizedTo(w, h).values();
        double[] v0 = new double[k], cl = new double[k], ca = new double[k], cb = new double[k];
        int[] cnt = new int[k];
        for (int p = 0; p < n; p++) {
            int c = labels[p];
            v0[c] += m[p];
            cl[c] += seg.lab()[0][p];
            ca[c] += seg.lab()[1][p];
            cb[c] += seg.lab()[2][p];
            cnt[c]++;
        }
        for (int c = 0; c < k; c++) {
            v0[c] /= cnt[c];
            cl[c] /= cnt[c];
            ca[c] /= cnt[c];
            cb[c] /= cnt[c];
        }
        java.util.Set<Long> edges = new java.util.HashSet<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = labels[y * w + x];
                if (x + 1 < w && labels[y * w + x + 1] != a) {
                    edges.add(key(a, labels[y * w + x + 1]));
                }
                if (y + 1 < h && labels[(y + 1) * w + x] != a) {
                    edges.add(key(a, labels[(y + 1) * w + x]));
                }
            }
        }
        int e = edges.size();
        int[] ea = new int[e], eb = new int[e];
        double[] aff = new double[e], deg = new double[k];
        int i = 0;
        for (long key : edges) {
            int a = (int) (key >>> 32), b = (int) key;
            double dl = cl[a] - cl[b], da = ca[a] - ca[b], db = cb[a] - cb[b];
            ea[i] = a;
            eb[i] = b;
            aff[i] = Math.exp(-(dl * dl + da * da + db * db) / (2 * sigma * sigma));
            deg[a] += aff[i];
            deg[b] += aff[i];
            i++;
        }
        double[] v = v0.clone();
        for (int it = 0; it < iterations; it++) {
            double[] s = new double[k];
            for (int j = 0; j < e; j++) {
                s[ea[j]] += aff[j] * v[eb[j]];
                s[eb[j]] += aff[j] * v[ea[j]];
            }
            for (int c = 0; c < k; c++) {
                v[c] = deg[c] > 0 ? (1 - alpha) * v0[c] + alpha * s[c] / deg[c] : v0[c];
            }
        }
        double max = 0;
        for (double x : v) {
            max = Math.max(max, x);
        }
        float[] out = new float[n];
        for (int p = 0; p < n; p++) {
            out[p] = max > 0 ? (float) (v[labels[p]] / max) : 0f;
        }
        return new SaliencyMap(w, h, out);
    }

    private static long key(int a, int b) {
        int lo = Math.min(a, b), hi = Math.max(a, b);
        return ((long) lo << 32) | hi;
    }
}
