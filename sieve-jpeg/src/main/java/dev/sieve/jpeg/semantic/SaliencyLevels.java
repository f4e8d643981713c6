package dev.sieve.jpeg.semantic;

import dev.sieve.image.saliency.SaliencyMap;

/**
 * Discretizes a saliency map into k levels per 8×8 block and assigns each level a JPEG quality
 * (thesis §2.4, eq. 2.7): level n holds block saliency s with n = ⌈s·k⌉ − 1 clamped to
 * [0, k−1] (level 0 is [0, 1/k], level n is (n/k, (n+1)/k]), and
 * <pre>  Q_n = Q_l + n·(Q_h − Q_l)/k  </pre>
 * Block saliency is the mean of the map (stretched over the image) within the block. With the
 * thesis defaults k = 5, Q_l = 30, Q_h = 70 the levels are 30, 38, 46, 54, 62: eq. 2.7 read
 * literally never reaches Q_h. {@code inclusive} uses Q_n = Q_l + n·(Q_h − Q_l)/(k − 1) instead,
 * the "increments of ten from 30 to 70" of §2.5.
 */
public final class SaliencyLevels {
    private final int blocksWide;
    private final int blocksHigh;
    private final int[] level;
    private final double[] quality;

    private SaliencyLevels(int bw, int bh, int[] level, double[] quality) {
        this.blocksWide = bw;
        this.blocksHigh = bh;
        this.level = level;
        this.quality = quality;
    }

    /** Levels of the 8×8 blocks of a {@code width × height} image. */
    public static SaliencyLevels of(SaliencyMap map, int width, int height, int k, double qLow, double qHigh,
            boolean inclusive) {
        check(k, qLow, qHigh);
        float[] s = map.resizedTo(width, height).blockMeans(8);
        int[] lv = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            lv[i] = Math.max(0, Math.min(k - 1, (int) Math.ceil(s[i] * k) - 1));
        }
        double[] q = new double[k];
        for (int n = 0; n < k; n++) {
            q[n] = inclusive && k > 1 ? qLow + n * (qHigh - qLow) / (k - 1) : qLow + n * (qHigh - qLow) / k;
        }
        return new SaliencyLevels((width + 7) / 8, (height + 7) / 8, lv, q);
    }

    /** Fails unless 1 ≤ k ≤ 100 and 1 ≤ qLow ≤ qHigh ≤ 100. */
    static void check(int k, double qLow, double qHigh) {
        if (k < 1 || k > 100) {
            throw new IllegalArgumentException("levels must be in 1..100, got " + k);
        }
        if (!(qLow >= 1 && qHigh <= 100 && qLow <= qHigh)) {
            throw new IllegalArgumentException("need 1 <= q-low <= q-high <= 100, got " + qLow + " and " + qHigh);
        }
    }

    public int blocksWide() {
        return blocksWide;
    }

    public int blocksHigh() {
        return blocksHigh;
    }

    /** Number of levels k. */
    public int count() {
        return quality.length;
    }

    /** Level of block (bx, by). */
    public int level(int bx, int by) {
        return level[by * blocksWide + bx];
    }

    /** Q_n of level n. */
    public double quality(int n) {
        return quality[n];
    }

    /** All Q_n, lowest level first. */
    public double[] qualities() {
        return quality.clone();
    }

    /** Number of blocks at each level. */
    public int[] histogram() {
        int[] h = new int[quality.length];
        for (int l : level) {
            h[l]++;
        }
        return h;
    }

    /** Per-block quality Q_level + shift, clamped to [1, 100]. */
    public float[] blockQualities(double shift) {
        float[] q = new float[level.length];
        for (int i = 0; i < q.length; i++) {
            q[i] = (float) Math.max(1, Math.min(100, quality[level[i]] + shift));
        }
        return q;
    }
}
