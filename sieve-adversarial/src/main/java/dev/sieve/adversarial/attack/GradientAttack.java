package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * Gradient Attack (Foolbox's {@code GradientAttack}; thesis §3.3.3): one step along the loss
 * gradient normalized to unit length, {@code x' = clip(x + ε · G / ‖G‖)}. ε is a normalized L2
 * (RMSE) so the step is {@code ε · sqrt(n) · G / ‖G‖₂}, whose RMSE is ε before clipping.
 */
public final class GradientAttack extends BudgetedAttack {
    public GradientAttack(Classifier model, Budget budget, boolean minimal) {
        super(model, Norm.L2, budget, minimal);
    }

    @Override
    protected float[][] perturb(float[][] x, Goal goal, double[] eps, SplittableRandom rnd) {
        float[][] g = objectiveGradient(x, goal);
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = step(x[i], g[i], eps[i]);
        }
        return out;
    }

    @Override
    public String spec() {
        return budgetSpecOf("ga");
    }
}
