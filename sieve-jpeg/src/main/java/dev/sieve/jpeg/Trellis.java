package dev.sieve.jpeg;

/**
 * Rate-distortion optimized quantization of one block's AC coefficients (trellis quantization):
 * chooses levels v[1..63] (zig-zag) minimizing
 * <pre>  J = Σ_k d[k]·(x[k] − v[k])² + λ·R(v)  </pre>
 * where x[k] is the coefficient in units of its quantization step, d[k] the distortion weight
 * (step² times any frequency and block weight, so the first term is squared error in DCT units,
 * which the orthonormal DCT makes equal to pixel-domain squared error) and R the bits the baseline
 * Huffman coder spends: for each nonzero level, {@code len[0xF0]} per sixteen zeros before it,
 * {@code len[(run mod 16)·16 + size]} plus {@code size} magnitude bits, and {@code len[0x00]}
 * (EOB) unless the last level is at k = 63 (T.81 F.1.2.2).
 *
 * <p>Candidates for a coefficient with r = round(|x|) ≥ 1 are r and the largest magnitude of each
 * smaller size category (2^s − 1, s = 1..size(r) − 1), all with the sign of x, and 0; a coefficient
 * with |x| &lt; ½ is always 0. Given the candidates the minimum is exact: dynamic programming over
 * the position of the previous nonzero level, O(m²) for m candidate positions. Round-to-nearest is
 * one of the paths, so J never exceeds its J; with λ = 0 the result is round-to-nearest.
 */
final class Trellis {
    /** Per-thread work arrays. */
    static final class Scratch {
        final float[] a = new float[64];
        final double[] zero = new double[64];
        final int[] pos = new int[64];
        final double[] best = new double[64];
        final int[] prev = new int[64];
        final int[] level = new int[64];
        final int[][] candLevel = new int[64][11];
        final int[][] candSize = new int[64][11];
        final double[][] candDist = new double[64][11];
        final int[] candCount = new int[64];
    }

    private Trellis() {
    }

    /**
     * Quantizes coefficients 1..63 of one block.
     *
     * @param x coefficients in step units, natural order, {@code x[0..63]} (x[0], the DC, is not read)
     * @param d distortion weight per zig-zag position (index 1..63)
     * @param len code length in bits of each AC run/size symbol; every legal symbol must have one
     * @param lambda Lagrange multiplier, squared DCT units per bit, ≥ 0
     * @param out levels are written to {@code out[off + k]}, natural order, k = 1..63
     */
    static void quantize(float[] x, double[] d, int[] len, double lambda, short[] out, int off, Scratch s) {
        int[] zz = ZigZag.NATURAL;
        float[] a = s.a;
        double[] zero = s.zero;
        int[] pos = s.pos;
        int n = 1;
        pos[0] = 0;
        zero[0] = 0;
        for (int z = 1; z < 64; z++) {
            float v = x[zz[z]];
            float m = v < 0 ? -v : v;
            a[z] = m;
            zero[z] = zero[z - 1] + d[z] * m * m;
            if (m >= 0.5f) {
                pos[n++] = z;
            }
        }
        double[] best = s.best;
        int[] prev = s.prev;
        int[] level = s.level;
        best[0] = 0;
        double zrl = lambda * len[0xF0];
        for (int i = 1; i < n; i++) {
            int z = pos[i];
            int cands = candidates(a[z], d[z], s.candLevel[z], s.candSize[z], s.candDist[z]);
            int[] cl = s.candLevel[z], cs = s.candSize[z];
            double[] cd = s.candDist[z];
            double bestCost = Double.POSITIVE_INFINITY;
            int bestPrev = 0, bestLevel = 0;
            double zeroBefore = zero[z - 1];
            for (int j = 0; j < i; j++) {
                int p = pos[j];
                int run = z - p - 1;
                double base = best[j] + (zeroBefore - zero[p]) + (run >> 4) * zrl;
                int r4 = (run & 15) << 4;
                for (int c = 0; c < cands; c++) {
                    int sz = cs[c];
                    double cost = base + cd[c] + lambda * (len[r4 | sz] + sz);
                    if (cost < bestCost) {
                        bestCost = cost;
                        bestPrev = j;
                        bestLevel = cl[c];
                    }
                }
            }
            best[i] = bestCost;
            prev[i] = bestPrev;
            level[i] = bestLevel;
        }
        double eob = lambda * len[0x00];
        double endCost = Double.POSITIVE_INFINITY;
        int last = 0;
        for (int j = 0; j < n; j++) {
            int p = pos[j];
            double cost = best[j] + (zero[63] - zero[p]) + (p < 63 ? eob : 0);
            if (cost < endCost) {
                endCost = cost;
                last = j;
            }
        }
        for (int k = 1; k < 64; k++) {
            out[off + k] = 0;
        }
        for (int j = last; j > 0; j = prev[j]) {
            int z = pos[j];
            int v = level[j];
            out[off + zz[z]] = (short) (x[zz[z]] < 0 ? -v : v);
        }
    }

    /** Fills the candidate magnitudes of |x| = {@code a} ≥ ½, their size categories and distortions; returns the count. */
    private static int candidates(float a, double d, int[] level, int[] size, double[] dist) {
        int r = (int) (a + 0.5f);
        int nb = 32 - Integer.numberOfLeadingZeros(r);
        level[0] = r;
        size[0] = nb;
        dist[0] = d * (a - r) * (a - r);
        int c = 1;
        for (int s = nb - 1; s >= 1; s--) {
            int v = (1 << s) - 1;
            level[c] = v;
            size[c] = s;
            dist[c] = d * (a - v) * (a - v);
            c++;
        }
        return c;
    }

    /**
     * J of given levels (natural order, {@code levels[off + 1..63]}) under the same model as
     * {@link #quantize}; for tests and diagnostics.
     */
    static double cost(float[] x, double[] d, int[] len, double lambda, short[] levels, int off) {
        int[] zz = ZigZag.NATURAL;
        double j = 0;
        int run = 0;
        int last = 0;
        for (int z = 1; z < 64; z++) {
            int v = levels[off + zz[z]];
            double e = x[zz[z]] - v;
            j += d[z] * e * e;
            if (v == 0) {
                run++;
                continue;
            }
            int m = Math.abs(v);
            int sz = 32 - Integer.numberOfLeadingZeros(m);
            j += lambda * ((run >> 4) * len[0xF0] + len[((run & 15) << 4) | sz] + sz);
            run = 0;
            last = z;
        }
        if (last < 63) {
            j += lambda * len[0x00];
        }
        return j;
    }

    /**
     * Share of RGB squared error that one unit of squared error in component {@code c} (0 = Y,
     * 1 = Cb, 2 = Cr) causes, relative to Y, times the pixels one of its samples covers
     * ({@code area}: 4 for chroma in 4:2:0). From the JFIF inverse: Y → (1, 1, 1), Cb → (0,
     * −0.344136, 1.772), Cr → (1.402, −0.714136, 0).
     */
    static double componentWeight(int c, int area) {
        double y = 3.0;
        return switch (c) {
            case 0 -> 1.0;
            case 1 -> area * (0.344136 * 0.344136 + 1.772 * 1.772) / y;
            default -> area * (1.402 * 1.402 + 0.714136 * 0.714136) / y;
        };
    }
}
