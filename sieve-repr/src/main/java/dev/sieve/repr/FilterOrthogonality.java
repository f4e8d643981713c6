package dev.sieve.repr;

/**
 * The inter-filter orthogonality of thesis §5.5, the RePr ranking ("Ortho"). Per layer, the
 * filters flattened to the rows of {@code W_ℓ}, each row scaled to unit L2 norm ({@code Ŵ_ℓ}):
 * <pre>
 *   P_ℓ   = |Ŵ_ℓ Ŵ_ℓᵀ − I|           (eq. 5.1, element-wise absolute value)
 *   O_ℓ^f = Σ_j P_ℓ[f, j] / J_ℓ       (eq. 5.2)
 * </pre>
 * A large {@code O} means the filter overlaps the others of its layer; those are dropped first, so
 * the importance reported is {@code −O}. Rows are normalized one by one (the thesis writes
 * {@code W/‖W‖}; only row normalization makes the diagonal of {@code ŴŴᵀ} equal the {@code I} it
 * subtracts). The division by {@code J_ℓ} of eq. 5.2 is kept, so layers of different widths are
 * comparable under the global ranking. A zero row (a pruned filter) has {@code Ŵ} row 0.
 * {@code absolute = false} drops the absolute value of eq. 5.1 ({@code ortho-signed}: signed cosines
 * are summed, so anti-parallel filters count as orthogonal-or-better), an ablation on which public
 * re-implementations differ.
 */
public final class FilterOrthogonality implements FilterRanking {
    private final boolean absolute;

    /** Eq. 5.1 as written, with the absolute value. */
    public FilterOrthogonality() {
        this(true);
    }

    public FilterOrthogonality(boolean absolute) {
        this.absolute = absolute;
    }

    @Override
    public String name() {
        return absolute ? "ortho" : "ortho-signed";
    }

    @Override
    public FilterScores rank(RankingContext context) {
        double[][] imp = new double[context.layers().size()][];
        for (int l = 0; l < imp.length; l++) {
            if (!context.ranks(l)) {
                continue;
            }
            double[] o = orthogonality(context.layers().get(l).rows(), absolute);
            imp[l] = new double[o.length];
            for (int f = 0; f < o.length; f++) {
                imp[l][f] = -o[f];
            }
        }
        return new FilterScores(name(), imp);
    }

    /** {@code O_ℓ^f} (eq. 5.2) of every row of {@code w}. */
    public static double[] orthogonality(float[][] w) {
        return orthogonality(w, true);
    }

    /** {@code O_ℓ^f} (eq. 5.2) of every row of {@code w}, with or without the absolute value of eq. 5.1. */
    public static double[] orthogonality(float[][] w, boolean absolute) {
        double[][] p = overlap(w, absolute);
        double[] o = new double[p.length];
        for (int f = 0; f < p.length; f++) {
            double s = 0;
            for (double v : p[f]) {
                s += v;
            }
            o[f] = s / p.length;
        }
        return o;
    }

    /** {@code P_ℓ = |ŴŴᵀ − I|} (eq. 5.1). */
    public static double[][] overlap(float[][] w) {
        return overlap(w, true);
    }

    /** {@code P_ℓ = |ŴŴᵀ − I|} (eq. 5.1), or {@code ŴŴᵀ − I} without the absolute value. */
    public static double[][] overlap(float[][] w, boolean absolute) {
        int j = w.length;
        double[][] unit = new double[j][];
        for (int i = 0; i < j; i++) {
            double n = 0;
            for (float v : w[i]) {
                n += (double) v * v;
            }
            n = Math.sqrt(n);
            unit[i] = new double[w[i].length];
            for (int k = 0; k < w[i].length; k++) {
                unit[i][k] = n == 0 ? 0 : w[i][k] / n;
            }
        }
        double[][] p = new double[j][j];
        for (int a = 0; a < j; a++) {
            for (int b = a; b < j; b++) {
                double dot = 0;
                for (int k = 0; k < unit[a].length; k++) {
                    dot += unit[a][k] * unit[b][k];
                }
                double v = dot - (a == b ? 1 : 0);
                v = absolute ? Math.abs(v) : v;
                p[a][b] = v;
                p[b][a] = v;
            }
        }
        return p;
    }

    /**
     * {@code Σ_ℓ Σ P_ℓ} over {@code layers} (the "Ortho-sum" of thesis Figure 5.9), over the filters
     * present: all-zero (pruned) filters are left out, so a sub-network is not charged
     * {@code |0 − 1| = 1} per dropped filter.
     */
    public static double networkSum(java.util.List<ConvLayer> layers) {
        double s = 0;
        for (ConvLayer l : layers) {
            float[][] w = l.rows();
            boolean[] present = new boolean[w.length];
            for (int i = 0; i < w.length; i++) {
                for (float v : w[i]) {
                    present[i] |= v != 0;
                }
            }
            double[][] p = overlap(w);
            for (int a = 0; a < p.length; a++) {
                for (int b = 0; b < p.length; b++) {
                    if (present[a] && present[b]) {
                        s += p[a][b];
                    }
                }
            }
        }
        return s;
    }
}
