package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * The reference for {@link Pgd}: PGD / IGSM as it ran before success was judged from the loss pass:
 * every image runs all {@code steps} (IGSM: until a separate forward pass finds it fooled).
 */
final class FullRunPgd extends BudgetedAttack {
    private final int steps;
    private final double alpha;
    private final boolean randomStart;
    private final boolean earlyStop;

    FullRunPgd(Classifier model, Norm norm, Budget budget, boolean minimal, int steps, double alpha, boolean randomStart, boolean earlyStop) {
        super(model, norm, budget, minimal);
        if (steps < 1 || !(alpha > 0)) {
            throw new IllegalArgumentException("PGD needs steps ≥ 1 and alpha > 0, got " + steps + " and " + alpha);
        }
        this.steps = steps;
        this.alpha = alpha;
        this.randomStart = randomStart;
        this.earlyStop = earlyStop;
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        float[][] adv = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            adv[i] = randomStart ? Pgd.randomPoint(norm, x[i], eps[i], rnd) : x[i].clone();
        }
        boolean[] done = new boolean[x.length];
        for (int s = 0; s < steps; s++) {
            if (earlyStop) {
                int[] p = predict(adv);
                for (int i = 0; i < x.length; i++) {
                    done[i] = goal.reached(i, p[i]);
                }
            }
            int[] idx = active(done);
            if (idx.length == 0) {
                break;
            }
            float[][] g = objectiveGradient(rows(adv, idx), goal.select(idx));
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                float[] moved = step(adv[i], g[k], alpha * eps[i]);
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

    @Override
    public String spec() {
        return budgetSpecOf("full-run-pgd") + ",steps=" + steps + ",earlystop=" + earlyStop;
    }
}
