package dev.sieve.adversarial.attack;

import dev.sieve.image.Planar;
import java.util.ArrayList;
import java.util.List;

/**
 * Attacks run one after another, each on the images the previous ones did not fool, as AutoAttack
 * composes its attacks (Croce &amp; Hein 2020): an image's result is that of the first attack that
 * reached the goal, else of the last attack. {@link #autoAttackRand} is the published version for
 * randomized defenses.
 */
public final class AttackSequence implements Attack {
    private final String name;
    private final List<Attack> attacks;

    public AttackSequence(String name, List<Attack> attacks) {
        if (attacks.isEmpty()) {
            throw new IllegalArgumentException("an attack sequence needs at least one attack");
        }
        this.name = name;
        this.attacks = List.copyOf(attacks);
    }

    /**
     * AutoAttack's "rand" version: APGD-CE then APGD-DLR ({@code steps} each) against
     * {@code target}, which for a randomized defense is the {@link DefendedClassifier} with EOT
     * (AutoAttack uses 20 draws).
     */
    public static AttackSequence autoAttackRand(dev.sieve.nn.model.Classifier target, Budget budget, int steps) {
        return new AttackSequence("autoattack-rand", List.of(
                new Apgd(target, budget.norm(), budget, false, Apgd.Loss.CE, steps),
                new Apgd(target, budget.norm(), budget, false, Apgd.Loss.DLR, steps)));
    }

    @Override
    public String spec() {
        return name + ":" + String.join(" then ", attacks.stream().map(Attack::spec).toList());
    }

    @Override
    public Attack useFloatSamples() {
        attacks.forEach(Attack::useFloatSamples);
        return this;
    }

    @Override
    public boolean supportsTargeted() {
        return attacks.stream().allMatch(Attack::supportsTargeted);
    }

    @Override
    public AttackResult run(List<Planar> images, Goal goal, long seed) {
        int n = images.size();
        List<Planar> out = new ArrayList<>(images);
        int[] predicted = new int[n];
        boolean[] success = new boolean[n];
        double[] l2 = new double[n], linf = new double[n];
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            open.add(i);
        }
        for (int a = 0; a < attacks.size() && !open.isEmpty(); a++) {
            int[] idx = open.stream().mapToInt(Integer::intValue).toArray();
            List<Planar> sub = new ArrayList<>(idx.length);
            for (int i : idx) {
                sub.add(images.get(i));
            }
            AttackResult r = attacks.get(a).run(sub, goal.select(idx), seed + a);
            List<Integer> still = new ArrayList<>();
            for (int k = 0; k < idx.length; k++) {
                int i = idx[k];
                out.set(i, r.images().get(k));
                predicted[i] = r.predicted()[k];
                success[i] = r.success()[k];
                l2[i] = r.l2()[k];
                linf[i] = r.linf()[k];
                if (!success[i]) {
                    still.add(i);
                }
            }
            open = still;
        }
        return new AttackResult(out, predicted, success, l2, linf);
    }
}
