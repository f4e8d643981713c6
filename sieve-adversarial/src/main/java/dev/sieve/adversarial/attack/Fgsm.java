package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;
import java.util.SplittableRandom;

/**
 * Fast Gradient Sign Method (Goodfellow, Shlens &amp; Szegedy 2015; thesis §3.3.1, eq. 4.1): one step
 * {@code x' = clip(x + ε · sign(∇ℓ))} up the cross-entropy of the true label (untargeted) or down
 * that of the target (targeted). L∞ attack; its normalized L2 is at most ε.
 */
public final class Fgsm extends BudgetedAttack {
    public Fgsm(Classifier model, Budget budget, boolean minimal) {
        super(model, Norm.LINF, budget, minimal);
    }

    /** Fixed budget L∞ ε. */
    public Fgsm(Classifier model, double eps) {
        this(model, Budget.linf(eps), false);
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
        return budgetSpecOf("fgsm");
    }
}
