package dev.sieve.adversarial.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.adversarial.TinyModel;
import dev.sieve.image.defense.DefenseRegistry;
import dev.sieve.jpeg.JpegDefense;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.SieveModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DefenseEvaluationTest {
    @Test
    void harnessKeepsCorrectImagesAndReportsConsistentAccuraciesAndDestructionRates() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        DefenseRegistry registry = JpegDefense.registry();
        List<NamedDefense> defenses = List.of(NamedDefense.parse("none", registry), NamedDefense.parse("bitdepth:bits=2", registry),
                NamedDefense.parse("deflect:k=30,w=3", registry));
        List<AttackSpec> attacks = List.of(AttackSpec.parse("fgsm:linf=0.1"), AttackSpec.parse("deepfool:iterations=8"), AttackSpec.parse("pgd:linf=0.1,steps=3,bpda=true"));
        DefenseEvaluation eval = new DefenseEvaluation(model, new DefenseEvaluation.Config(attacks, defenses, 3, null, 12, 12, 5));
        List<Integer> work = new ArrayList<>();
        int[] done = {0};
        EvaluationReport r = eval.run(test, "tiny", work::add, k -> done[0] += k);
        assertThat(r.examined()).isEqualTo(12);
        assertThat(r.correct()).isBetween(6, 12);
        assertThat(done[0]).isEqualTo(work.get(0));
        assertThat(r.rows()).hasSize(4 * 3);
        Map<String, EvaluationRow> byKey = r.rows().stream().collect(Collectors.toMap(w -> w.attack() + "@" + w.defense(), w -> w));
        for (EvaluationRow w : r.rows()) {
            assertThat(w.images()).isEqualTo(r.correct());
            if (w.defense().equals("none")) {
                assertThat(w.accuracySingle()).isEqualTo(w.accuracyNoDefense());
                assertThat(w.accuracyEnsemble()).isEqualTo(w.accuracyNoDefense());
            }
            if (w.attack().equals("clean")) {
                assertThat(w.accuracyNoDefense()).isEqualTo(1.0);
            } else if (!Double.isNaN(w.destructionSingle())) {
                // every image starts correct, so accuracy under defense = kept + destroyed-and-restored
                double fooled = 1 - w.accuracyNoDefense();
                assertThat(w.destructionSingle() * fooled).isLessThanOrEqualTo(w.accuracySingle() + 1e-9);
            }
        }
        EvaluationRow df = byKey.get("deepfool:iterations=8@none");
        assertThat(df.attackSuccess()).isGreaterThan(0.4);
        assertThat(df.accuracyNoDefense()).isEqualTo(1 - df.attackSuccess(), org.assertj.core.data.Offset.offset(1e-9));
        // minimal DeepFool perturbations are fragile: deflection restores many of them
        assertThat(byKey.get("deepfool:iterations=8@deflect:k=30,w=3").destructionSingle()).isGreaterThan(0.3);
        // the adaptive attack on "none" is the plain one; against bit depth it is crafted anew
        assertThat(byKey.get("pgd:linf=0.1,steps=3,bpda=true@bitdepth:bits=2").adaptive()).isTrue();
        // its "no defense" column is the bare model on the adaptive images, which PGD at 0.1 mostly fools
        assertThat(byKey.get("pgd:linf=0.1,steps=3,bpda=true@bitdepth:bits=2").accuracyNoDefense()).isLessThan(0.5);
        assertThat(byKey.get("fgsm:linf=0.1@none").meanLinf()).isLessThanOrEqualTo(0.1 + 1e-6);
    }

    @Test
    void imageQualityComparesDefendedImagesWithTheCleanOnes() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        DefenseRegistry registry = JpegDefense.registry();
        List<NamedDefense> defenses = List.of(NamedDefense.parse("none", registry), NamedDefense.parse("jpeg:q=20", registry));
        List<AttackSpec> attacks = List.of(AttackSpec.parse("fgsm:linf=0.05"));
        DefenseEvaluation eval = new DefenseEvaluation(model, new DefenseEvaluation.Config(attacks, defenses, 1, null, 8, 8, 5, true));
        EvaluationReport r = eval.run(test, "tiny", k -> { }, k -> { });
        Map<String, EvaluationRow> byKey = r.rows().stream().collect(Collectors.toMap(w -> w.attack() + "@" + w.defense(), w -> w));
        EvaluationRow cleanNone = byKey.get("clean@none");
        assertThat(cleanNone.mse()).isZero();
        assertThat(cleanNone.ssim()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cleanNone.psnr()).isNaN(); // no image with MSE > 0
        EvaluationRow fgsmNone = byKey.get("fgsm:linf=0.05@none");
        // a sign step of 0.05 moves every sample by 12.75 (less where clipped at 0 or 255)
        assertThat(fgsmNone.mse()).isBetween(1.0, 12.75 * 12.75 + 1e-6);
        assertThat(fgsmNone.psnr()).isGreaterThan(10 * Math.log10(255.0 * 255.0 / (12.75 * 12.75)) - 1e-6);
        EvaluationRow fgsmJpeg = byKey.get("fgsm:linf=0.05@jpeg:q=20");
        assertThat(fgsmJpeg.mse()).isPositive();
        assertThat(fgsmJpeg.ssim()).isBetween(0.0, 1.0);
        assertThat(byKey.get("clean@jpeg:q=20").mse()).isPositive();
        // without the flag nothing is measured
        EvaluationReport plain = new DefenseEvaluation(model, new DefenseEvaluation.Config(attacks, defenses, 1, null, 8, 8, 5))
                .run(test, "tiny", k -> { }, k -> { });
        assertThat(plain.rows()).allSatisfy(w -> assertThat(w.mse()).isNaN());
    }

    @Test
    void anEnsembleRunsADefenseThatIgnoresItsSeedOnceAndARandomizedOneEveryTime() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        java.util.concurrent.atomic.AtomicInteger fixedCalls = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger randomCalls = new java.util.concurrent.atomic.AtomicInteger();
        NamedDefense fixed = new NamedDefense("fixed", counting(fixedCalls, false));
        NamedDefense random = new NamedDefense("random", counting(randomCalls, true));
        List<AttackSpec> attacks = List.of(AttackSpec.parse("fgsm:linf=0.05"));
        EvaluationReport r = new DefenseEvaluation(model, new DefenseEvaluation.Config(attacks, List.of(fixed, random), 5, null, 8, 8, 5))
                .run(test, "tiny", k -> { }, k -> { });
        int rows = 2; // clean and fgsm
        assertThat(fixedCalls.get()).isEqualTo(rows * r.correct());
        assertThat(randomCalls.get()).isEqualTo(5 * rows * r.correct());
        assertThat(r.rows()).filteredOn(w -> w.defense().equals("fixed"))
                .allSatisfy(w -> assertThat(w.accuracyEnsemble()).isEqualTo(w.accuracySingle()));
    }

    @Test
    void anAdaptiveLimitCraftsAdaptiveAttacksThroughADefenseOnTheFirstImagesOnly() throws Exception {
        SieveModel model = TinyModel.get();
        ImageDataset test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        List<NamedDefense> defenses = List.of(NamedDefense.parse("none", JpegDefense.registry()), new NamedDefense("random", counting(calls, true)));
        List<AttackSpec> attacks = List.of(AttackSpec.parse("fgsm:linf=0.05"), AttackSpec.parse("fgsm:linf=0.05,eot=2"));
        long[] total = {0}, done = {0};
        EvaluationReport r = new DefenseEvaluation(model, new DefenseEvaluation.Config(attacks, defenses, 1, null, 12, 12, 5, false, false, 3))
                .run(test, "tiny", k -> total[0] = k, k -> done[0] += k);
        assertThat(r.correct()).isGreaterThan(3);
        Map<String, EvaluationRow> byKey = r.rows().stream().collect(Collectors.toMap(w -> w.attack() + "@" + w.defense(), w -> w));
        assertThat(byKey.get("fgsm:linf=0.05,eot=2@random").images()).isEqualTo(3);
        assertThat(byKey.get("fgsm:linf=0.05,eot=2@none").images()).isEqualTo(r.correct());
        assertThat(byKey.get("fgsm:linf=0.05@random").images()).isEqualTo(r.correct());
        assertThat(byKey.get("clean@random").images()).isEqualTo(r.correct());
        assertThat(done[0]).as("progress adds up to the announced work").isEqualTo(total[0]);
        int limitedCrafting = calls.get() - (2 * r.correct() + 3); // the rest ran the clean, plain and adaptive rows
        calls.set(0);
        EvaluationReport all = new DefenseEvaluation(model, new DefenseEvaluation.Config(attacks, defenses, 1, null, 12, 12, 5))
                .run(test, "tiny", k -> { }, k -> { });
        int allCrafting = calls.get() - 3 * all.correct();
        assertThat(limitedCrafting).as("EOT draws while crafting on 3 images, against all").isPositive().isLessThan(allCrafting);
        assertThat(DefenseTables.markdown(r, null)).contains("Adaptive attacks through a defense ran on the first 3 of them only (an adaptive limit)");
    }

    /** The identity, counting its calls, with the given {@link dev.sieve.image.defense.Defense#randomized()}. */
    private static dev.sieve.image.defense.Defense counting(java.util.concurrent.atomic.AtomicInteger calls, boolean randomized) {
        return new dev.sieve.image.defense.Defense() {
            @Override
            public dev.sieve.image.Planar apply(dev.sieve.image.Planar img, long seed) {
                calls.incrementAndGet();
                return img;
            }

            @Override
            public boolean randomized() {
                return randomized;
            }

            @Override
            public String spec() {
                return "identity";
            }
        };
    }
}
