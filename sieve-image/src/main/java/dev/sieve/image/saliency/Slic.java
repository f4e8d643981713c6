package dev.sieve.image.saliency;

import dev.sieve.image.Planar;
import java.util.ArrayDeque;

/**
 * SLIC superpixels (Achanta et al., "SLIC Superpixels Compared to State-of-the-Art Superpixel
 * Methods", TPAMI 2012): k-means in (CIELAB, x, y) restricted to a 2S × 2S window around each centre,
 * distance {@code D² = d_lab² + (m/S)²·d_xy²}, S = √(N/K) the grid step, m the compactness (10,
 * the paper's), centres seeded on the grid and moved to the lowest gradient of their 3 × 3
 * neighbourhood, 10 iterations, then connectivity enforced: every 4-connected piece smaller than
 * ¼ of N/K joins the neighbour it touches first. Deterministic; grayscale images use L only.
 */
public final class Slic {
    private static final int ITERATIONS = 10;
    /** The paper's compactness m for CIELAB images, used by Sieve's saliency. */
    public static final double COMPACTNESS = 10;

    private Slic() {
    }

    /**
     * A superpixel segmentation.
     *
     * @param width  pixels per row
     * @param height rows
     * @param labels one label per pixel, row-major, in 0..count-1
     * @param count  number of superpixels
     * @param lab    per pixel L*, a*, b* (3 planes, row-major)
     */
    public record Segmentation(int width, int height, int[] labels, int count, float[][] lab) {
    }

    /** Segments {@code img} (1 or 3 channels, [0, 255]) into about {@code k} superpixels of compactness {@code m}. */
    public static Segmentation segment(Planar img, int k, double m) {
        if (k < 1 || !(m > 0)) {
            throw new IllegalArgumentException("SLIC needs k >= 1 and m > 0, got k=" + k + ", m=" + m);
        }
        int w = img.width(), h = img.height(), n = w * h;
        float[][] lab = lab(img);
        double step = Math.max(1, Math.sqrt((double) n / k));
        int gx = Math.max(1, (int) Math.round(w / step)), gy = Math.max(1, (int) Math.round(h / step));
        int centres = gx * gy;
        double[] cl = new double[centres], ca = new double[centres], cb = new double[centres], cx = new double[centres], cy = new double[centres];
        for (int j = 0; j < gy; j++) {
            for (int i = 0; i < gx; i++) {
                int x = (int) Math.min(w - 1, (i + 0.5) * w / gx), y = (int) Math.min(h - 1, (j + 0.5) * h / gy);
                int best = lowestGradient(lab[0], w, h, x, y);
                int c = j * gx + i;
                cx[c] = best % w;
                cy[c] = best / w;
                cl[c] = lab[0][best];
                ca[c] = lab[1][best];
                cb[c] = lab[2][best];
            }
        }
        int[] labels = new int[n];
        double[] dist = new double[n];
        double spatial = (m / step) * (m / step);
        int r = (int) Math.ceil(step);
        for (int it = 0; it < ITERATIONS; it++) {
            java.util.Arrays.fill(dist, Double.MAX_VALUE);
            for (int c = 0; c < centres; c++) {
                int x0 = Math.max(0, (int) cx[c] - r), x1 = Math.min(w - 1, (int) cx[c] + r);
                int y0 = Math.max(0, (int) cy[c] - r), y1 = Math.min(h - 1, (int) cy[c] + r);
                for (int y = y0; y <= y1; y++) {
                    for (int x = x0; x <= x1; x++) {
                        int p = y * w + x;
                        double dl = lab[0][p] - cl[c], da = lab[1][p] - ca[c], db = lab[2][p] - cb[c];
                        double dx = x - cx[c], dy = y - cy[c];
                        double d = dl * dl + da * da + db * db + spatial * (dx * dx + dy * dy);
                        if (d < dist[p]) {
                            dist[p] = d;
                            labels[p] = c;
                        }
                    }
                }
            }
            double[] sl = new double[centres], sa = new double[centres], sb = new double[centres], sx = new double[centres], sy = new double[centres];
            int[] cnt = new int[centres];
            for (int p = 0; p < n; p++) {
                int c = labels[p];
                sl[c] += lab[0][p];
                sa[c] += lab[1][p];
                sb[c] += lab[2][p];
                sx[c] += p % w;
                sy[c] += p / w;
                cnt[c]++;
            }
            for (int c = 0; c < centres; c++) {
                if (cnt[c] > 0) {
                    cl[c] = sl[c] / cnt[c];
                    ca[c] = sa[c] / cnt[c];
                    cb[c] = sb[c] / cnt[c];
                    cx[c] = sx[c] / cnt[c];
                    cy[c] = sy[c] / cnt[c];
                }
            }
        }
        return connect(labels, w, h, Math.max(1, n / centres / 4), lab);
    }

