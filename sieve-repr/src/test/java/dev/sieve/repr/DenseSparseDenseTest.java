package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.nn.Parameter;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.OptimizerKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DenseSparseDenseTest {
    private static final InMemoryDataset TRAIN = ReprFixtures.bars(96, 1), TEST = ReprFixtures.bars(32, 2);

    @Test
    void sparsePhaseKeepsTheSmallestThirtyPercentOfEveryWeightTensorAtZeroThenRedensifies() {
        try (SieveModel model = ReprFixtures.model("c3-8", 5)) {
            Map<String, Parameter> named = StateDict.parameters(model.network());
            int[] sparseBatches = {0};
            float[][] firstConvAtDrop = new float[1][];
            ReprConfig dsd = SchemeSpec.parse("dsd").config(1, 2, 0.3, 1, 64);
            ReprRun run = new ReprScheme(model, ReprFixtures.training(4, OptimizerKind.MOMENTUM, 0.02f, 3), dsd).run(TRAIN, null, TEST,
                    new ReprListener() {
                        @Override
                        public void dropped(int epoch, int iteration, boolean[][] selection, double seconds) {
                            firstConvAtDrop[0] = named.get("conv1.weight").getArray().toFloatArray();
                        }

                        @Override
                        public void batch(int epoch, int images, double loss, double accuracy) {
                            if (epoch == 2 || epoch == 3) {
                                for (Map.Entry<String, Parameter> e : named.entrySet()) {
                                    float[] w = e.getValue().getArray().toFloatArray();
                                    int zeros = 0;
                                    for (float v : w) {
                                        zeros += v == 0f ? 1 : 0;
                                    }
                                    if (WeightMask.prunable(e.getValue())) {
                                        assertThat(zeros).as(e.getKey()).isEqualTo(Math.round(0.3 * w.length));
                                    } else {
                                        assertThat(zeros).as(e.getKey()).isLessThan(w.length);
                                    }
                                }
                                sparseBatches[0]++;
                            }
                        }
                    });
            assertThat(sparseBatches[0]).isEqualTo(2 * 3);
            assertThat(run.prunedEpochs()).containsExactly(false, true, true, false);
            assertThat(run.droppedPerLayer()).hasSize(1);
            float[] w = named.get("conv1.weight").getArray().toFloatArray();
            int zeros = 0;
            for (float v : w) {
                zeros += v == 0f ? 1 : 0;
            }
            assertThat(zeros).as("re-densified weights train again").isZero();
            assertThat(firstConvAtDrop[0]).isNotNull();
        }
    }
}
