package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The reference for {@link Apgd}: Auto-PGD as it ran before success was judged from the loss pass and
 * images stopped early: every image runs all {@code steps}, DLR's weights come from a separate
 * forward pass, and success from another forward pass per step.
 */
final class FullRunApgd extends BudgetedAttack {
    private final Apgd.Loss loss;
    private final int steps;

    FullRunApgd(Classifier model, Norm norm, Budget budget, boolean minimal, Apgd.Loss loss, int steps) {
        super(model, norm, budget, minimal);
        if (steps < 1) {
            throw new IllegalArgumentException("APGD needs steps ≥ 1, got " + steps);
        }
        if (loss == Apgd.Loss.DLR && model.numClasses() < 4) {
            throw new IllegalArgumentException("APGD-DLR needs at least 4 classes, got " + model.numClasses());
        }
        this.loss = loss;
        this.steps = steps;
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        int n = x.length;
        float[][] cur = new float[n][];
        for (int i = 0; i < n; i++) {
            cur[i] = Apgd.surfacePoint(norm, x[i], eps[i], rnd);
        }
        double[] f = new double[n];
        float[][] g = lossGradient(cur, goal, f);
        float[][] prev = copy(cur), best = copy(cur), bestGrad = copy(g), success = new float[n][];
        double[] fBest = f.clone(), fBestAtCheck = f.clone(), eta = new double[n];
        boolean[] reducedAtCheck = new boolean[n];
        int[] rises = new int[n];
        for (int i = 0; i < n; i++) {
            eta[i] = 2 * eps[i];
        }
        markSuccess(cur, goal, success);
        int interval = Apgd.firstInterval(steps), shorter = Math.max((int) (0.03 * steps), 1), shortest = Math.max((int) (0.06 * steps), 1);
        int sinceCheck = 0;
        for (int k = 0; k < steps; k++) {
            double a = k == 0 ? 1 : Apgd.MOMENTUM;
            float[][] next = new float[n][];
            for (int i = 0; i < n; i++) {
                float[] z = inBall(x[i], step(cur[i], g[i], eta[i]), eps[i]);
                float[] m = new float[z.length];
                for (int j = 0; j < m.length; j++) {
                    m[j] = (float) (cur[i][j] + a * (z[j] - cur[i][j]) + (1 - a) * (cur[i][j] - prev[i][j]));
                }
                next[i] = inBall(x[i], m, eps[i]);
            }
            double[] fNext = new double[n];
            float[][] gNext = lossGradient(next, goal, fNext);
            markSuccess(next, goal, success);
            for (int i = 0; i < n; i++) {
                rises[i] += fNext[i] > f[i] ? 1 : 0;
                if (fNext[i] > fBest[i]) {
                    fBest[i] = fNext[i];
                    best[i] = next[i];
                    bestGrad[i] = gNext[i];
                }
            }
            prev = cur;
            cur = next;
            f = fNext;
            g = gNext;
            if (++sinceCheck == interval) {
                for (int i = 0; i < n; i++) {
                    boolean oscillating = rises[i] <= Apgd.RHO * interval;
                    boolean stalled = !reducedAtCheck[i] && fBestAtCheck[i] >= fBest[i];
                    reducedAtCheck[i] = oscillating || stalled;
                    fBestAtCheck[i] = fBest[i];
                    if (reducedAtCheck[i]) {
                        eta[i] /= 2;
                        cur[i] = best[i].clone();
                        g[i] = bestGrad[i];
                    }
                    rises[i] = 0;
                }
                interval = Math.max(interval - shorter, shortest);
                sinceCheck = 0;
            }
        }
        for (int i = 0; i < n; i++) {
            if (success[i] != null) {
                best[i] = success[i];
            }
        }
        return best;
    }

    /** The loss to ascend at {@code x} (stored in {@code values}) and its gradient in [0, 1] units. */
    private float[][] lossGradient(float[][] x, Goal goal, double[] values) {
        int n = x.length;
        if (loss == Apgd.Loss.CE) {
            int[] toward = goal.isTargeted() ? goal.targets() : goal.labels();
            float[] ce = new float[n];
            float[][] g = crossEntropyGradient(x, toward, ce);
            float sign = goal.isTargeted() ? -1f : 1f;
            for (int i = 0; i < n; i++) {
                values[i] = sign * ce[i];
                if (sign < 0) {
                    for (int j = 0; j < g[i].length; j++) {
                        g[i][j] = -g[i][j];
                    }
                }
            }
            return g;
        }
        float[][] z = logits(x);
        float[][] w = new float[n][];
        for (int i = 0; i < n; i++) {
            int t = goal.isTargeted() ? goal.targets()[i] : -1;
            values[i] = DlrLoss.value(z[i], goal.labels()[i], t);
            w[i] = DlrLoss.weights(z[i], goal.labels()[i], t);
        }
        return logitGradient(x, w, null);
    }

    /** Stores in {@code success} the iterates that reach the goal. */
    private void markSuccess(float[][] x, Goal goal, float[][] success) {
        int[] p = predict(x);
        for (int i = 0; i < x.length; i++) {
            if (goal.reached(i, p[i])) {
                success[i] = x[i];
            }
        }
    }

    @Override
    public String spec() {
        return budgetSpecOf("full-run-apgd-" + loss.name().toLowerCase(Locale.ROOT)) + ",steps=" + steps;
    }
}
