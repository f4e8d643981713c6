package dev.sieve.image.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Weighted local statistics of two planes under a separable window, at every position where the
 * window lies wholly inside the image (MATLAB's {@code filter2(..., 'valid')}; scikit-image gets
 * the same values by filtering and cropping the border). For each position it yields the means
 * {@code μx, μy}, the variances {@code σx², σy²} and the covariance {@code σxy}, computed as
 * {@code E[xy] − μx μy} with population normalisation, the convention of Wang et al. (2004). Planes
 * are read as floats; every sum is accumulated in double.
 *
 * <p>Rows are processed in fixed strips of {@value #STRIP} output rows, in parallel; each strip's
 * partial sums are added in strip order, so results do not depend on the number of cores.
 */
final class LocalStatistics {
    static final int STRIP = 64;

    /** Accumulates a function of one output row's statistics into {@code acc}. */
    @FunctionalInterface
    interface RowFunction {
        void accept(double[] mx, double[] my, double[] vx, double[] vy, double[] vxy, int n, double[] acc);
    }

    private LocalStatistics() {
    }

    /** A normalised 1-D Gaussian of {@code 2 radius + 1} taps, {@code exp(−x² / 2σ²)}. */
    static double[] gaussian(int radius, double sigma) {
        double[] k = new double[2 * radius + 1];
        double s = 0;
        for (int i = -radius; i <= radius; i++) {
            k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
            s += k[i + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= s;
        }
        return k;
    }

    /**
     * Runs {@code f} over every valid window position of {@code x} and {@code y} ({@code w × h},
     * row-major) under the separable window {@code kernel} and returns the {@code sums} totals.
     */
    static double[] sum(float[] x, float[] y, int w, int h, double[] kernel, int sums, RowFunction f) {
        int k = kernel.length, ow = w - k + 1, oh = h - k + 1;
        if (ow <= 0 || oh <= 0) {
            throw new IllegalArgumentException("image of " + w + "x" + h + " is smaller than the " + k + "x" + k + " window");
        }
        int strips = (oh + STRIP - 1) / STRIP;
        List<double[]> partial = IntStream.range(0, strips).parallel()
                .mapToObj(s -> strip(x, y, w, kernel, ow, s * STRIP, Math.min(oh, (s + 1) * STRIP), sums, f))
                .toList();
        double[] total = new double[sums];
        for (double[] p : partial) {
            for (int i = 0; i < sums; i++) {
                total[i] += p[i];
            }
        }
        return total;
    }

    private static double[] strip(float[] x, float[] y, int w, double[] kernel, int ow, int r0, int r1,
            int sums, RowFunction f) {
        int k = kernel.length, rows = r1 - r0 + k - 1;
        double[] hx = new double[rows * ow], hy = new double[rows * ow];
        double[] hxx = new double[rows * ow], hyy = new double[rows * ow], hxy = new double[rows * ow];
        for (int r = 0; r < rows; r++) {
            int in = (r0 + r) * w, out = r * ow;
            for (int c = 0; c < ow; c++) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int t = 0; t < k; t++) {
                    double wt = kernel[t], a = x[in + c + t], b = y[in + c + t];
                    double wa = wt * a, wb = wt * b;
                    sx += wa;
                    sy += wb;
                    sxx += wa * a;
                    syy += wb * b;
                    sxy += wa * b;
                }
                hx[out + c] = sx;
                hy[out + c] = sy;
                hxx[out + c] = sxx;
                hyy[out + c] = syy;
                hxy[out + c] = sxy;
            }
        }
        double[] mx = new double[ow], my = new double[ow], vx = new double[ow], vy = new double[ow], vxy = new double[ow];
        double[] acc = new double[sums];
        for (int r = 0; r < r1 - r0; r++) {
            Arrays.fill(mx, 0);
            Arrays.fill(my, 0);
            Arrays.fill(vx, 0);
            Arrays.fill(vy, 0);
            Arrays.fill(vxy, 0);
            for (int t = 0; t < k; t++) {
                double wt = kernel[t];
                int base = (r + t) * ow;
                for (int c = 0; c < ow; c++) {
                    mx[c] += wt * hx[base + c];
                    my[c] += wt * hy[base + c];
                    vx[c] += wt * hxx[base + c];
                    vy[c] += wt * hyy[base + c];
                    vxy[c] += wt * hxy[base + c];
                }
            }
            for (int c = 0; c < ow; c++) {
                vx[c] -= mx[c] * mx[c];
                vy[c] -= my[c] * my[c];
                vxy[c] -= mx[c] * my[c];
            }
            f.accept(mx, my, vx, vy, vxy, ow, acc);
        }
        return acc;
    }

    /** {@code plane} ({@code w × h}) filtered by the separable {@code kernel}, valid positions only. */
    static float[] filterValid(float[] plane, int w, int h, double[] kernel) {
        int k = kernel.length, ow = w - k + 1, oh = h - k + 1;
        double[] tmp = new double[h * ow];
        IntStream.range(0, h).parallel().forEach(r -> {
            for (int c = 0; c < ow; c++) {
                double s = 0;
                for (int t = 0; t < k; t++) {
                    s += kernel[t] * plane[r * w + c + t];
                }
                tmp[r * ow + c] = s;
            }
        });
        float[] out = new float[oh * ow];
        IntStream.range(0, oh).parallel().forEach(r -> {
            double[] row = new double[ow];
            for (int t = 0; t < k; t++) {
                double wt = kernel[t];
                int base = (r + t) * ow;
                for (int c = 0; c < ow; c++) {
                    row[c] += wt * tmp[base + c];
                }
            }
            for (int c = 0; c < ow; c++) {
                out[r * ow + c] = (float) row[c];
            }
        });
        return out;
    }
}
