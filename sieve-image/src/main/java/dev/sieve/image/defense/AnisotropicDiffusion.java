package dev.sieve.image.defense;

import dev.sieve.image.Planar;

/**
 * Pipeline stage {@code anisotropic}: Perona–Malik anisotropic diffusion (Perona &amp; Malik 1990,
 * "Scale-space and edge detection using anisotropic diffusion", eq. 8; thesis Table 4.11's
 * "Anisotropic"), per channel on samples in [0, 255]: {@code iterations} explicit steps
 * <pre>  I ← I + γ Σ_{d ∈ N,S,E,W} g(∇_d I) ∇_d I</pre>
 * with the conductance {@code g(s) = exp(−(s/κ)²)} ({@code function=exp}, Perona–Malik's first) or
 * {@code 1 / (1 + (s/κ)²)} ({@code function=quadratic}), zero flux across the border, so every step
 * conserves each channel's sum. Parameters: {@code iterations=10}, {@code kappa=30} (in sample units),
 * {@code gamma=0.2} (stable for ≤ 0.25), {@code function=exp}.
 */
public final class AnisotropicDiffusion implements Defense {
    private final int iterations;
    private final double kappa;
    private final double gamma;
    private final boolean exponential;

    public AnisotropicDiffusion(int iterations, double kappa, double gamma, boolean exponential) {
        if (iterations < 1 || iterations > 10_000) {
            throw new IllegalArgumentException("anisotropic iterations must be 1..10000, got " + iterations);
        }
        if (!(kappa > 0 && kappa <= 1e4)) {
            throw new IllegalArgumentException("anisotropic kappa must be positive, got " + kappa);
        }
        if (!(gamma > 0 && gamma <= 0.25)) {
            throw new IllegalArgumentException("anisotropic gamma must be in (0, 0.25] (stability of the 4-neighbour scheme), got " + gamma);
        }
        this.iterations = iterations;
        this.kappa = kappa;
        this.gamma = gamma;
        this.exponential = exponential;
    }

    static AnisotropicDiffusion fromParams(DefenseParams p) {
        p.allow("iterations", "kappa", "gamma", "function");
        String f = p.string("function", "exp");
        if (!f.equals("exp") && !f.equals("quadratic")) {
            throw p.bad("function", f, "exp or quadratic");
        }
        try {
            return new AnisotropicDiffusion(p.integer("iterations", 10), p.number("kappa", 30), p.number("gamma", 0.2), f.equals("exp"));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    private double conductance(double s) {
        double r = s / kappa;
        return exponential ? Math.exp(-r * r) : 1 / (1 + r * r);
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), h = img.height();
        float[][] out = new float[img.channels()][];
        for (int c = 0; c < out.length; c++) {
            double[] u = new double[w * h];
            float[] s = img.plane(c);
            for (int i = 0; i < u.length; i++) {
                u[i] = s[i];
            }
            double[] next = new double[u.length];
            double[] east = new double[u.length];  // conductance-weighted difference to the right neighbour
            double[] south = new double[u.length]; // and to the one below; each edge computed once
            for (int it = 0; it < iterations; it++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        if (x + 1 < w) {
                            double d = u[i + 1] - u[i];
                            east[i] = conductance(Math.abs(d)) * d;
                        }
                        if (y + 1 < h) {
                            double d = u[i + w] - u[i];
                            south[i] = conductance(Math.abs(d)) * d;
                        }
                    }
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int i = y * w + x;
                        double flux = 0;
                        if (y > 0) {
                            flux += -south[i - w];
                        }
                        if (y + 1 < h) {
                            flux += south[i];
                        }
                        if (x > 0) {
                            flux += -east[i - 1];
                        }
                        if (x + 1 < w) {
                            flux += east[i];
                        }
                        next[i] = u[i] + gamma * flux;
                    }
                }
                double[] t = u;
                u = next;
                next = t;
            }
            out[c] = new float[u.length];
            for (int i = 0; i < u.length; i++) {
                out[c][i] = (float) u[i];
            }
        }
        return new Planar(w, h, out);
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        return "anisotropic:iterations=" + iterations + ",kappa=" + kappa + ",gamma=" + gamma + ",function=" + (exponential ? "exp" : "quadratic");
    }
}
