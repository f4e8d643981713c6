package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * Projected Gradient Descent (Madry et al. 2018) in L∞ or normalized L2: from a random point of
 * the ε-ball (seeded; uniform per sample for L∞, a Gaussian direction at a uniform radius for
 * L2, as torchattacks), {@code steps} times {@code x ← Π_ε(x + α · dir(∇ℓ))} with dir = sign (L∞)
 * or the RMS-normalized gradient (L2), then clip to [0, 1]. {@code alpha} is relative to ε
 * (default 2.5 / steps, Madry et al.'s choice). With {@code earlyStop} an image stops at its first
 * success (Kurakin et al.'s IGSM, see {@link Bim}); without it, in fixed mode, an image stops once its
 * iterate reaches the goal as {@link #run} submits it (on the 8-bit grid), so later steps run on the
 * images still standing. Success is judged from the logits of the loss pass.
 */
public class Pgd extends BudgetedAttack {
    private final int steps;
    private final double alpha;
    private final boolean randomStart;
    private final boolean earlyStop;

    public Pgd(Classifier model, Norm norm, Budget budget, boolean minimal, int steps, double alpha, boolean randomStart, boolean earlyStop) {
        super(model, norm, budget, minimal);
        if (steps < 1 || !(alpha > 0)) {
            throw new IllegalArgumentException("PGD needs steps ≥ 1 and alpha > 0, got " + steps + " and " + alpha);
        }
        this.steps = steps;
        this.alpha = alpha;
        this.randomStart = randomStart;
        this.earlyStop = earlyStop;
    }

    /** Madry et al.'s PGD: random start, α = 2.5 ε / steps, no early stop at a float success. */
    public Pgd(Classifier model, Budget budget, int steps) {
        this(model, budget.norm(), budget, false, steps, 2.5 / steps, true, false);
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        float[][] adv = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            adv[i] = randomStart ? randomPoint(norm, x[i], eps[i], rnd) : x[i].clone();
        }
        boolean[] done = new boolean[x.length];
        for (int s = 0; s < steps; s++) {
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
            float[][] it = rows(adv, idx);
            Goal active = goal.select(idx);
            LossPass pass = objectivePass(it, active);
            boolean[] stop = earlyStop || !stopsFooled() ? new boolean[idx.length] : reachedAsSubmitted(x, idx, it, goal, pass);
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                if (stop[k] || earlyStop && pass.reached(active, k)) {
                    done[i] = true;
                    continue;
                }
                float[] moved = step(adv[i], pass.gradients()[k], alpha * eps[i]);
                float[] d = delta(x[i], moved);
                norm.project(d, eps[i]);
                for (int j = 0; j < d.length; j++) {
                    moved[j] = clip(x[i][j] + d[j]);
                }
                adv[i] = moved;
            }
        }
        return adv;
    }

    /** A uniform point of the L∞ ε-ball, or a Gaussian direction at a uniform L2 radius, clipped. */
    static float[] randomPoint(Norm norm, float[] x, double eps, SplittableRandom rnd) {
        float[] d = new float[x.length];
        if (norm == Norm.LINF) {
            for (int j = 0; j < d.length; j++) {
                d[j] = (float) ((2 * rnd.nextDouble() - 1) * eps);
            }
        } else {
            for (int j = 0; j < d.length; j++) {
                d[j] = (float) gaussian(rnd);
            }
            double size = Norm.L2.size(d), r = rnd.nextDouble() * eps;
            for (int j = 0; j < d.length; j++) {
                d[j] *= (float) (r / size);
            }
        }
        float[] out = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = clip(x[j] + d[j]);
        }
        return out;
    }

    protected String name() {
        return "pgd";
    }

    @Override
    public String spec() {
        return budgetSpecOf(name()) + ",steps=" + steps + ",alpha=" + (float) alpha + ",random=" + randomStart + ",earlystop=" + earlyStop;
    }
}
