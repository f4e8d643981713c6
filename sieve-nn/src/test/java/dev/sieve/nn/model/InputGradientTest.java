package dev.sieve.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.Planar;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputGradientTest {
    /** Central finite difference of the per-image loss for sample {@code k} of channel {@code c}. */
    private static double numeric(SieveModel m, Planar img, int target, ClassifierLoss loss, int c, int k, float h) {
        Planar plus = img.copy(), minus = img.copy();
        plus.plane(c)[k] += h;
        minus.plane(c)[k] -= h;
        float[] lp = m.inputGradient(List.of(plus), new int[] {target}, loss).losses();
        float[] lm = m.inputGradient(List.of(minus), new int[] {target}, loss).losses();
        return (lp[0] - (double) lm[0]) / (2 * h);
    }

    @Test
    void inputGradientsMatchFiniteDifferencesOnATinyNetwork() {
        try (SieveModel m = SieveModel.create(ArchitecturesTest.info("c2-4-gap", 3, 2, 5), 11)) {
            List<Planar> images = WeightImportTest.randomImages(2, m.input(), 5);
            int[] targets = {1, 2};
            for (ClassifierLoss loss : ClassifierLoss.values()) {
                InputGradient g = m.inputGradient(images, targets, loss);
                assertThat(g.gradients()).hasSize(2);
                int checked = 0, agreeing = 0;
                double maxGrad = 0;
                for (int i = 0; i < 2; i++) {
                    for (int c = 0; c < 2; c++) {
                        for (int k = 0; k < 25; k += 2) {
                            double num = numeric(m, images.get(i), targets[i], loss, c, k, 1f);
                            double ana = g.gradients().get(i).plane(c)[k];
                            checked++;
                            agreeing += Math.abs(num - ana) <= 2e-6 + 0.01 * Math.abs(ana) ? 1 : 0;
                            maxGrad = Math.max(maxGrad, Math.abs(ana));
                        }
                    }
                }
                assertThat(maxGrad).as(loss + " gradient is not trivially zero").isGreaterThan(1e-4);
                // a sample whose ±1 step crosses a ReLU kink may disagree; almost all must match
                assertThat(agreeing).as(loss + " samples whose finite difference matches the gradient").isGreaterThanOrEqualTo(checked - 2);
            }
        }
    }

    @Test
    void crossEntropyLossEqualsMinusLogSoftmaxOfLogits() {
        try (SieveModel m = SieveModel.create(ArchitecturesTest.info("c1-3-gap", 4, 1, 6), 3)) {
            List<Planar> images = WeightImportTest.randomImages(1, m.input(), 9);
            float[] z = m.logits(images)[0];
            double lse = 0;
            for (float v : z) {
                lse += Math.exp(v);
            }
            float ce = m.inputGradient(images, new int[] {2}, ClassifierLoss.CROSS_ENTROPY).losses()[0];
            assertThat((double) ce).isCloseTo(Math.log(lse) - z[2], org.assertj.core.data.Offset.offset(1e-4));
            float logit = m.inputGradient(images, new int[] {2}, ClassifierLoss.LOGIT).losses()[0];
            assertThat(logit).isEqualTo(z[2]);
        }
    }

    @Test
    void logitLossGradientWeighsTheLogitsOfItsOwnPassAndReturnsThem() {
        try (SieveModel m = SieveModel.create(ArchitecturesTest.info("c2-4-gap", 3, 2, 5), 11)) {
            List<Planar> images = WeightImportTest.randomImages(3, m.input(), 5);
            // log-sum-exp: its logit weights are the softmax of the logits
            LogitLoss lse = new LogitLoss() {
                @Override
                public double value(int i, float[] z) {
                    double s = 0;
                    for (float v : z) {
                        s += Math.exp(v);
                    }
                    return Math.log(s);
                }

                @Override
                public float[] weights(int i, float[] z) {
                    double s = 0;
                    for (float v : z) {
                        s += Math.exp(v);
                    }
                    float[] w = new float[z.length];
                    for (int k = 0; k < z.length; k++) {
                        w[k] = (float) (Math.exp(z[k]) / s);
                    }
                    return w;
                }
            };
            float[][] z = m.logits(images);
            InputGradient g = m.logitLossGradient(images, lse);
            float[][] w = new float[3][];
            for (int i = 0; i < 3; i++) {
                w[i] = lse.weights(i, z[i]);
            }
            InputGradient twoPasses = m.logitGradient(images, w);
            for (int i = 0; i < 3; i++) {
                assertThat(g.logits()[i]).containsExactly(z[i]);
                assertThat(g.losses()[i]).isEqualTo((float) lse.value(i, z[i]));
                assertThat(g.gradients().get(i).plane(1)).containsExactly(twoPasses.gradients().get(i).plane(1));
                assertThat(m.inputGradient(images, new int[] {0, 1, 2}, ClassifierLoss.CROSS_ENTROPY).logits()[i]).containsExactly(z[i]);
            }
        }
    }
}
