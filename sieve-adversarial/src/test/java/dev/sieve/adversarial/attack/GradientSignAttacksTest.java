package dev.sieve.adversarial.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.Planar;
import dev.sieve.nn.model.SieveModel;
import org.junit.jupiter.api.Test;

class GradientSignAttacksTest {
    static final TinyModel.Batch BATCH = TinyModel.correct(20);
    static final SieveModel MODEL = TinyModel.get();

    static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(0);
    }

    static void assertInsideBox(AttackResult r) {
        for (Planar p : r.images()) {
            for (int c = 0; c < p.channels(); c++) {
                for (float v : p.plane(c)) {
                    assertThat(v).isBetween(0f, 255f);
                }
            }
        }
    }

    @Test
    void fgsmAtLinf01DropsAccuracyFarBelowCleanAndKeepsItsBudget() {
        AttackResult r = new Fgsm(MODEL, 0.1).run(BATCH.images(), BATCH.labels(), 1);
        assertThat(TinyModel.accuracy(r.images(), BATCH.labels())).isLessThan(0.5);
        assertThat(max(r.linf())).isLessThanOrEqualTo(0.1 + 1e-6);
        assertThat(max(r.l2())).isLessThanOrEqualTo(0.1 + 1e-6);
        assertInsideBox(r);
    }

    @Test
    void pgdLinfAndL2DriveAccuracyNearZeroWithinBudget() {
        AttackResult linf = new Pgd(MODEL, Budget.linf(0.1), 10).run(BATCH.images(), BATCH.labels(), 3);
        AttackResult fgsm = new Fgsm(MODEL, 0.1).run(BATCH.images(), BATCH.labels(), 3);
        double pgdAccuracy = TinyModel.accuracy(linf.images(), BATCH.labels());
        assertThat(pgdAccuracy).isLessThanOrEqualTo(0.3).isLessThanOrEqualTo(TinyModel.accuracy(fgsm.images(), BATCH.labels()));
        assertThat(max(linf.linf())).isLessThanOrEqualTo(0.1 + 1e-6);
        AttackResult l2 = new Pgd(MODEL, Budget.l2(0.1), 10).run(BATCH.images(), BATCH.labels(), 3);
        assertThat(TinyModel.accuracy(l2.images(), BATCH.labels())).isLessThanOrEqualTo(0.3);
        assertThat(max(l2.l2())).isLessThanOrEqualTo(0.1 + 1e-6);
        assertInsideBox(l2);
    }

    @Test
    void bimStopsAtFirstSuccessSoItsPerturbationIsSmallerThanPgds() {
        AttackResult bim = new Bim(MODEL, Budget.linf(0.15), false, 10, 0.1).run(BATCH.images(), BATCH.labels(), 0);
        AttackResult pgd = new Pgd(MODEL, Budget.linf(0.15), 10).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(bim.successRate()).isGreaterThan(0.8);
        assertThat(bim.meanOverSuccessful(bim.l2())).isLessThan(pgd.meanOverSuccessful(pgd.l2()));
    }

    @Test
    void targetedPgdReachesTheTarget() {
        int[] targets = new int[BATCH.labels().length];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (BATCH.labels()[i] + 1) % 10;
        }
        AttackResult r = new Pgd(MODEL, Budget.linf(0.2), 20).run(BATCH.images(), Goal.targeted(BATCH.labels(), targets), 5);
        assertThat(r.successRate()).isGreaterThan(0.7);
        for (int i = 0; i < targets.length; i++) {
            assertThat(r.success()[i]).isEqualTo(r.predicted()[i] == targets[i]);
        }
    }

    @Test
    void minimalFgsmFindsSmallerPerturbationsThanALargeFixedBudget() {
        AttackResult fixed = new Fgsm(MODEL, 0.3).run(BATCH.images(), BATCH.labels(), 0);
        AttackResult minimal = new Fgsm(MODEL, Budget.linf(0.3), true).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(minimal.successRate()).isGreaterThan(0.8);
        for (int i = 0; i < minimal.size(); i++) {
            if (minimal.success()[i]) {
                assertThat(minimal.linf()[i]).isLessThan(fixed.linf()[i]);
            } else {
                assertThat(minimal.images().get(i)).isEqualTo(BATCH.images().get(i));
            }
        }
        assertThat(minimal.meanOverSuccessful(minimal.l2())).isLessThan(0.5 * fixed.meanOverSuccessful(fixed.l2()));
    }

    @Test
    void sameSeedGivesIdenticalAdversarialImagesAndAnotherSeedDoesNot() {
        Pgd pgd = new Pgd(MODEL, Budget.linf(0.05), 5);
        AttackResult a = pgd.run(BATCH.images().subList(0, 6), java.util.Arrays.copyOf(BATCH.labels(), 6), 42);
        AttackResult b = pgd.run(BATCH.images().subList(0, 6), java.util.Arrays.copyOf(BATCH.labels(), 6), 42);
        AttackResult c = pgd.run(BATCH.images().subList(0, 6), java.util.Arrays.copyOf(BATCH.labels(), 6), 43);
        for (int i = 0; i < 6; i++) {
            assertThat(a.images().get(i).plane(0)).containsExactly(b.images().get(i).plane(0));
        }
        assertThat(a.images().get(0).plane(0)).isNotEqualTo(c.images().get(0).plane(0));
    }
}
