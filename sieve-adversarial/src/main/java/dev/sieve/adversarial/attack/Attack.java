package dev.sieve.adversarial.attack;

import dev.sieve.image.Planar;
import java.util.List;

/**
 * An adversarial attack, one object per method and one call per batch (as torchattacks): images
 * with samples in [0, 255] at the classifier's input size go in, adversarial images come out.
 * Every random choice comes from {@code seed}: the same inputs and seed give the same bytes.
 *
 * <p>Two budget modes. <em>Fixed</em>: the result lies within the budget ball (and the [0, 1]
 * box) whether or not it fools the model. <em>Minimal</em> (Foolbox 1.x, the attacks of thesis
 * §4.9): the smallest perturbation that reaches the goal; where none is found (within the budget,
 * if one is set) the original image comes back and counts as a failure. Results are images an
 * attacker can store: samples on the 8-bit grid, success decided after rounding.
 */
public interface Attack {
    /** The attack with every parameter, in the harness' spec syntax, e.g. {@code pgd:linf=0.03,steps=10,…}. */
    String spec();

    /** Whether {@link Goal#targeted} goals are supported (DeepFool is untargeted only). */
    boolean supportsTargeted();

    /**
     * Judge and return float samples instead of 8-bit ones (the thesis' protocol, for comparison);
     * by default results are rounded onto the 8-bit grid, within the budget, before success is decided.
     * Returns this attack.
     */
    Attack useFloatSamples();

    /** Adversarial versions of {@code images} toward {@code goal}. */
    AttackResult run(List<Planar> images, Goal goal, long seed);

    /** Untargeted: any class but {@code labels}. */
    default AttackResult run(List<Planar> images, int[] labels, long seed) {
        return run(images, Goal.untargeted(labels), seed);
    }
}
