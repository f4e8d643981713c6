package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * The Square Attack (Andriushchenko et al. 2020), L∞ and L2: a gradient-free random search that
 * needs only logits, so it exposes gradient masking. Each query redraws one random s×s window of
 * the current perturbation (the same window for the batch) and keeps the change when the margin
 * loss {@code z_y − max_{k≠y} z_k} (targeted: {@code max_{k≠t} z_k − z_t}) decreases; an image stops
 * once the goal is reached. The window covers a fraction p of the pixels, p = {@code pInit} halved at
 * 10, 50, 200, 500, 1 000, 2 000, 4 000, 6 000 and 8 000 of 10 000 queries (rescaled to {@code queries}).
 * <ul>
 * <li>L∞ (the paper's Algorithm 2): starts from vertical stripes of ±ε (one sign per column and
 * channel); a window gets a new ±ε per image and channel; s = round(√(p h w)) in 1..min(h, w) − 1.</li>
 * <li>L2 (Algorithm 3, as the authors' code): starts from a grid of s×s "meta" patterns (two
 * opposite-signed pseudo-Gaussian halves, transposed at random, random sign per channel) scaled to
 * ε; each query moves the mass of a second random window into the first, adds a fresh
 * ±meta-pattern there and rescales the whole perturbation to ε; s = max(3, round(√(p h w))), odd.
 * ε here is the RMSE budget of {@link Norm#L2} (the paper's ‖δ‖₂ = ε·√n).</li>
 * </ul>
 */
public final class SquareAttack extends BudgetedAttack {
    private static final int[] HALVINGS = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
    private final int queries;
    private final double pInit;

    /** L∞ Square. */
    public SquareAttack(Classifier model, Budget budget, boolean minimal, int queries, double pInit) {
        this(model, Norm.LINF, budget, minimal, queries, pInit);
    }

    public SquareAttack(Classifier model, Norm norm, Budget budget, boolean minimal, int queries, double pInit) {
        super(model, norm, budget, minimal);
        if (queries < 1 || !(pInit > 0 && pInit <= 1)) {
            throw new IllegalArgumentException("Square needs queries ≥ 1 and 0 < p ≤ 1, got " + queries + " and " + pInit);
        }
        if (model.input().width() < 3 || model.input().height() < 3) {
            throw new IllegalArgumentException("Square needs images of at least 3×3 pixels");
        }
        this.queries = queries;
        this.pInit = pInit;
    }

    /** The window's share of the pixels at query {@code it} of {@code n}. */
    static double fraction(double pInit, int it, int n) {
        int scaled = (int) ((long) it * 10000 / n);
        double p = pInit;
        for (int h : HALVINGS) {
            if (scaled > h) {
                p /= 2;
            }
        }
        return p;
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        return norm == Norm.L2 ? perturbL2(x, goal, eps, rnd) : perturbLinf(x, goal, eps, rnd);
    }

    private float[][] perturbLinf(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        int n = x.length, c = model.input().channels(), h = model.input().height(), w = model.input().width();
        float[][] best = new float[n][];
        for (int i = 0; i < n; i++) {
            best[i] = new float[x[i].length];
            for (int ch = 0; ch < c; ch++) {
                for (int col = 0; col < w; col++) {
                    float d = (float) (rnd.nextBoolean() ? eps[i] : -eps[i]);
                    for (int row = 0; row < h; row++) {
                        int j = (ch * h + row) * w + col;
                        best[i][j] = clip(x[i][j] + d);
                    }
                }
            }
        }
        return search(best, goal, (q, idx) -> {
            int s = (int) Math.round(Math.sqrt(fraction(pInit, q - 1, queries) * h * w));
            s = Math.max(1, Math.min(s, Math.min(h, w) - 1));
            int top = rnd.nextInt(h - s + 1), left = rnd.nextInt(w - s + 1);
            float[][] trial = new float[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                trial[k] = best[i].clone();
                for (int attempt = 0; attempt < 16; attempt++) {
                    boolean changed = false;
                    for (int ch = 0; ch < c; ch++) {
                        float d = (float) (rnd.nextBoolean() ? eps[i] : -eps[i]);
                        for (int row = top; row < top + s; row++) {
                            for (int col = left; col < left + s; col++) {
                                int j = (ch * h + row) * w + col;
                                trial[k][j] = clip(x[i][j] + d);
                                changed |= Math.abs(trial[k][j] - best[i][j]) > 1e-7f;
                            }
                        }
                    }
                    if (changed) {
                        break;
                    }
                }
            }
            return trial;
        });
    }

    private float[][] perturbL2(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        int n = x.length, c = model.input().channels(), h = model.input().height(), w = model.input().width(), hw = h * w;
        double[][] delta = new double[n][x[0].length];
        int s0 = Math.max(1, h / 5), start = (h - s0 * 5) / 2;
        for (int i = 0; i < n; i++) {
            for (int top = start; top + s0 <= h; top += s0) {
                for (int left = start; left + s0 <= w; left += s0) {
                    double[] meta = metaPattern(s0, rnd);
                    for (int ch = 0; ch < c; ch++) {
                        double sign = rnd.nextBoolean() ? 1 : -1;
                        for (int r = 0; r < s0; r++) {
                            for (int q = 0; q < s0; q++) {
                                delta[i][ch * hw + (top + r) * w + left + q] += sign * meta[r * s0 + q];
                            }
                        }
                    }
                }
            }
        }
        float[][] best = new float[n][];
        for (int i = 0; i < n; i++) {
            best[i] = onSphere(x[i], delta[i], eps[i]);
        }
        return search(best, goal, (q, idx) -> {
            int s = (int) Math.max(3, Math.round(Math.sqrt(fraction(pInit, q - 1, queries) * hw)));
            s = Math.min(s % 2 == 0 ? s + 1 : s, Math.min(h, w));
            int top1 = rnd.nextInt(h - s + 1), left1 = rnd.nextInt(w - s + 1);
            int top2 = rnd.nextInt(h - s + 1), left2 = rnd.nextInt(w - s + 1);
            float[][] trial = new float[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                double[] d = new double[x[i].length];
                double total = 0;
                for (int j = 0; j < d.length; j++) {
                    d[j] = best[i][j] - x[i][j];
                    total += d[j] * d[j];
                }
                double budget = eps[i] * eps[i] * d.length;
                double[] meta = metaPattern(s, rnd);
                for (int ch = 0; ch < c; ch++) {
                    double in1 = 0, both = 0;
                    for (int r = 0; r < h; r++) {
                        for (int col = 0; col < w; col++) {
                            boolean w1 = r >= top1 && r < top1 + s && col >= left1 && col < left1 + s;
                            boolean w2 = r >= top2 && r < top2 + s && col >= left2 && col < left2 + s;
                            double v = d[ch * hw + r * w + col];
                            in1 += w1 ? v * v : 0;
                            both += w1 || w2 ? v * v : 0;
                        }
                    }
                    double norm1 = Math.sqrt(in1), sign = rnd.nextBoolean() ? 1 : -1;
                    double[] fresh = new double[s * s];
                    double freshNorm = 0;
                    for (int r = 0; r < s; r++) {
                        for (int col = 0; col < s; col++) {
                            double v = sign * meta[r * s + col] + d[ch * hw + (top1 + r) * w + left1 + col] / (1e-10 + norm1);
                            fresh[r * s + col] = v;
                            freshNorm += v * v;
                        }
                    }
                    double target = Math.sqrt(Math.max(budget - total, 0) / c + both);
                    double scale = freshNorm > 0 ? target / Math.sqrt(freshNorm) : 0;
                    for (int r = top2; r < top2 + s; r++) {
                        for (int col = left2; col < left2 + s; col++) {
                            d[ch * hw + r * w + col] = 0;
                        }
                    }
                    for (int r = 0; r < s; r++) {
                        for (int col = 0; col < s; col++) {
                            d[ch * hw + (top1 + r) * w + left1 + col] = fresh[r * s + col] * scale;
                        }
                    }
                }
                trial[k] = onSphere(x[i], d, eps[i]);
            }
            return trial;
        });
    }

    /** One query's candidates for the images {@code idx} that have not reached the goal yet. */
    private interface Proposal {
        float[][] propose(int query, int[] idx);
    }

    /** The random search: from {@code best}, queries 1..{@code queries}−1 keep every candidate that lowers an image's margin loss. */
    private float[][] search(float[][] best, Goal goal, Proposal proposal) {
        double[] margin = margins(best, goal);
        for (int q = 1; q < queries; q++) {
            boolean[] done = new boolean[best.length];
            for (int i = 0; i < best.length; i++) {
                done[i] = margin[i] < 0;
            }
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
            float[][] trial = proposal.propose(q, idx);
            double[] m = margins(trial, goal.select(idx));
            for (int k = 0; k < idx.length; k++) {
                if (m[k] < margin[idx[k]]) {
                    margin[idx[k]] = m[k];
                    best[idx[k]] = trial[k];
                }
            }
        }
        return best;
    }

    /** {@code x + δ} with δ rescaled to RMSE {@code eps}, clipped to [0, 1]. */
    private static float[] onSphere(float[] x, double[] delta, double eps) {
        double sum = 0;
        for (double v : delta) {
            sum += v * v;
        }
        double scale = sum > 0 ? eps * Math.sqrt(delta.length / sum) : 0;
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = clip((float) (x[j] + delta[j] * scale));
        }
        return out;
    }

    /**
     * The authors' {@code meta_pseudo_gaussian_pert}: an s×s pattern whose top ⌊s/2⌋ rows are a
     * pseudo-Gaussian bump and whose other rows are a negative one, unit L2 norm, transposed with
     * probability ½.
     */
    static double[] metaPattern(int s, SplittableRandom rnd) {
        double[] m = new double[s * s];
        int half = s / 2;
        double[] a = bump(half, s), b = bump(s - half, s);
        for (int r = 0; r < s; r++) {
            for (int col = 0; col < s; col++) {
                m[r * s + col] = r < half ? a[r * s + col] : -b[(r - half) * s + col];
            }
        }
        double norm = 0;
        for (double v : m) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        boolean transpose = rnd.nextBoolean();
        double[] out = new double[s * s];
        for (int r = 0; r < s; r++) {
            for (int col = 0; col < s; col++) {
                out[transpose ? col * s + r : r * s + col] = norm > 0 ? m[r * s + col] / norm : 0;
            }
        }
        return out;
    }

    /** The authors' {@code pseudo_gaussian_pert_rectangles(rows, cols)}: nested rectangles weighted 1/(k+1)², unit L2 norm. */
    private static double[] bump(int rows, int cols) {
        double[] d = new double[rows * cols];
        if (rows == 0) {
            return d;
        }
        int rc = rows / 2 + 1, cc = cols / 2 + 1, r0 = rc - 1, c0 = cc - 1;
        for (int k = 0; k < Math.max(rc, cc); k++) {
            for (int r = Math.max(r0, 0); r < Math.min(r0 + 2 * k + 1, rows); r++) {
                for (int col = Math.max(c0, 0); col < Math.min(c0 + 2 * k + 1, cols); col++) {
                    d[r * cols + col] += 1.0 / ((k + 1) * (k + 1));
                }
            }
            r0--;
            c0--;
        }
        double norm = 0;
        for (double v : d) {
            norm += v * v;
        }
        for (int j = 0; j < d.length; j++) {
            d[j] /= Math.sqrt(norm);
        }
        return d;
    }

    /** Margin loss per image: negative once the goal is reached. */
    private double[] margins(float[][] x, Goal goal) {
        float[][] z = logits(x);
        double[] m = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            m[i] = goal.isTargeted()
                    ? z[i][argmax(z[i], goal.targets()[i])] - z[i][goal.targets()[i]]
                    : z[i][goal.labels()[i]] - z[i][argmax(z[i], goal.labels()[i])];
        }
        return m;
    }

    @Override
    public String spec() {
        return budgetSpecOf("square") + ",queries=" + queries + ",p=" + (float) pInit;
    }
}
