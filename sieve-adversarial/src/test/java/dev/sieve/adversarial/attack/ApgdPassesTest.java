package dev.sieve.adversarial.attack;

import static dev.sieve.adversarial.attack.GradientSignAttacksTest.BATCH;
import static dev.sieve.adversarial.attack.GradientSignAttacksTest.MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The saved passes of {@link Apgd} and {@link Pgd} against {@link FullRunApgd} and {@link FullRunPgd},
 * the same algorithms with a forward pass per judgement and no early stop.
 */
class ApgdPassesTest {
    private static Goal targeted() {
        int[] t = new int[BATCH.labels().length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (BATCH.labels()[i] + 1) % 10;
        }
        return Goal.targeted(BATCH.labels(), t);
    }

    private static void assertSameImages(AttackResult a, AttackResult b, int i, String as) {
        assertThat(a.images().get(i).plane(0)).as(as + " image %d", i).containsExactly(b.images().get(i).plane(0));
    }

    /** Every success of the full run kept, images not fooled identical to the full run's, fewer gradient passes. */
    private static void assertStoppingLosesNothing(AttackResult now, AttackResult ref, PassCountingClassifier stopping,
            PassCountingClassifier full, String as) {
        assertThat(now.successRate()).as(as).isGreaterThanOrEqualTo(ref.successRate());
        for (int i = 0; i < now.size(); i++) {
            if (ref.success()[i]) {
                assertThat(now.success()[i]).as(as + " image %d", i).isTrue();
            }
            if (!now.success()[i]) {
                assertSameImages(now, ref, i, as);
            }
        }
        if (ref.successRate() > 0) {
            assertThat(stopping.gradients).as(as).isLessThan(full.gradients);
        }
    }

    @Test
    void judgingSuccessFromTheLossPassGivesTheSameIterates() {
        Budget cap = Budget.linf(0.15);
        for (Goal goal : new Goal[] {Goal.untargeted(BATCH.labels()), targeted()}) {
            for (Apgd.Loss loss : Apgd.Loss.values()) {
                // minimal mode and runAllSteps stop no image early: every iterate is the full run's
                PassCountingClassifier once = new PassCountingClassifier(MODEL), twice = new PassCountingClassifier(MODEL);
                AttackResult now = new Apgd(once, Norm.LINF, cap, true, loss, 8).run(BATCH.images(), goal, 3);
                AttackResult ref = new FullRunApgd(twice, Norm.LINF, cap, true, loss, 8).run(BATCH.images(), goal, 3);
                String as = loss + (goal.isTargeted() ? " targeted" : "");
                assertThat(now.success()).as(as).containsExactly(ref.success());
                assertThat(now.successRate()).as(as).isGreaterThan(0);
                for (int i = 0; i < now.size(); i++) {
                    assertSameImages(now, ref, i, as);
                }
                assertThat(once.gradients).as(as).isEqualTo(twice.gradients);
                assertThat(once.forwards).as(as + ": no forward pass besides the loss passes but the final judgements")
                        .isLessThan(twice.forwards - twice.gradients / 2);
                AttackResult all = new Apgd(MODEL, Norm.LINF, Budget.linf(0.04), false, loss, 8).runAllSteps().run(BATCH.images(), goal, 3);
                AttackResult allRef = new FullRunApgd(MODEL, Norm.LINF, Budget.linf(0.04), false, loss, 8).run(BATCH.images(), goal, 3);
                for (int i = 0; i < now.size(); i++) {
                    assertSameImages(all, allRef, i, as + " fixed, all steps");
                }
            }
        }
    }

    @Test
    void stoppingFooledImagesKeepsEverySuccessAndLeavesTheOthersAsTheFullRun() {
        double fooled = 0;
        for (double eps : new double[] {0.01, 0.02, 0.04}) {
            for (Apgd.Loss loss : Apgd.Loss.values()) {
                Budget b = Budget.linf(eps);
                PassCountingClassifier stopping = new PassCountingClassifier(MODEL), full = new PassCountingClassifier(MODEL);
                AttackResult now = new Apgd(stopping, Norm.LINF, b, false, loss, 20).run(BATCH.images(), BATCH.labels(), 5);
                AttackResult ref = new FullRunApgd(full, Norm.LINF, b, false, loss, 20).run(BATCH.images(), BATCH.labels(), 5);
                fooled = Math.max(fooled, ref.successRate());
                String as = loss + " at ε " + eps;
                assertStoppingLosesNothing(now, ref, stopping, full, as);
            }
        }
        assertThat(fooled).as("some images fooled, some not").isBetween(0.15, 0.85);
    }

    @Test
    void igsmJudgedFromTheLossPassGivesTheSameIteratesWithFewerForwards() {
        Budget b = Budget.linf(0.05);
        PassCountingClassifier once = new PassCountingClassifier(MODEL), twice = new PassCountingClassifier(MODEL);
        AttackResult now = new Bim(once, b, false, 10, 0.1).run(BATCH.images(), BATCH.labels(), 2);
        AttackResult ref = new FullRunPgd(twice, Norm.LINF, b, false, 10, 0.1, false, true).run(BATCH.images(), BATCH.labels(), 2);
        assertThat(now.successRate()).isGreaterThan(0);
        assertThat(now.success()).containsExactly(ref.success());
        for (int i = 0; i < now.size(); i++) {
            assertSameImages(now, ref, i, "igsm");
        }
        assertThat(once.forwards).isLessThan(twice.forwards);
    }

    @Test
    void pgdStoppingFooledImagesKeepsEverySuccessAndLeavesTheOthersAsTheFullRun() {
        double fooled = 0;
        for (double eps : new double[] {0.01, 0.03}) {
            Budget b = Budget.linf(eps);
            PassCountingClassifier stopping = new PassCountingClassifier(MODEL), full = new PassCountingClassifier(MODEL);
            AttackResult now = new Pgd(stopping, b, 20).run(BATCH.images(), BATCH.labels(), 6);
            AttackResult ref = new FullRunPgd(full, Norm.LINF, b, false, 20, 2.5 / 20, true, false).run(BATCH.images(), BATCH.labels(), 6);
            AttackResult all = new Pgd(MODEL, b, 20).runAllSteps().run(BATCH.images(), BATCH.labels(), 6);
            for (int i = 0; i < now.size(); i++) {
                assertSameImages(all, ref, i, "pgd, all steps, at ε " + eps);
            }
            fooled = Math.max(fooled, ref.successRate());
            String as = "pgd at ε " + eps;
            assertStoppingLosesNothing(now, ref, stopping, full, as);
        }
        assertThat(fooled).as("some images fooled, some not").isBetween(0.15, 0.85);
    }
}
