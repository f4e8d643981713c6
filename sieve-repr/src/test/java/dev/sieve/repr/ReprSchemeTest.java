package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.OptimizerKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ReprSchemeTest {
    private static final InMemoryDataset TRAIN = ReprFixtures.bars(128, 1), TEST = ReprFixtures.bars(64, 2);

    /** S1 = 1, S2 = 2, N = 1, then 1 more epoch: epochs 2 and 3 train the sub-network. */
    private static ReprConfig oneCycle(String metric) {
        return new ReprConfig(1, 2, 0.3, 1, metric, true, true, 128, 0f, null);
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void prunedFiltersStayExactlyZeroThroughSubNetworkSteps(OptimizerKind optimizer) {
        try (SieveModel model = ReprFixtures.model("c3-12", 7)) {
            ReprScheme scheme = new ReprScheme(model, ReprFixtures.training(4, optimizer, optimizer == OptimizerKind.ADAM ? 0.005f : 0.02f, 3),
                    oneCycle("ortho"));
            List<ConvLayer> layers = scheme.layers();
            int[][] expected = new int[1][];
            List<float[]> keptBefore = new ArrayList<>();
            int[] checkedSteps = {0};
            scheme.run(TRAIN, null, TEST, new ReprListener() {
                @Override
                public void dropped(int epoch, int iteration, boolean[][] selection, double seconds) {
                    expected[0] = FilterScores.droppedPerLayer(selection);
                    assertThat(ReprFixtures.zeroRows(layers)).containsExactly(expected[0]);
                    keptBefore.add(layers.get(2).weight().getArray().toFloatArray());
                }

                @Override
                public void batch(int epoch, int images, double loss, double accuracy) {
                    if (epoch == 2 || epoch == 3) {
                        assertThat(ReprFixtures.zeroRows(layers)).containsExactly(expected[0]);
                        checkedSteps[0]++;
                    } else {
                        assertThat(ReprFixtures.zeroRows(layers)).containsOnly(0);
                    }
                }
            });
            assertThat(expected[0][0]).isZero();
            assertThat(expected[0][1] + expected[0][2]).isEqualTo(Math.round(0.3 * 24));
            assertThat(checkedSteps[0]).isEqualTo(8);
            assertThat(layers.get(2).weight().getArray().toFloatArray()).isNotEqualTo(keptBefore.get(0));
            for (ConvLayer l : layers) {
                assertThat(l.bias().getArray().toFloatArray()).doesNotContain(Float.NaN);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"MOMENTUM", "ADAM"})
    void reinitializedFiltersAreOrthogonalToKeptAndPreDropOnesAndHaveZeroOptimizerState(OptimizerKind optimizer) {
        try (SieveModel model = ReprFixtures.model("c3-12", 8)) {
            ReprScheme scheme = new ReprScheme(model, ReprFixtures.training(4, optimizer, optimizer == OptimizerKind.ADAM ? 0.005f : 0.01f, 4), oneCycle("weights"));
            List<ConvLayer> layers = scheme.layers();
            boolean[][][] selection = new boolean[1][][];
            float[][][] preDrop = new float[layers.size()][][];
            int[] checked = {0};
            scheme.run(TRAIN, null, TEST, new ReprListener() {
                @Override
                public void dropped(int epoch, int iteration, boolean[][] s, double seconds) {
                    selection[0] = s;
                }

                @Override
                public void batch(int epoch, int images, double loss, double accuracy) {
                    if (epoch == 1) {
                        for (int l = 0; l < layers.size(); l++) {
                            preDrop[l] = layers.get(l).rows();
                        }
                    }
                }

                @Override
                public void reinitialized(int epoch, int iteration, OrthogonalReinit.Result result) {
                    assertThat(result.withoutKeptOrthogonality()).isZero();
                    assertThat(result.withoutPreDropOrthogonality()).isZero();
                    for (int l = 1; l < layers.size(); l++) {
                        float[][] rows = layers.get(l).rows();
                        boolean[] drop = selection[0][l];
                        for (int f = 0; f < rows.length; f++) {
                            if (!drop[f]) {
                                continue;
                            }
                            assertThat(norm(rows[f])).isCloseTo(Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-4));
                            assertThat(Math.abs(cosine(rows[f], preDrop[l][f]))).isLessThan(1e-5);
                            for (int k = 0; k < rows.length; k++) {
                                if (k != f) {
                                    assertThat(Math.abs(cosine(rows[f], rows[k]))).as("layer %d filters %d, %d", l, f, k).isLessThan(1e-5);
                                }
                            }
                            checked[0]++;
                        }
                        for (Parameter p : layers.get(l).perFilterParameters()) {
                            for (NDArray state : scheme.optimizer().state(p)) {
                                float[] s = state.toFloatArray();
                                int per = s.length / drop.length;
                                boolean keptNonZero = false;
                                for (int f = 0; f < drop.length; f++) {
                                    for (int k = f * per; k < (f + 1) * per; k++) {
                                        if (drop[f]) {
                                            assertThat(s[k]).isZero();
                                        } else {
                                            keptNonZero |= s[k] != 0;
                                        }
                                    }
                                }
                                assertThat(keptNonZero).as("kept filters keep their state").isTrue();
                            }
                        }
                    }
                }
            });
            assertThat(checked[0]).isEqualTo(Math.round(0.3 * 24));
        }
    }

    @Test
    void batchNormOfReinitializedFiltersIsReset() {
        try (SieveModel model = ReprFixtures.model("resnet20", 9)) {
            ReprScheme scheme = new ReprScheme(model, ReprFixtures.training(3, OptimizerKind.MOMENTUM, 0.02f, 5),
                    new ReprConfig(1, 1, 0.3, 1, "ortho", true, true, 64, 0f, null));
            List<ConvLayer> layers = scheme.layers();
            assertThat(layers).hasSize(21).allMatch(ConvLayer::hasBatchNorm);
            boolean[][][] selection = new boolean[1][][];
            int[] reset = {0};
            scheme.run(TRAIN.head(64), null, TEST.head(16), new ReprListener() {
                @Override
                public void dropped(int epoch, int iteration, boolean[][] s, double seconds) {
                    selection[0] = s;
                }

                @Override
                public void reinitialized(int epoch, int iteration, OrthogonalReinit.Result result) {
                    for (int l = 0; l < layers.size(); l++) {
                        ConvLayer c = layers.get(l);
                        float[] g = c.gamma().getArray().toFloatArray(), b = c.beta().getArray().toFloatArray();
                        float[] mean = c.runningMean().getArray().toFloatArray(), var = c.runningVar().getArray().toFloatArray();
                        for (int f = 0; f < g.length; f++) {
                            if (selection[0][l][f]) {
                                assertThat(new float[] {g[f], b[f], mean[f], var[f]}).containsExactly(1f, 0f, 0f, 1f);
                                reset[0]++;
                            }
                        }
                    }
                }
            });
            assertThat(selection[0][0]).containsOnly(false);
            assertThat(reset[0]).isPositive();
        }
    }

    @Test
    void sameSeedGivesTheSameRun() {
        double[] a = run(11), b = run(11);
        assertThat(a).containsExactly(b);
    }

    private static double[] run(long seed) {
        try (SieveModel model = ReprFixtures.model("c3-12", seed)) {
            ReprRun r = new ReprScheme(model, ReprFixtures.training(3, OptimizerKind.MOMENTUM, 0.02f, seed), oneCycle("random"))
                    .run(TRAIN, null, TEST, new ReprListener() { });
            return r.epochs().stream().flatMapToDouble(e -> java.util.stream.DoubleStream.of(e.trainLoss(), e.testAccuracy())).toArray();
        }
    }

    @Test
    void tooFewEpochsForTheCyclesAreRejected() {
        try (SieveModel model = ReprFixtures.model("c3-8", 1)) {
            assertThatThrownBy(() -> new ReprScheme(model, ReprFixtures.training(2, OptimizerKind.SGD, 0.1f, 1), oneCycle("ortho")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 3 epochs");
        }
    }

    private static double norm(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
        }
        return dot / (norm(a) * norm(b));
    }
}
