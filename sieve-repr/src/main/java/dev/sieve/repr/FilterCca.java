package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.SieveModel;
import java.util.List;

/**
 * Canonical Correlation Analysis of the filters of one layer (thesis §5.3, Figures 5.2 and 5.11):
 * how much two filters' activations overlap once linear combinations are allowed. Each filter's
 * activation map is average-pooled to a {@code g×g} grid, so over the images it is a
 * {@code g²}-dimensional random variable; for every pair of filters the first canonical
 * correlation {@code ρ = σ_max(Σ_aa^{-1/2} Σ_ab Σ_bb^{-1/2})} of their variables is reported (1 on
 * the diagonal). Covariances get a ridge of {@code 10⁻³·tr(Σ)/g²} so silent filters stay defined.
 * {@code g = 1} reduces to the absolute Pearson correlation of mean activations.
 */
public final class FilterCca {
    private static final double RIDGE = 1e-3;

    private FilterCca() {
    }

    /** The {@code J×J} matrix of first canonical correlations of layer {@code layer}'s filters over {@code data}. */
    public static double[][] of(SieveModel model, int layer, ImageDataset data, int grid) {
        List<ConvLayer> layers = ConvLayer.of(model.network());
        if (layer < 0 || layer >= layers.size()) {
            throw new IllegalArgumentException("layer " + (layer + 1) + " does not exist; " + model.info().architecture() + " has "
                    + layers.size() + " convolutions");
        }
        if (grid < 1) {
            throw new IllegalArgumentException("CCA grid must be ≥ 1, got " + grid);
        }
        int j = layers.get(layer).filters(), d = grid * grid;
        double[][] samples = new double[data.size()][];
        int[] next = {0};
        RankingContext ctx = new RankingContext(model, layers, data, 128, 0, false);
        LayerActivations.visit(ctx, "cca", false, (maps, grads, n) -> {
            NDArray a = maps[layer];
            int h = (int) a.getShape().get(2), w = (int) a.getShape().get(3);
            if (h < grid || w < grid) {
                throw new IllegalArgumentException("layer maps of " + w + "x" + h + " are smaller than the CCA grid " + grid);
            }
            float[] v = a.toFloatArray();
            for (int i = 0; i < n; i++) {
                double[] s = new double[j * d];
                for (int f = 0; f < j; f++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            s[f * d + (y * grid / h) * grid + x * grid / w] += v[((i * j + f) * h + y) * w + x];
                        }
                    }
                }
                samples[next[0]++] = s;
            }
        });
        return correlations(samples, j, d);
    }

    /** First canonical correlations between every pair of the {@code j} blocks of {@code d} variables in {@code samples}. */
    static double[][] correlations(double[][] samples, int j, int d) {
        int n = samples.length, p = j * d;
        double[] mean = new double[p];
        for (double[] s : samples) {
            for (int k = 0; k < p; k++) {
                mean[k] += s[k] / n;
            }
        }
        double[][] cov = new double[p][p];
        for (double[] s : samples) {
            for (int a = 0; a < p; a++) {
                double da = s[a] - mean[a];
                if (da == 0) {
                    continue;
                }
                for (int b = a; b < p; b++) {
                    cov[a][b] += da * (s[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                cov[a][b] /= Math.max(1, n - 1);
                cov[b][a] = cov[a][b];
            }
        }
        double[][][] inverseRoot = new double[j][][];
        for (int f = 0; f < j; f++) {
            inverseRoot[f] = inverseCholesky(block(cov, f * d, f * d, d));
        }
        double[][] rho = new double[j][j];
        for (int a = 0; a < j; a++) {
            rho[a][a] = 1;
            for (int b = a + 1; b < j; b++) {
                double[][] m = multiply(multiply(inverseRoot[a], block(cov, a * d, b * d, d)), transpose(inverseRoot[b]));
                double s = Math.min(1, largestSingularValue(m));
                rho[a][b] = s;
                rho[b][a] = s;
            }
        }
        return rho;
    }

    private static double[][] block(double[][] c, int r0, int c0, int d) {
        double[][] b = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(c[r0 + i], c0, b[i], 0, d);
        }
        return b;
    }

    /** {@code L⁻¹} of the Cholesky factor of {@code c} + ridge, so {@code L⁻¹ c L⁻ᵀ = I}. */
    private static double[][] inverseCholesky(double[][] c) {
        int d = c.length;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += c[i][i];
        }
        double ridge = RIDGE * trace / d + 1e-12;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                double s = c[i][k] + (i == k ? ridge : 0);
                for (int m = 0; m < k; m++) {
                    s -= l[i][m] * l[k][m];
                }
                l[i][k] = i == k ? Math.sqrt(Math.max(s, 1e-300)) : s / l[k][k];
            }
        }
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            for (int i = 0; i < d; i++) {
                double s = i == col ? 1 : 0;
                for (int m = 0; m < i; m++) {
                    s -= l[i][m] * inv[m][col];
                }
                inv[i][col] = s / l[i][i];
            }
        }
        return inv;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length, m = b[0].length, k = b.length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                double v = a[i][t];
                for (int j = 0; j < m; j++) {
                    c[i][j] += v * b[t][j];
                }
            }
        }
        return c;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** Largest singular value by power iteration on {@code mᵀm}. */
    private static double largestSingularValue(double[][] m) {
        double[][] g = multiply(transpose(m), m);
        int d = g.length;
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1 / Math.sqrt(d));
        double lambda = 0;
        for (int it = 0; it < 200; it++) {
            double[] w = new double[d];
            for (int i = 0; i < d; i++) {
                for (int k = 0; k < d; k++) {
                    w[i] += g[i][k] * v[k];
                }
            }
            double n = 0;
            for (double x : w) {
                n += x * x;
            }
            n = Math.sqrt(n);
            if (n == 0) {
                return 0;
            }
            for (int i = 0; i < d; i++) {
                v[i] = w[i] / n;
            }
            if (Math.abs(n - lambda) <= 1e-12 * n) {
                lambda = n;
                break;
            }
            lambda = n;
        }
        return Math.sqrt(lambda);
    }
}
