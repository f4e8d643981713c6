package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import dev.sieve.nn.model.LogitLoss;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Auto-PGD (Croce &amp; Hein 2020, Algorithm 1) in L∞ or normalized L2, with the cross-entropy
 * ({@link Loss#CE}) or the Difference of Logits Ratio ({@link Loss#DLR}, {@link DlrLoss}) loss.
 * From a random point on the ε-ball surface, {@code steps} iterations of a step with momentum,
 * {@code z = Π(x_k + η sign(∇f))} (L∞; the RMS-normalized gradient for L2) and
 * {@code x_{k+1} = Π(x_k + α(z − x_k) + (1 − α)(x_k − x_{k−1}))}, α = 0.75 (1 at the first step),
 * η starting at 2ε. At checkpoints, the first after 22 % of the steps, each interval 3 % shorter
 * down to 6 %, η is halved and the iterate restarts from the best point so far when the loss rose
 * in at most ρ = 75 % of the interval's steps, or when neither η nor the best loss changed since the
 * last checkpoint. Returns the last iterate that reached the goal, else the highest-loss point.
 * Success is judged from the logits of the loss pass (one forward and one backward per image and
 * step; DLR's weights come from the same forward). In fixed mode an image stops once its iterate
 * reaches the goal as {@link #run} submits it (rounded onto the 8-bit grid), so later steps run on
 * the images still standing and no success of the full run is lost.
 */
public final class Apgd extends BudgetedAttack {
    /** The loss APGD ascends. */
    public enum Loss {
        CE,
        DLR
    }

    static final double MOMENTUM = 0.75;
    static final double RHO = 0.75;
    private final Loss loss;
    private final int steps;

    public Apgd(Classifier model, Norm norm, Budget budget, boolean minimal, Loss loss, int steps) {
        super(model, norm, budget, minimal);
        if (steps < 1) {
            throw new IllegalArgumentException("APGD needs steps ≥ 1, got " + steps);
        }
        if (loss == Loss.DLR && model.numClasses() < 4) {
            throw new IllegalArgumentException("APGD-DLR needs at least 4 classes, got " + model.numClasses());
        }
        this.loss = loss;
        this.steps = steps;
    }

    /** Checkpoint interval lengths' rule: first ⌊0.22 N⌋, then ⌊0.03 N⌋ shorter each time, at least ⌊0.06 N⌋ (each at least 1). */
    static int firstInterval(int n) {
        return Math.max((int) (0.22 * n), 1);
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        int n = x.length;
        float[][] cur = new float[n][];
        for (int i = 0; i < n; i++) {
            cur[i] = surfacePoint(norm, x[i], eps[i], rnd);
        }
        LossPass pass = lossPass(cur, goal);
        float[][] g = pass.gradients();
        double[] f = values(pass, goal);
        float[][] prev = copy(cur), best = copy(cur), bestGrad = copy(g), success = new float[n][];
        double[] fBest = f.clone(), fBestAtCheck = f.clone(), eta = new double[n];
        boolean[] reducedAtCheck = new boolean[n], done = new boolean[n];
        int[] rises = new int[n];
        for (int i = 0; i < n; i++) {
            eta[i] = 2 * eps[i];
        }
        int[] idx = active(done);
        markSuccess(x, cur, goal, idx, pass, success, done);
        int interval = firstInterval(steps), shorter = Math.max((int) (0.03 * steps), 1), shortest = Math.max((int) (0.06 * steps), 1);
        int sinceCheck = 0;
        for (int k = 0; k < steps; k++) {
            idx = active(done);
            if (idx.length == 0) {
                break;
            }
            double a = k == 0 ? 1 : MOMENTUM;
            float[][] next = new float[idx.length][];
            for (int r = 0; r < idx.length; r++) {
                int i = idx[r];
                float[] z = inBall(x[i], step(cur[i], g[i], eta[i]), eps[i]);
                float[] m = new float[z.length];
                for (int j = 0; j < m.length; j++) {
                    m[j] = (float) (cur[i][j] + a * (z[j] - cur[i][j]) + (1 - a) * (cur[i][j] - prev[i][j]));
                }
                next[r] = inBall(x[i], m, eps[i]);
            }
            pass = lossPass(next, goal.select(idx));
            double[] fNext = values(pass, goal.select(idx));
            for (int r = 0; r < idx.length; r++) {
                int i = idx[r];
                rises[i] += fNext[r] > f[i] ? 1 : 0;
                if (fNext[r] > fBest[i]) {
                    fBest[i] = fNext[r];
                    best[i] = next[r];
                    bestGrad[i] = pass.gradients()[r];
                }
                prev[i] = cur[i];
                cur[i] = next[r];
                f[i] = fNext[r];
                g[i] = pass.gradients()[r];
            }
            markSuccess(x, next, goal, idx, pass, success, done);
            if (++sinceCheck == interval) {
                for (int i : idx) {
                    boolean oscillating = rises[i] <= RHO * interval;
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

    /** A random point at distance ε (L∞: uniform direction scaled to max |δ| = ε; L2: Gaussian), clipped. */
    static float[] surfacePoint(Norm norm, float[] x, double eps, SplittableRandom rnd) {
        float[] d = new float[x.length];
        for (int j = 0; j < d.length; j++) {
            d[j] = (float) (norm == Norm.LINF ? 2 * rnd.nextDouble() - 1 : gaussian(rnd));
        }
        double size = norm.size(d);
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = clip((float) (x[j] + d[j] * (size > 0 ? eps / size : 0)));
        }
        return out;
    }

    /** The loss to ascend at {@code x}, its gradient in [0, 1] units and the pass's logits: one forward and one backward pass. */
    private LossPass lossPass(float[][] x, Goal goal) {
        if (loss == Loss.DLR) {
            int[] labels = goal.labels(), targets = goal.targets();
            return logitLossPass(x, new LogitLoss() {
                @Override
                public double value(int i, float[] z) {
                    return DlrLoss.value(z, labels[i], targets == null ? -1 : targets[i]);
                }

                @Override
                public float[] weights(int i, float[] z) {
                    return DlrLoss.weights(z, labels[i], targets == null ? -1 : targets[i]);
                }
            });
        }
        if (!goal.isTargeted()) {
            return crossEntropyPass(x, goal.labels());
        }
        LossPass ce = crossEntropyPass(x, goal.targets());
        for (int i = 0; i < x.length; i++) {
            ce.losses()[i] = -ce.losses()[i];
            for (int j = 0; j < ce.gradients()[i].length; j++) {
                ce.gradients()[i][j] = -ce.gradients()[i][j];
            }
        }
        return ce;
    }

    /**
     * The loss values APGD compares: the pass's cross-entropy, or DLR in double precision from the
     * pass's logits (averaged over EOT draws for a {@link DefendedClassifier}), since the float loss
     * would tie values that differ and change which point is best.
     */
    private double[] values(LossPass pass, Goal goal) {
        double[] v = new double[pass.losses().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = loss == Loss.DLR ? DlrLoss.value(pass.logits()[i], goal.labels()[i], goal.isTargeted() ? goal.targets()[i] : -1) : pass.losses()[i];
        }
        return v;
    }

    /**
     * Stores in {@code success} the iterates {@code it} (of images {@code idx}) whose pass's logits reach
     * the goal; in fixed mode those that also reach it as submitted are {@code done} (leave the active set).
     */
    private void markSuccess(float[][] x, float[][] it, Goal goal, int[] idx, LossPass pass, float[][] success, boolean[] done) {
        Goal active = goal.select(idx);
        for (int r = 0; r < idx.length; r++) {
            if (pass.reached(active, r)) {
                success[idx[r]] = it[r];
            }
        }
        if (stopsFooled()) {
            boolean[] stop = reachedAsSubmitted(x, idx, it, goal, pass);
            for (int r = 0; r < idx.length; r++) {
                done[idx[r]] = stop[r];
            }
        }
    }

    @Override
    public String spec() {
        return budgetSpecOf("apgd-" + loss.name().toLowerCase(Locale.ROOT)) + ",steps=" + steps;
    }
}
