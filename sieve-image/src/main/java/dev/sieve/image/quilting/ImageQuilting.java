package dev.sieve.image.quilting;

import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import java.util.SplittableRandom;

/**
 * Pipeline stage {@code quilting}: the image-quilting defense of Guo, Rana, Cissé &amp; van der
 * Maaten 2018 (thesis Table 4.6): the image is rebuilt from clean patches only. Patches of side
 * {@code patch} are placed on a grid of stride {@code patch − overlap}; each is one of the {@code k}
 * database patches nearest (L2, all channels) to the input's patch there, drawn at random (seeded),
 * and joined to the patches above and to the left along the minimum-error boundary cut of Efros
 * &amp; Freeman 2001 (dynamic programming over the squared difference in the overlap). The last row
 * and column of patches are aligned to the image border. Samples in [0, 255].
 */
public final class ImageQuilting implements Defense {
    private final PatchDatabase database;
    private final int overlap;
    private final int k;
    private final String source;

    /** {@code source} names the database in {@link #spec()}, e.g. {@code data=fashion-mnist,patches=100000}. */
    public ImageQuilting(PatchDatabase database, int overlap, int k, String source) {
        if (overlap < 0 || overlap >= database.patch()) {
            throw new IllegalArgumentException("quilting overlap must be 0.." + (database.patch() - 1) + ", got " + overlap);
        }
        if (k < 1 || k > 1000) {
            throw new IllegalArgumentException("quilting k must be 1..1000, got " + k);
        }
        this.database = database;
        this.overlap = overlap;
        this.k = k;
        this.source = source;
    }

    /** Top-left coordinates of the patches along a side of {@code length}. */
    static int[] positions(int length, int patch, int stride) {
        int n = length <= patch ? 1 : (length - patch + stride - 1) / stride + 1;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.min(i * stride, Math.max(0, length - patch));
        }
        return p;
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int patch = database.patch(), w = img.width(), h = img.height(), nc = img.channels();
        if (nc != database.channels() || w < patch || h < patch) {
            throw new IllegalArgumentException("quilting needs " + database.channels() + "-channel images of at least " + patch + "x" + patch
                    + " pixels, got " + w + "x" + h + "x" + nc);
        }
        int stride = patch - overlap;
        int[] xs = positions(w, patch, stride), ys = positions(h, patch, stride);
        Planar out = Planar.zeros(w, h, nc);
        boolean[] filled = new boolean[w * h];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int y0 : ys) {
            for (int x0 : xs) {
                int[] near = database.nearest(PatchDatabase.cut(img, x0, y0, patch), k);
                float[] chosen = database.get(near[rnd.nextInt(near.length)]);
                boolean[] take = cut(out, filled, chosen, x0, y0, patch);
                for (int c = 0; c < nc; c++) {
                    float[] plane = out.plane(c);
                    for (int y = 0; y < patch; y++) {
                        for (int x = 0; x < patch; x++) {
                            if (take[y * patch + x]) {
                                plane[(y0 + y) * w + x0 + x] = chosen[(c * patch + y) * patch + x];
                            }
                        }
                    }
                }
                for (int y = 0; y < patch; y++) {
                    for (int x = 0; x < patch; x++) {
                        filled[(y0 + y) * w + x0 + x] = true;
                    }
                }
            }
        }
        return out;
    }

    /**
     * Which pixels of the new patch to write: all where nothing is placed yet; in the overlap with
     * placed pixels, those beyond the minimum-error boundary cut (a vertical cut through the left
     * overlap, a horizontal one through the top overlap; a pixel is written when both cuts give it to the new patch).
     */
    private static boolean[] cut(Planar out, boolean[] filled, float[] chosen, int x0, int y0, int patch) {
        int w = out.width();
        double[] err = new double[patch * patch];
        boolean any = false;
        for (int y = 0; y < patch; y++) {
            for (int x = 0; x < patch; x++) {
                int q = (y0 + y) * w + x0 + x;
                if (filled[q]) {
                    any = true;
                    for (int c = 0; c < out.channels(); c++) {
                        double d = out.plane(c)[q] - chosen[(c * patch + y) * patch + x];
                        err[y * patch + x] += d * d;
                    }
                }
            }
        }
        boolean[] take = new boolean[patch * patch];
        java.util.Arrays.fill(take, true);
        if (!any) {
            return take;
        }
        int left = 0, top = 0;
        for (int x = 0; x < patch && columnFilled(filled, w, x0, y0, patch, x); x++) {
            left = x + 1;
        }
        for (int y = 0; y < patch && rowFilled(filled, w, x0, y0, patch, y); y++) {
            top = y + 1;
        }
        if (left > 0 && left < patch) {
            int[] seam = seam(err, patch, left, true);
            for (int y = 0; y < patch; y++) {
                for (int x = 0; x < seam[y]; x++) {
                    take[y * patch + x] = false;
                }
            }
        }
        if (top > 0 && top < patch) {
            int[] seam = seam(err, patch, top, false);
            for (int x = 0; x < patch; x++) {
                for (int y = 0; y < seam[x]; y++) {
                    take[y * patch + x] = false;
                }
            }
        }
        if (left == patch || top == patch) {
            java.util.Arrays.fill(take, false);
        }
        return take;
    }

    private static boolean columnFilled(boolean[] filled, int w, int x0, int y0, int patch, int x) {
        for (int y = 0; y < patch; y++) {
            if (!filled[(y0 + y) * w + x0 + x]) {
                return false;
            }
        }
        return true;
    }

    private static boolean rowFilled(boolean[] filled, int w, int x0, int y0, int patch, int y) {
        for (int x = 0; x < patch; x++) {
            if (!filled[(y0 + y) * w + x0 + x]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The minimum-error boundary through an overlap band of width {@code band}: for each row (a
     * vertical cut) or column, the first position that belongs to the new patch, found by dynamic
     * programming with steps of at most one pixel between neighbouring rows.
     */
    static int[] seam(double[] err, int patch, int band, boolean vertical) {
        double[][] cost = new double[patch][band];
        int[][] from = new int[patch][band];
        for (int i = 0; i < patch; i++) {
            for (int j = 0; j < band; j++) {
                double e = vertical ? err[i * patch + j] : err[j * patch + i];
                if (i == 0) {
                    cost[i][j] = e;
                    continue;
                }
                int best = j;
                for (int d = -1; d <= 1; d++) {
                    int jj = j + d;
                    if (jj >= 0 && jj < band && cost[i - 1][jj] < cost[i - 1][best]) {
                        best = jj;
                    }
                }
                cost[i][j] = e + cost[i - 1][best];
                from[i][j] = best;
            }
        }
        int end = 0;
        for (int j = 1; j < band; j++) {
            end = cost[patch - 1][j] < cost[patch - 1][end] ? j : end;
        }
        int[] cutAt = new int[patch];
        for (int i = patch - 1; i >= 0; i--) {
            cutAt[i] = end;
            end = from[i][end];
        }
        return cutAt;
    }

    @Override
    public String spec() {
        return "quilting:patch=" + database.patch() + ",overlap=" + overlap + ",k=" + k + (source.isEmpty() ? "" : "," + source);
    }
}
