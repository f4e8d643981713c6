package dev.sieve.adversarial.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.nn.model.SieveModel;
import org.junit.jupiter.api.Test;

class MinimalAttacksTest {
    static final TinyModel.Batch BATCH = TinyModel.correct(6);
    static final SieveModel MODEL = TinyModel.get();

    private static double accuracy(AttackResult r) {
        return TinyModel.accuracy(r.images(), BATCH.labels());
    }

    @Test
    void deepFoolFoolsAlmostEveryImageWithASmallerPerturbationThanMinimalFgsm() {
        AttackResult df = new DeepFool(MODEL).run(BATCH.images(), BATCH.labels(), 0);
        AttackResult fgsm = new Fgsm(MODEL, null, true).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(df.successRate()).isGreaterThanOrEqualTo(0.9);
        assertThat(accuracy(df)).isLessThanOrEqualTo(0.1);
        assertThat(df.meanOverSuccessful(df.l2())).isLessThan(fgsm.meanOverSuccessful(fgsm.l2()));
        assertThatThrownBy(() -> new DeepFool(MODEL).run(BATCH.images(), Goal.targeted(BATCH.labels(), BATCH.labels()), 0))
                .hasMessageContaining("untargeted");
    }

    @Test
    void deepFoolResultsAreStorable8BitImagesJudgedAfterRoundingUnlessFloatSamplesAreAsked() {
        AttackResult r = new DeepFool(MODEL).run(BATCH.images(), BATCH.labels(), 0);
        AttackResult floats = new DeepFool(MODEL).useFloatSamples().run(BATCH.images(), BATCH.labels(), 0);
        float[][] z = MODEL.logits(r.images());
        for (int i = 0; i < r.size(); i++) {
            for (float v : r.images().get(i).plane(0)) {
                assertThat(v).isEqualTo((float) Math.rint(v));
            }
            int p = WhiteBoxAttack.argmax(z[i], -1);
            assertThat(p).isEqualTo(r.predicted()[i]);
            assertThat(r.success()[i]).isEqualTo(p != BATCH.labels()[i]);
        }
        assertThat(floats.successRate()).isGreaterThanOrEqualTo(r.successRate());
        boolean offGrid = false;
        for (int i = 0; i < floats.size(); i++) {
            for (float v : floats.images().get(i).plane(0)) {
                offGrid |= Math.abs(v - Math.rint(v)) > 1e-3;
            }
        }
        assertThat(offGrid).as("the float protocol keeps unrounded samples").isTrue();
    }

    @Test
    void cappedDeepFoolInFixedModeRespectsTheL2Budget() {
        AttackResult r = new DeepFool(MODEL, Budget.l2(0.01), false, 50, 0.02).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(GradientSignAttacksTest.max(r.l2())).isLessThanOrEqualTo(0.01 + 1e-6);
        GradientSignAttacksTest.assertInsideBox(r);
    }

    @Test
    void jsmaChangesFewSamplesAndFoolsTheModel() {
        AttackResult r = new Jsma(MODEL, null, true, 1.0, 1, 60).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(accuracy(r)).as("at most 2 of 6 survive").isLessThan(0.34);
        for (int i = 0; i < r.size(); i++) {
            if (r.success()[i]) {
                float[] a = r.images().get(i).plane(0), b = BATCH.images().get(i).plane(0);
                int changed = 0;
                for (int j = 0; j < a.length; j++) {
                    changed += Math.abs(a[j] - b[j]) > 1e-3 ? 1 : 0;
                }
                assertThat(changed).isLessThan(200);
            }
        }
    }

    @Test
    void lbfgsFindsBoxConstrainedAdversarialsSmallerThanALargeFixedPgd() {
        AttackResult r = new Lbfgs(MODEL, null, true, 15, 1).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(accuracy(r)).isLessThanOrEqualTo(0.3);
        GradientSignAttacksTest.assertInsideBox(r);
        AttackResult pgd = new Pgd(MODEL, Budget.l2(0.2), 5).run(BATCH.images(), BATCH.labels(), 0);
        assertThat(r.meanOverSuccessful(r.l2())).isLessThan(pgd.meanOverSuccessful(pgd.l2()));
    }

    @Test
    void carliniWagnerUntargetedAndTargeted() {
        CarliniWagnerL2 cw = new CarliniWagnerL2(MODEL, null, true, 3, 25, 0.05, 0, 0.1);
        AttackResult r = cw.run(BATCH.images(), BATCH.labels(), 0);
        assertThat(accuracy(r)).isLessThanOrEqualTo(0.2);
        assertThat(r.meanOverSuccessful(r.l2())).isLessThan(0.15);
        float[][] z = MODEL.logits(BATCH.images());
        int[] targets = new int[z.length];
        for (int i = 0; i < z.length; i++) {
            for (int k = 0; k < z[i].length; k++) {
                if (k != BATCH.labels()[i] && (targets[i] == BATCH.labels()[i] || z[i][k] > z[i][targets[i]])) {
                    targets[i] = k;
                }
            }
        }
        AttackResult t = cw.run(BATCH.images(), Goal.targeted(BATCH.labels(), targets), 0);
        assertThat(t.successRate()).isGreaterThanOrEqualTo(0.6);
        for (int i = 0; i < t.size(); i++) {
            if (t.success()[i]) {
                assertThat(t.predicted()[i]).isEqualTo(targets[i]);
            }
        }
    }

    @Test
    void minimalModeWithACapReturnsTheOriginalWhereTheCapIsNotEnough() {
        AttackResult r = new CarliniWagnerL2(MODEL, Budget.l2(0.005), true, 2, 20, 0.05, 0, 0.1).run(BATCH.images(), BATCH.labels(), 0);
        for (int i = 0; i < r.size(); i++) {
            if (r.success()[i]) {
                assertThat(r.l2()[i]).isLessThanOrEqualTo(0.005 + 1e-6);
            } else {
                assertThat(r.images().get(i)).isEqualTo(BATCH.images().get(i));
                assertThat(r.l2()[i]).isZero();
            }
        }
    }
}
