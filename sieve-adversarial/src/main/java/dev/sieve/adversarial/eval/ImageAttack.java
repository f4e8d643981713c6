package dev.sieve.adversarial.eval;

import dev.sieve.adversarial.attack.Attack;
import dev.sieve.adversarial.attack.AttackResult;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.attack.DefendedClassifier;
import dev.sieve.adversarial.attack.Goal;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.nn.model.Classifier;
import java.util.List;

/**
 * One image attacked ({@code sieve attack}): the image brought to the model's input size and 8-bit samples, the
 * attack of {@link AttackSpec} untargeted away from the true class or toward a target, adaptive (BPDA through the
 * defense, EOT over its draws) when a defense is given; the model without the defense judges the result.
 */
public final class ImageAttack {
    /**
     * @param adversarial the adversarial image (at the model's input size)
     * @param before      the model's class of the clean image
     * @param after       its class of the adversarial image
     * @param success     whether the attack reached its goal (on the samples it judged)
     * @param l2          perturbation RMSE on [0,1] samples
     * @param linf        perturbation L∞ on [0,1] samples
     * @param spec        the attack's full spec
     */
    public record Outcome(Planar adversarial, int before, int after, boolean success, double l2, double linf, String spec) {
    }

    /**
     * @param defense      the defense attacked through (BPDA), or null
     * @param eot          EOT draws of the defense per gradient
     * @param floatSamples judge on float samples (the thesis) instead of 8-bit
     */
    public record Settings(AttackSpec attack, Budget budget, DefensePipeline defense, int eot, boolean floatSamples, long seed) {
    }

    private ImageAttack() {
    }

    /** Attacks {@code image} on {@code model}; {@code label} null = the model's prediction, {@code target} null = untargeted. */
    public static Outcome run(Classifier model, Planar image, Settings s, Integer label, Integer target) {
        Planar img = model.input().fit(image).quantized8();
        int predicted = model.predict(List.of(img))[0];
        int y = label == null ? predicted : label;
        Classifier victim = s.defense() == null ? model : new DefendedClassifier(model, s.defense(), s.eot(), s.seed());
        Attack a = s.attack().build(victim, s.budget());
        if (s.floatSamples()) {
            a.useFloatSamples();
        }
        Goal goal = target == null ? Goal.untargeted(new int[] {y}) : Goal.targeted(new int[] {y}, new int[] {target});
        AttackResult r = a.run(List.of(img), goal, s.seed());
        Planar adv = r.images().get(0);
        return new Outcome(adv, predicted, model.predict(List.of(adv))[0], r.success()[0], r.l2()[0], r.linf()[0], a.spec());
    }
}