    /** Relabels 4-connected pieces 0..count-1 in raster order, merging pieces under {@code minSize} into the previous adjacent piece. */
    private static Segmentation connect(int[] labels, int w, int h, int minSize, float[][] lab) {
        int n = w * h;
        int[] out = new int[n];
        java.util.Arrays.fill(out, -1);
        int[] piece = new int[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int next = 0;
        for (int start = 0; start < n; start++) {
            if (out[start] >= 0) {
                continue;
            }
            int adjacent = -1;
            int sx = start % w, sy = start / w;
            if (sx > 0 && out[start - 1] >= 0) {
                adjacent = out[start - 1];
            } else if (sy > 0 && out[start - w] >= 0) {
                adjacent = out[start - w];
            }
            int size = 0;
            out[start] = next;
            queue.add(start);
            while (!queue.isEmpty()) {
                int p = queue.poll();
                piece[size++] = p;
                int x = p % w, y = p / w;
                if (x > 0) {
                    visit(p - 1, labels[start], labels, out, next, queue);
                }
                if (x < w - 1) {
                    visit(p + 1, labels[start], labels, out, next, queue);
                }
                if (y > 0) {
                    visit(p - w, labels[start], labels, out, next, queue);
                }
                if (y < h - 1) {
                    visit(p + w, labels[start], labels, out, next, queue);
                }
            }
            if (size < minSize && adjacent >= 0) {
                for (int i = 0; i < size; i++) {
                    out[piece[i]] = adjacent;
                }
            } else {
                next++;
            }
        }
        return new Segmentation(w, h, out, next, lab);
    }

    private static void visit(int q, int label, int[] labels, int[] out, int id, ArrayDeque<Integer> queue) {
        if (out[q] < 0 && labels[q] == label) {
            out[q] = id;
            queue.add(q);
        }
    }

    private static int lowestGradient(float[] l, int w, int h, int x, int y) {
        int best = y * w + x;
        double bestG = Double.MAX_VALUE;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int px = x + dx, py = y + dy;
                if (px < 1 || py < 1 || px >= w - 1 || py >= h - 1) {
                    continue;
                }
                double gxv = l[py * w + px + 1] - l[py * w + px - 1], gyv = l[(py + 1) * w + px] - l[(py - 1) * w + px];
                double g = gxv * gxv + gyv * gyv;
                if (g < bestG) {
                    bestG = g;
                    best = py * w + px;
                }
            }
        }
        return best;
    }

    /** CIELAB (D65) of an sRGB image in [0, 255]; a 1-channel image gives L* with a* = b* = 0. */
    static float[][] lab(Planar img) {
        int n = img.pixels();
        float[] l = new float[n], a = new float[n], b = new float[n];
        boolean gray = img.channels() < 3;
        float[] r = img.plane(0), g = gray ? r : img.plane(1), bl = gray ? r : img.plane(2);
        for (int i = 0; i < n; i++) {
            double lr = linear(r[i]), lg = linear(g[i]), lb = linear(bl[i]);
            double x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / 0.95047;
            double y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
            double z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / 1.08883;
            double fx = f(x), fy = f(y), fz = f(z);
            l[i] = (float) (116 * fy - 16);
            a[i] = gray ? 0f : (float) (500 * (fx - fy));
            b[i] = gray ? 0f : (float) (200 * (fy - fz));
        }
        return new float[][] {l, a, b};
    }

    private static double linear(float v) {
        double c = Math.max(0, Math.min(255, v)) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }
}
