package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import java.util.SplittableRandom;

/**
 * Pipeline stage {@code tvm}: total variation minimisation of Guo, Rana, Cissé & van der Maaten
 * 2018, "Countering adversarial images using input transformations" (thesis §4.4, Table 4.6):
 * drop each pixel (all its channels) with probability {@code drop}, then reconstruct, per channel on [0, 1] samples,
 * <pre>  z* = argmin_z  ½ Σ m_i (z_i − x_i)² + λ TV(z)</pre>
 * where {@code m_i} is 1 for kept pixels and 0 for dropped ones and {@code TV} is the isotropic
 * total variation with forward differences (Neumann boundary, as scikit-image's
 * {@code denoise_tv_chambolle}). Solved by the Chambolle–Pock primal-dual algorithm with a fixed
 * number of iterations, so the result is deterministic. Guo et al. use a split-Bregman solver and
 * an unsquared norm; the squared fidelity here keeps the solver simple and, with {@code drop=0},
 * is exactly scikit-image's ROF problem ({@code weight = λ}). Parameters: {@code drop=0.5},
 * {@code weight=0.03} (Guo et al.'s pixel drop rate and TV weight), {@code iterations=100}.
 */
public final class TotalVariationMinimization implements Defense {
    private final double drop;
    private final double weight;
    private final int iterations;

    public TotalVariationMinimization(double drop, double weight, int iterations) {
        if (!(drop >= 0 && drop < 1)) {
            throw new IllegalArgumentException("TVM drop probability must be in [0, 1), got " + drop);
        }
        if (!(weight > 0 && weight < 1e3)) {
            throw new IllegalArgumentException("TVM weight must be positive, got " + weight);
        }
        if (iterations < 1 || iterations > 100_000) {
            throw new IllegalArgumentException("TVM iterations must be 1..100000, got " + iterations);
        }
        this.drop = drop;
        this.weight = weight;
        this.iterations = iterations;
    }

    static TotalVariationMinimization fromParams(DefenseParams p) {
        p.allow("drop", "weight", "iterations");
        try {
            return new TotalVariationMinimization(p.number("drop", 0.5), p.number("weight", 0.03), p.integer("iterations", 100));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stage 'tvm': " + e.getMessage());
        }
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), h = img.height(), n = w * h;
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean[] keep = new boolean[n];
        for (int i = 0; i < n; i++) {
            keep[i] = drop == 0 || rnd.nextDouble() >= drop;
        }
        float[][] planes = new float[img.channels()][];
        for (int c = 0; c < planes.length; c++) {
            float[] src = img.plane(c);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = src[i] / 255.0;
            }
            double[] z = solve(x, keep, w, h);
            float[] dst = new float[n];
            for (int i = 0; i < n; i++) {
                dst[i] = (float) (z[i] * 255.0);
            }
            planes[c] = dst;
        }
        return new Planar(w, h, planes);
    }

    /** Chambolle–Pock iterations with step sizes τ = σ = 1/√8 (‖∇‖² ≤ 8). */
    double[] solve(double[] x, boolean[] keep, int w, int h) {
        int n = w * h;
        double tau = 1 / Math.sqrt(8), sigma = tau;
        double[] z = x.clone(), zbar = x.clone(), px = new double[n], py = new double[n];
        for (int it = 0; it < iterations; it++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int i = y * w + xx;
                    double gx = xx + 1 < w ? zbar[i + 1] - zbar[i] : 0;
                    double gy = y + 1 < h ? zbar[i + w] - zbar[i] : 0;
                    double qx = px[i] + sigma * gx, qy = py[i] + sigma * gy;
                    double norm = Math.sqrt(qx * qx + qy * qy) / weight;
                    double f = norm > 1 ? 1 / norm : 1;
                    px[i] = qx * f;
                    py[i] = qy * f;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int i = y * w + xx;
                    double div = (xx + 1 < w ? px[i] : 0) - (xx > 0 ? px[i - 1] : 0)
                            + (y + 1 < h ? py[i] : 0) - (y > 0 ? py[i - w] : 0);
                    double v = z[i] + tau * div;
                    double zn = keep[i] ? (v + tau * x[i]) / (1 + tau) : v;
                    zbar[i] = 2 * zn - z[i];
                    z[i] = zn;
                }
            }
        }
        return z;
    }

    @Override
    public String spec() {
        return "tvm:drop=" + drop + ",weight=" + weight + ",iterations=" + iterations;
    }
}
