package dev.sieve.nn.msroi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.model.Tensor;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MsroiMapTest {
    static SieveModel trained;
    static List<EpochResult> history;

    /** A small MS-ROI network trained with the sigmoid loss on 64×64 shape scenes. */
    @BeforeAll
    static void train() {
        ModelInfo info = new ModelInfo("msroi-3-8x4", ShapeScenes.CLASSES,
                new InputSpec(3, 64, 64, new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f})), "test");
        trained = SieveModel.create(info, 1);
        TrainingConfig cfg = new TrainingConfig(8, 32, OptimizerKind.ADAM, 0.003f, 0f, Schedule.FIXED, new Augmentation(0, true), 1);
        history = new Training(trained, cfg).run(new ShapeScenes(1200, 64, 1, 3, 1), new ShapeScenes(200, 64, 1, 3, 2),
                new TrainingListener() { });
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    private static final MsroiOptions NATIVE = MsroiOptions.DEFAULT.withShortSide(0).withSelection(RoiSelection.THRESHOLD);

    @Test
    void sigmoidTrainingLearnsEveryLabelOfMultiObjectScenes() {
        EpochResult last = history.get(history.size() - 1);
        assertThat(last.trainLoss()).isLessThan(history.get(0).trainLoss());
        // top-1 hit = the best class is one of the scene's labels; chance is about 2/3 with 1–3 of 3 classes
        assertThat(last.testAccuracy()).isGreaterThan(0.95);
    }

    @Test
    void mapMassConcentratesOnTheObjects() {
        ShapeScenes held = new ShapeScenes(60, 64, 1, 3, 77);
        double mass = 0, area = 0;
        int pointed = 0;
        for (int i = 0; i < held.size(); i++) {
            float[] m = MsroiMap.compute(trained, held.images.get(i), NATIVE).map().values();
            int[] obj = held.objects.get(i);
            double in = 0, all = 0;
            int inArea = 0, peak = 0;
            for (int p = 0; p < m.length; p++) {
                all += m[p];
                if (m[p] > m[peak]) {
                    peak = p;
                }
                if (obj[p] > 0) {
                    in += m[p];
                    inArea++;
                }
            }
            mass += all > 0 ? in / all : 0;
            area += (double) inArea / m.length;
            pointed += nearObject(obj, 64, peak, 8) ? 1 : 0;
        }
        mass /= held.size();
        area /= held.size();
        // objects cover about 20 % of each scene; a uniform map would put 20 % of its mass there. The map
        // (an 8×8 grid at stride 8, sampled bilinearly) puts at least 1.5× that, and peaks within one cell of an object
        assertThat(area).isBetween(0.1, 0.3);
        assertThat(mass).isGreaterThan(1.5 * area);
        assertThat(pointed).isGreaterThanOrEqualTo(held.size() * 9 / 10);
    }

    private static boolean nearObject(int[] obj, int w, int p, int radius) {
        int px = p % w, py = p / w;
        for (int q = 0; q < obj.length; q++) {
            if (obj[q] > 0 && Math.abs(q % w - px) <= radius && Math.abs(q / w - py) <= radius) {
                return true;
            }
        }
        return false;
    }

    @Test
    void multiObjectScenesLightUpEveryObject() {
        ShapeScenes held = new ShapeScenes(40, 64, 3, 3, 78);
        int everyObject = 0;
        for (int i = 0; i < held.size(); i++) {
            float[] m = MsroiMap.compute(trained, held.images.get(i), NATIVE).map().values();
            int[] obj = held.objects.get(i);
            float[] peak = new float[4];
            for (int p = 0; p < m.length; p++) {
                peak[obj[p]] = Math.max(peak[obj[p]], m[p]);
            }
            if (peak[1] >= 0.3f && peak[2] >= 0.3f && peak[3] >= 0.3f) {
                everyObject++;
            }
        }
        assertThat(everyObject).isGreaterThanOrEqualTo(held.size() * 8 / 10);
    }

    @Test
    void mapOfA768x512PhotoIs768x512AndPeaksOnTheObject() {
        SplittableRandom rnd = new SplittableRandom(5);
        ShapeScenes.Scene s = ShapeScenes.scene(768, 512, 1, 40, 40, rnd);
        // the network sees the image at 192 px on the shorter side (objects of 30 px, as in training)
        SaliencyMap map = MsroiMap.compute(trained, s.image(), MsroiOptions.DEFAULT.withShortSide(128)).map();
        assertThat(map.width()).isEqualTo(768);
        assertThat(map.height()).isEqualTo(512);
        float best = -1;
        int at = -1;
        for (int p = 0; p < map.values().length; p++) {
            if (map.values()[p] > best) {
                best = map.values()[p];
                at = p;
            }
        }
        int cx = 0, cy = 0, n = 0;
        for (int p = 0; p < s.mask().length; p++) {
            if (s.mask()[p] > 0) {
                cx += p % 768;
                cy += p / 768;
                n++;
            }
        }
        assertThat(Math.hypot(at % 768 - cx / n, at / 768 - cy / n)).isLessThan(48);
    }

    @Test
    void sameImageGivesTheSameMapAndAugmentedMapsRepeatWithTheSeed() {
        Planar img = new ShapeScenes(1, 64, 2, 2, 9).images.get(0);
        assertThat(MsroiMap.compute(trained, img, NATIVE).map().values())
                .containsExactly(MsroiMap.compute(trained, img, NATIVE).map().values());
        float[] a = MsroiMap.augmented(trained, img, NATIVE, Perturbations.DEFAULT, 3).values();
        assertThat(MsroiMap.augmented(trained, img, NATIVE, Perturbations.DEFAULT, 3).values()).containsExactly(a);
        assertThat(MsroiMap.augmented(trained, img, NATIVE, Perturbations.DEFAULT, 4).values()).isNotEqualTo(a);
    }

    @Test
    void topKWeightsClassesByRankAndThresholdKeepsClassesAboveT() {
        float[] z = {0.5f, -2f, 3f, 0.5f, 1f};
        MsroiOptions top3 = MsroiOptions.DEFAULT.withTopK(3);
        assertThat(MsroiMap.select(z, top3)).containsExactly(2, 4, 0);
        assertThat(MsroiMap.select(z, top3.withSelection(RoiSelection.THRESHOLD).withThreshold(0.5f))).containsExactly(2, 4);
        assertThat(MsroiMap.select(z, top3.withSelection(RoiSelection.THRESHOLD).withThreshold(5f))).isEmpty();
    }

    /**
     * msroi-1-1x1 built by hand on gray images seen raw (mean 0, std 1/255): both stage convolutions and
     * the head's 3×3 are identities, the 1×1 has weight 1 and bias −{@code bias}, so the class score map
     * is the 2×2 max-pooled image minus the bias: eq. 2.5 can be computed by hand.
     */
    private static SieveModel identityNetwork(float bias) {
        ModelInfo info = new ModelInfo("msroi-1-1x1", List.of("bright"),
                new InputSpec(1, 8, 8, new Normalization(new float[] {0f}, new float[] {1f / 255f})), "hand-built");
        SieveModel m = SieveModel.create(info, 1);
        float[] id = new float[9];
        id[4] = 1f;
        Map<String, Tensor> d = new HashMap<>();
        for (String conv : List.of("stage1.conv1", "stage1.conv2", "msroi.0")) {
            d.put(conv + ".weight", new Tensor(new long[] {1, 1, 3, 3}, id));
            d.put(conv + ".bias", new Tensor(new long[] {1}, new float[] {0f}));
        }
        d.put("msroi.2.weight", new Tensor(new long[] {1, 1, 1, 1}, new float[] {1f}));
        d.put("msroi.2.bias", new Tensor(new long[] {1}, new float[] {-bias}));
        StateDict.load(m.network(), d, "hand-built", false);
        return m;
    }

    @Test
    void handBuiltNetworkGivesEquation25SampledAtCellCentres() {
        try (SieveModel m = identityNetwork(10f)) {
            // 6×4 image: a bright 2×2 block at x 2..3, y 0..1 over a background of 10 (= the bias, so it scores 0)
            float[] px = new float[24];
            java.util.Arrays.fill(px, 10f);
            for (int y = 0; y < 2; y++) {
                for (int x = 2; x < 4; x++) {
                    px[y * 6 + x] = 110f;
                }
            }
            MsroiMap.Result r = MsroiMap.compute(m, new Planar(6, 4, px), NATIVE);
            // Z = mean of the 3×2 score grid {100,0,0; 0,0,0} = 100/6
            assertThat(r.classScores()[0]).isCloseTo(100f / 6, org.assertj.core.data.Offset.offset(1e-3f));
            float[] v = r.map().values();
            assertThat(r.map().width()).isEqualTo(6);
            // cell 1's centre is at pixel coordinate (1 + ½)·2 − ½ = 2.5: pixels 2 and 3 are ¼ cell from it,
            // pixel 1 is ¾ cell away; row 1 is ¼ cell below the top row of cell centres
            assertThat(v[2]).isEqualTo(1f);
            assertThat(v[3]).isEqualTo(1f);
            assertThat(v[1]).isCloseTo(1f / 3, org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(v[0]).isEqualTo(0f);
            assertThat(v[6 + 2]).isEqualTo(0.75f);
            assertThat(v[3 * 6 + 5]).isEqualTo(0f);
            // eq. 2.5 as written sums the class features f = relu(pooled image): 110 in cell 1, 10 elsewhere;
            // the brightest pixels (2 and 3) sample 85, pixel 0 samples cell 0's 10
            float[] f = MsroiMap.compute(m, new Planar(6, 4, px), NATIVE.withEvidence(ClassEvidence.FEATURES)).map().values();
            assertThat(f[2]).isEqualTo(1f);
            assertThat(f[0]).isCloseTo(10f / 85, org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    @Test
    void refusesANetworkWithoutClassMaps() {
        ModelInfo info = new ModelInfo("c1-2-gap", List.of("a", "b"), new InputSpec(1, 4, 4, new Normalization(new float[] {0f}, new float[] {1f})), "test");
        try (SieveModel m = SieveModel.create(info, 1)) {
            assertThatThrownBy(() -> MsroiMap.compute(m, new Planar(4, 4, new float[16]), NATIVE))
                    .hasMessageContaining("not an MS-ROI network");
        }
    }
}
