package dev.sieve.adversarial.attack;

import dev.sieve.nn.model.Classifier;

/**
 * Basic Iterative Method / Iterative Gradient Sign Method (Kurakin, Goodfellow &amp; Bengio 2017;
 * thesis §3.3.2, eq. 4.2): FGSM steps of α from the clean image, clipped to the L∞ ε-ball after
 * each, stopping at the first success. {@link Pgd} without random start, with early stopping.
 */
public final class Bim extends Pgd {
    public Bim(Classifier model, Budget budget, boolean minimal, int steps, double alpha) {
        super(model, Norm.LINF, budget, minimal, steps, alpha, false, true);
    }

    @Override
    protected String name() {
        return "igsm";
    }
}
