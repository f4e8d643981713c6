package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * The Square Attack (Andriushchenko et al. 2020), L∞: a gradient-free random search that needs
 * only logits, so it exposes gradient masking. It starts from vertical stripes of ±ε (one sign per
 * column and channel) and then, for {@code queries − 1} queries, redraws one random s×s window
 * (the same window for the batch, a ±ε sign per image and channel) of the current perturbation and
 * keeps the change when the margin loss {@code z_y − max_{k≠y} z_k} (targeted:
 * {@code max_{k≠t} z_k − z_t}) decreases; an image stops once the goal is reached. The window covers
 * a fraction p of the pixels, p = {@code pInit} halved at 10, 50, 200, 500, 1 000, 2 000, 4 000,
 * 6 000 and 8 000 of 10 000 queries (rescaled to {@code queries}), s = round(√(p h w)) in 1..min(h, w) − 1.
 */
public final class SquareAttack extends BudgetedAttack {
    private static final int[] HALVINGS = {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000};
    private final int queries;
    private final double pInit;

    public SquareAttack(Classifier model, Budget budget, boolean minimal, int queries, double pInit) {
        super(model, Norm.LINF, budget, minimal);
        if (queries < 1 || !(pInit > 0 && pInit <= 1)) {
            throw new IllegalArgumentException("Square needs queries ≥ 1 and 0 < p ≤ 1, got " + queries + " and " + pInit);
        }
        if (model.input().width() < 2 || model.input().height() < 2) {
            throw new IllegalArgumentException("Square needs images of at least 2×2 pixels");
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
        double[] margin = margins(best, goal);
        for (int q = 1; q < queries; q++) {
            boolean[] done = new boolean[n];
            for (int i = 0; i < n; i++) {
                done[i] = margin[i] < 0;
            }
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
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
