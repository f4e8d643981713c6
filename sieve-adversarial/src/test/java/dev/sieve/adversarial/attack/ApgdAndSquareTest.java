package dev.sieve.adversarial.attack;

import static dev.sieve.adversarial.attack.GradientSignAttacksTest.BATCH;
import static dev.sieve.adversarial.attack.GradientSignAttacksTest.MODEL;
import static dev.sieve.adversarial.attack.GradientSignAttacksTest.assertInsideBox;
import static dev.sieve.adversarial.attack.GradientSignAttacksTest.max;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.adversarial.TinyModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ApgdAndSquareTest {
    @Test
    void dlrLossMatchesItsDefinitionAndItsWeightsAreItsGradient() {
        float[] z = {3f, 1f, 2f, -1f, 0.5f};
        assertThat(DlrLoss.value(z, 0, -1)).isCloseTo(-(3 - 2) / (3 - 1 + 1e-12), within(1e-9));
        assertThat(DlrLoss.value(z, 1, -1)).isCloseTo(-(1 - 3) / (3 - 1 + 1e-12), within(1e-9));
        assertThat(DlrLoss.value(z, 1, 3)).isCloseTo(-(1 - -1) / (3 - (1 + 0.5) / 2.0 + 1e-12), within(1e-9));
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 50; trial++) {
            float[] l = new float[10];
            for (int k = 0; k < l.length; k++) {
                l[k] = (float) (rnd.nextDouble() * 8 - 4);
            }
            int y = rnd.nextInt(10), t = trial % 2 == 0 ? -1 : (y + 1 + rnd.nextInt(9)) % 10;
            float[] w = DlrLoss.weights(l, y, t);
            for (int k = 0; k < l.length; k++) {
                float[] up = l.clone(), down = l.clone();
                up[k] += 1e-3f;
                down[k] -= 1e-3f;
                double numeric = (DlrLoss.value(up, y, t) - DlrLoss.value(down, y, t)) / 2e-3;
                assertThat((double) w[k]).as("trial %d class %d", trial, k).isCloseTo(numeric, within(2e-3 + 1e-3 * Math.abs(numeric)));
            }
        }
    }

    @Test
    void checkpointScheduleFollowsThePaper() {
        assertThat(Apgd.firstInterval(100)).isEqualTo(22);
        assertThat(Apgd.firstInterval(3)).isEqualTo(1);
    }

    @Test
    void squareWindowShareIsHalvedAtThePublishedQueries() {
        assertThat(SquareAttack.fraction(0.8, 10, 10000)).isEqualTo(0.8);
        assertThat(SquareAttack.fraction(0.8, 11, 10000)).isEqualTo(0.4);
        assertThat(SquareAttack.fraction(0.8, 201, 10000)).isEqualTo(0.1);
        assertThat(SquareAttack.fraction(0.8, 9999, 10000)).isEqualTo(0.8 / 512);
        assertThat(SquareAttack.fraction(0.8, 11, 100)).isEqualTo(0.8 / 32);
    }

    @Test
    void apgdCeAndDlrAreAtLeastAsStrongAsPgdWithinTheBudget() {
        Budget eps = Budget.linf(0.05);
        double pgd = TinyModel.accuracy(new Pgd(MODEL, eps, 20).run(BATCH.images(), BATCH.labels(), 1).images(), BATCH.labels());
        for (Apgd.Loss loss : Apgd.Loss.values()) {
            AttackResult r = new Apgd(MODEL, Norm.LINF, eps, false, loss, 20).run(BATCH.images(), BATCH.labels(), 1);
            assertThat(TinyModel.accuracy(r.images(), BATCH.labels())).as(loss.name()).isLessThanOrEqualTo(pgd);
            assertThat(max(r.linf())).isLessThanOrEqualTo(0.05 + 1e-6);
            assertInsideBox(r);
        }
        AttackResult l2 = new Apgd(MODEL, Norm.L2, Budget.l2(0.05), false, Apgd.Loss.DLR, 20).run(BATCH.images(), BATCH.labels(), 1);
        assertThat(max(l2.l2())).isLessThanOrEqualTo(0.05 + 1e-6);
        assertThat(l2.successRate()).isGreaterThan(0.5);
    }

    @Test
    void apgdIsDeterministicPerSeed() {
        Apgd a = new Apgd(MODEL, Norm.LINF, Budget.linf(0.03), false, Apgd.Loss.DLR, 10);
        AttackResult r1 = a.run(BATCH.images(), BATCH.labels(), 9), r2 = a.run(BATCH.images(), BATCH.labels(), 9);
        for (int i = 0; i < r1.images().size(); i++) {
            assertThat(r1.images().get(i).plane(0)).containsExactly(r2.images().get(i).plane(0));
        }
    }

    @Test
    void squareFoolsWithoutGradientsWithinItsBudgetAndQueries() {
        Budget eps = Budget.linf(40 / 255.0);
        AttackResult stripes = new SquareAttack(MODEL, eps, false, 1, 0.1).run(BATCH.images(), BATCH.labels(), 4);
        AttackResult r = new SquareAttack(MODEL, eps, false, 200, 0.1).run(BATCH.images(), BATCH.labels(), 4);
        assertThat(r.successRate()).isGreaterThanOrEqualTo(0.3).isGreaterThan(stripes.successRate());
        assertThat(max(r.linf())).isLessThanOrEqualTo(40 / 255.0 + 1e-6);
        assertInsideBox(r);
    }

    @Test
    void squareL2FoolsWithoutGradientsInsideTheL2Ball() {
        Budget b = Budget.l2(0.08);
        AttackResult start = new SquareAttack(MODEL, Norm.L2, b, false, 1, 0.1).run(BATCH.images(), BATCH.labels(), 4);
        AttackResult r = new SquareAttack(MODEL, Norm.L2, b, false, 300, 0.1).run(BATCH.images(), BATCH.labels(), 4);
        assertThat(r.successRate()).isGreaterThanOrEqualTo(0.3).isGreaterThan(start.successRate());
        assertThat(max(r.l2())).isLessThanOrEqualTo(0.08 + 1e-6);
        assertInsideBox(r);
        var spec = dev.sieve.adversarial.eval.AttackSpec.parse("square:l2=0.05").build(MODEL, null);
        assertThat(spec.spec()).contains("l2=0.05", "p=0.1");
    }

    @Test
    void squareL2MetaPatternIsAUnitNormBumpOverItsNegative() {
        for (int s : new int[] {3, 5, 9}) {
            double[] m = SquareAttack.metaPattern(s, new java.util.SplittableRandom(1));
            double norm = 0, total = 0;
            for (double v : m) {
                norm += v * v;
                total += v;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(Math.abs(total)).as("halves of opposite sign nearly cancel").isLessThan(0.5);
        }
    }

    @Test
    void autoAttackRandRunsDlrOnWhatCeLeftAndIsAdaptiveWithTwentyDraws() {
        Budget eps = Budget.linf(0.03);
        AttackResult ce = new Apgd(MODEL, Norm.LINF, eps, false, Apgd.Loss.CE, 10).run(BATCH.images(), BATCH.labels(), 2);
        AttackResult both = AttackSequence.autoAttackRand(MODEL, eps, 10).run(BATCH.images(), BATCH.labels(), 2);
        assertThat(both.successRate()).isGreaterThanOrEqualTo(ce.successRate());
        for (int i = 0; i < ce.size(); i++) {
            if (ce.success()[i]) {
                assertThat(both.images().get(i).plane(0)).as("image %d: CE's result is kept", i).isEqualTo(ce.images().get(i).plane(0));
            }
        }
        assertThat(max(both.linf())).isLessThanOrEqualTo(0.03 + 1e-6);
        var spec = dev.sieve.adversarial.eval.AttackSpec.parse("autoattack-rand:linf=8/255");
        assertThat(spec.adaptive()).isTrue();
        assertThat(spec.eotSamples()).isEqualTo(20);
        assertThat(spec.build(MODEL, null).spec()).startsWith("autoattack-rand:apgd-ce:").contains(" then apgd-dlr:");
    }
}
