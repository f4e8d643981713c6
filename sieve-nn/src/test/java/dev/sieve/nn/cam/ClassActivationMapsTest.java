package dev.sieve.nn.cam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.image.Planar;
import dev.sieve.image.saliency.SaliencyMap;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.model.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassActivationMapsTest {
    /**
     * A hand-built C^1(2)-GAP on 3×3 single-channel images with normalization mean 0, std 1/255
     * (so the network sees the raw sample values): filter 0 is the identity (centre tap 1), filter
     * 1 is minus the identity with bias 1; fc weights w^c_d are chosen by hand.
     */
    private static SieveModel handBuilt(boolean gap) {
        ModelInfo info = new ModelInfo(gap ? "c1-2-gap" : "c1-2", List.of("a", "b", "c"),
                new InputSpec(1, 3, 3, new Normalization(new float[] {0f}, new float[] {1f / 255f})), "hand-built");
        SieveModel m = SieveModel.create(info, 1);
        float[] conv = new float[18];
        conv[4] = 1f;
        conv[9 + 4] = -1f;
        Map<String, Tensor> dict = new HashMap<>();
        dict.put("conv1.weight", new Tensor(new long[] {2, 1, 3, 3}, conv));
        dict.put("conv1.bias", new Tensor(new long[] {2}, new float[] {0f, 1f}));
        if (gap) {
            dict.put("fc.weight", new Tensor(new long[] {3, 2}, new float[] {2f, 0f, 0f, 3f, 1f, 1f}));
        } else {
            float[] w = new float[3 * 18];
            for (int i = 0; i < w.length; i++) {
                w[i] = (i % 7) * 0.5f - 1f;
            }
            dict.put("fc.weight", new Tensor(new long[] {3, 18}, w));
        }
        dict.put("fc.bias", new Tensor(new long[] {3}, new float[] {0.5f, -0.5f, 0f}));
        StateDict.load(m.network(), dict, "hand-built", false);
        return m;
    }

    private static final float[] PIXELS = {0.2f, 0.9f, 0.4f, 0.0f, 1.5f, 0.7f, 0.3f, 0.1f, 0.6f};

    @Test
    void camOfHandBuiltNetworkEqualsEquation22() {
        try (SieveModel m = handBuilt(true)) {
            Activations a = m.activations(new Planar(3, 3, PIXELS.clone()));
            // f_0 = relu(x), f_1 = relu(1 − x)
            float[] f0 = new float[9], f1 = new float[9];
            for (int p = 0; p < 9; p++) {
                f0[p] = Math.max(0, PIXELS[p]);
                f1[p] = Math.max(0, 1 - PIXELS[p]);
            }
            float[][] w = {{2, 0}, {0, 3}, {1, 1}};
            for (int c = 0; c < 3; c++) {
                float[] cam = ClassActivationMaps.cam(a, c);
                double sum = 0;
                for (int p = 0; p < 9; p++) {
                    assertThat(cam[p]).isCloseTo(w[c][0] * f0[p] + w[c][1] * f1[p], within(1e-5f));
                    sum += cam[p];
                }
                // global average pooling: mean of the CAM plus the bias is the logit
                assertThat(sum / 9 + new float[] {0.5f, -0.5f, 0f}[c]).isCloseTo(a.logits()[c], within(1e-5));
            }
        }
    }

    @Test
    void rcamIsTopKMapsWeightedByPowersOfTwoNormalizedByMax() {
        try (SieveModel m = handBuilt(true)) {
            Activations a = m.activations(new Planar(3, 3, PIXELS.clone()));
            int[] top = ClassActivationMaps.topClasses(a.logits(), 2);
            float[] m1 = ClassActivationMaps.cam(a, top[0]), m2 = ClassActivationMaps.cam(a, top[1]);
            float[] expected = new float[9];
            float max = 0;
            for (int p = 0; p < 9; p++) {
                expected[p] = m1[p] / 2 + m2[p] / 4;
                max = Math.max(max, expected[p]);
            }
            float[] r = ClassActivationMaps.robust(a, 2);
            for (int p = 0; p < 9; p++) {
                assertThat(r[p]).isCloseTo(Math.max(0, expected[p] / max), within(1e-6f));
            }
            assertThat(r).contains(1f);
            SaliencyMap map = ClassActivationMaps.rcam(m, new Planar(6, 6, new float[36]), 2);
            assertThat(map.width()).isEqualTo(6);
            assertThat(map.height()).isEqualTo(6);
        }
    }

    @Test
    void flatteningHeadCamSumsToTheLogit() {
        try (SieveModel m = handBuilt(false)) {
            Activations a = m.activations(new Planar(3, 3, PIXELS.clone()));
            assertThat(a.perPosition()).isTrue();
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (float v : ClassActivationMaps.cam(a, c)) {
                    sum += v;
                }
                assertThat(sum + new float[] {0.5f, -0.5f, 0f}[c]).isCloseTo(a.logits()[c], within(1e-4));
            }
        }
    }
}
