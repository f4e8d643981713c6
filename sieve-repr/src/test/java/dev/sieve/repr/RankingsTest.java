package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.model.SieveModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingsTest {
    private static final InMemoryDataset DATA = ReprFixtures.bars(64, 5);

    @Test
    void everyMetricScoresEveryFilterOfTheRankedLayersAndLeavesTheWeightsAsTheyWere() {
        try (SieveModel model = ReprFixtures.model("c3-6", 3)) {
            List<ConvLayer> layers = ConvLayer.of(model.network());
            float[] before = layers.get(1).weight().getArray().toFloatArray();
            for (String name : Rankings.NAMES) {
                FilterScores s = Rankings.byName(name).rank(new RankingContext(model, layers, DATA, 32, 9, true));
                assertThat(s.importance()[0]).as(name).isNull();
                for (int l = 1; l < 3; l++) {
                    assertThat(java.util.Arrays.stream(s.importance()[l]).boxed().toList()).as(name).hasSize(6).allMatch(Double::isFinite);
                }
                assertThat(layers.get(1).weight().getArray().toFloatArray()).as(name).containsExactly(before);
            }
        }
    }

    @Test
    void oracleImportanceIsTheAccuracyLostWhenTheFilterIsZeroed() {
        try (SieveModel model = ReprFixtures.model("c2-4", 4)) {
            List<ConvLayer> layers = ConvLayer.of(model.network());
            double base = dev.sieve.nn.train.Evaluation.accuracy(model, DATA, 32, k -> { }).top1();
            FilterScores s = new OracleRanking().rank(new RankingContext(model, layers, DATA, 32, 0, false));
            ConvLayer l = layers.get(1);
            l.weight().getArray().set(new ai.djl.ndarray.index.NDIndex(2), 0f);
            l.bias().getArray().set(new ai.djl.ndarray.index.NDIndex(2), 0f);
            double without = dev.sieve.nn.train.Evaluation.accuracy(model, DATA, 32, k -> { }).top1();
            assertThat(s.importance()[1][2]).isCloseTo(base - without, within(1e-3));
        }
    }

    @Test
    void randomRankingIsSeeded() {
        try (SieveModel model = ReprFixtures.model("c3-6", 3)) {
            List<ConvLayer> layers = ConvLayer.of(model.network());
            double[][] a = new RandomRanking().rank(new RankingContext(model, layers, null, 32, 7, false)).importance();
            double[][] b = new RandomRanking().rank(new RankingContext(model, layers, null, 32, 7, false)).importance();
            double[][] c = new RandomRanking().rank(new RankingContext(model, layers, null, 32, 8, false)).importance();
            assertThat(a).isDeepEqualTo(b);
            assertThat(a[1]).isNotEqualTo(c[1]);
        }
    }

    @Test
    void activationMetricsRejectNetworksWithNestedConvolutions() {
        try (SieveModel model = ReprFixtures.model("resnet20", 3)) {
            List<ConvLayer> layers = ConvLayer.of(model.network());
            assertThatThrownBy(() -> new ApozRanking().rank(new RankingContext(model, layers, DATA, 32, 0, true)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top-level stages");
            assertThat(new FilterOrthogonality().rank(new RankingContext(model, layers, null, 32, 0, true)).importance()[20]).hasSize(64);
        }
    }

    @Test
    void unknownMetricNamesTheKnownOnes() {
        assertThatThrownBy(() -> Rankings.byName("hessian")).hasMessageContaining("ortho, ortho-signed, weights");
    }

    @Test
    void orthogonalityLossEqualsLambdaTimesTheNetworkOrthoSum() {
        try (SieveModel model = ReprFixtures.model("c3-6", 3); NDManager m = model.model().getNDManager().newSubManager()) {
            List<ConvLayer> layers = ConvLayer.of(model.network());
            float loss = OrthogonalityLoss.of(m, layers, 0.01f).getFloat();
            assertThat((double) loss).isCloseTo(0.01 * FilterOrthogonality.networkSum(layers), within(1e-5));
        }
    }

    @Test
    void orthoSumLeavesPrunedFiltersOut() {
        try (SieveModel model = ReprFixtures.model("c1-3", 3)) {
            List<ConvLayer> layers = ConvLayer.of(model.network());
            float[][] w = layers.get(0).rows();
            double[][] p = FilterOrthogonality.overlap(new float[][] {w[0], w[2]});
            double kept = p[0][0] + p[0][1] + p[1][0] + p[1][1];
            var weight = dev.sieve.nn.model.StateDict.parameters(model.network()).get("conv1.weight").getArray();
            float[] all = weight.toFloatArray();
            java.util.Arrays.fill(all, w[0].length, 2 * w[0].length, 0f);
            weight.set(java.nio.FloatBuffer.wrap(all));
            assertThat(FilterOrthogonality.networkSum(ConvLayer.of(model.network()))).isCloseTo(kept, within(1e-9));
        }
    }
}
