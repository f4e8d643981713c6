package dev.sieve.adversarial.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.Defense;
import dev.sieve.image.defense.DefensePipeline;
import dev.sieve.jpeg.JpegDefense;
import dev.sieve.nn.model.SieveModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveAttacksTest {
    static final TinyModel.Batch BATCH = TinyModel.correct(16);
    static final SieveModel MODEL = TinyModel.get();

    private static double defendedAccuracy(List<Planar> images, Defense d) {
        List<Planar> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            out.add(d.apply(images.get(i), i));
        }
        return TinyModel.accuracy(out, BATCH.labels());
    }

    @Test
    void bpdaThroughTheIdentityDefenseEqualsThePlainAttack() {
        Defense identity = new Defense() {
            @Override
            public Planar apply(Planar img, long seed) {
                return img.copy();
            }

            @Override
            public String spec() {
                return "identity";
            }
        };
        AttackResult plain = new Pgd(MODEL, Budget.linf(0.05), 5).run(BATCH.images(), BATCH.labels(), 9);
        AttackResult bpda = new Pgd(new DefendedClassifier(MODEL, identity, 1, 4), Budget.linf(0.05), 5).run(BATCH.images(), BATCH.labels(), 9);
        for (int i = 0; i < plain.size(); i++) {
            assertThat(bpda.images().get(i).plane(0)).containsExactly(plain.images().get(i).plane(0));
        }
        for (Apgd.Loss loss : Apgd.Loss.values()) {
            AttackResult apgd = new Apgd(MODEL, Norm.LINF, Budget.linf(0.05), false, loss, 8).run(BATCH.images(), BATCH.labels(), 9);
            AttackResult apgdBpda = new Apgd(new DefendedClassifier(MODEL, identity, 1, 4), Norm.LINF, Budget.linf(0.05), false, loss, 8)
                    .run(BATCH.images(), BATCH.labels(), 9);
            assertThat(apgdBpda.success()).as(loss.name()).containsExactly(apgd.success());
            for (int i = 0; i < apgd.size(); i++) {
                assertThat(apgdBpda.images().get(i).plane(0)).as(loss.name()).containsExactly(apgd.images().get(i).plane(0));
            }
        }
    }

    /**
     * PGD that stops at its first success (as the thesis' attacks do) leaves images just across the
     * boundary, which JPEG knocks back; through BPDA it stops only once the defended model is fooled.
     */
    @Test
    void bpdaPgdBeatsPlainPgdAgainstJpegCompression() throws Exception {
        DefensePipeline jpeg = JpegDefense.registry().parse("jpeg:q=50");
        Budget budget = Budget.linf(0.2);
        AttackResult plain = new Pgd(MODEL, Norm.LINF, budget, false, 20, 0.1, true, true).run(BATCH.images(), BATCH.labels(), 1);
        AttackResult adaptive = new Pgd(new DefendedClassifier(MODEL, jpeg, 1, 1), Norm.LINF, budget, false, 20, 0.1, true, true)
                .run(BATCH.images(), BATCH.labels(), 1);
        double plainDefended = defendedAccuracy(plain.images(), jpeg), adaptiveDefended = defendedAccuracy(adaptive.images(), jpeg);
        System.out.println("JPEG q=50, Linf 0.2: defended accuracy plain " + plainDefended + ", BPDA " + adaptiveDefended);
        assertThat(GradientSignAttacksTest.max(adaptive.linf())).isLessThanOrEqualTo(0.2 + 1e-6);
        assertThat(plain.successRate()).isGreaterThan(0.9);
        assertThat(adaptiveDefended).isLessThan(plainDefended - 0.2);
    }

    @Test
    void eotDrawsADefenseThatIgnoresItsSeedOnce() throws Exception {
        DefensePipeline jpeg = JpegDefense.registry().parse("jpeg:q=50");
        assertThat(new DefendedClassifier(MODEL, jpeg, 8, 1).samples()).isEqualTo(1);
        assertThat(new DefendedClassifier(MODEL, JpegDefense.registry().parse("deflect"), 8, 1).samples()).isEqualTo(8);
        AttackResult eight = new Pgd(new DefendedClassifier(MODEL, jpeg, 8, 3), Budget.linf(0.05), 3).run(BATCH.images(), BATCH.labels(), 2);
        AttackResult one = new Pgd(new DefendedClassifier(MODEL, jpeg, 1, 3), Budget.linf(0.05), 3).run(BATCH.images(), BATCH.labels(), 2);
        for (int i = 0; i < eight.size(); i++) {
            assertThat(eight.images().get(i).plane(0)).containsExactly(one.images().get(i).plane(0));
        }
    }

    @Test
    void eotOverPixelDeflectionIsReproducibleFromItsSeed() throws Exception {
        DefensePipeline pd = JpegDefense.registry().parse("deflect:k=50,w=5");
        List<Planar> four = BATCH.images().subList(0, 4);
        int[] labels = java.util.Arrays.copyOf(BATCH.labels(), 4);
        AttackResult a = new Pgd(new DefendedClassifier(MODEL, pd, 4, 11), Budget.linf(0.05), 3).run(four, labels, 2);
        AttackResult b = new Pgd(new DefendedClassifier(MODEL, pd, 4, 11), Budget.linf(0.05), 3).run(four, labels, 2);
        AttackResult c = new Pgd(new DefendedClassifier(MODEL, pd, 4, 12), Budget.linf(0.05), 3).run(four, labels, 2);
        for (int i = 0; i < 4; i++) {
            assertThat(a.images().get(i).plane(0)).containsExactly(b.images().get(i).plane(0));
        }
        assertThat(a.images().get(0).plane(0)).isNotEqualTo(c.images().get(0).plane(0));
    }
}
