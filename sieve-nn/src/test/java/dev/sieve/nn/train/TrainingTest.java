package dev.sieve.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingTest {
    static InMemoryDataset train;
    static InMemoryDataset test;

    @BeforeAll
    static void load() throws IOException {
        train = FashionMnist.load(FashionMnist.DEBIAN_DIR, true);
        test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
    }

    static ModelInfo c3(ImageDataset d) {
        return new ModelInfo("c3-32", d.classes(), new InputSpec(1, 28, 28, new Normalization(new float[] {0.286f}, new float[] {0.353f})), "test");
    }

    @Test
    void vanillaC3TrainedOneShortEpochOnFashionMnistBeatsChanceByAWideMargin() {
        try (SieveModel m = SieveModel.create(c3(train), 1)) {
            // thesis §5.4: SGD, learning rate 0.01
            TrainingConfig cfg = new TrainingConfig(1, 32, OptimizerKind.SGD, 0.01f, 0f, Schedule.FIXED, Augmentation.NONE, 1);
            List<EpochResult> r = new Training(m, cfg).run(train.head(3000), test.head(500), new TrainingListener() { });
            assertThat(r).hasSize(1);
            // chance is 10 %
            assertThat(r.get(0).testAccuracy()).isGreaterThan(0.60);
            assertThat(r.get(0).trainLoss()).isLessThan(Math.log(10));
        }
    }

    @Test
    void sameSeedGivesIdenticalWeights() {
        float[][] w = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (SieveModel m = SieveModel.create(c3(train), 3)) {
                TrainingConfig cfg = new TrainingConfig(1, 32, OptimizerKind.ADAM, 0.001f, 1e-4f, Schedule.CYCLIC, new Augmentation(2, true), 9);
                new Training(m, cfg).run(train.head(256), test.head(64), new TrainingListener() { });
                w[run] = StateDict.export(m.network()).get("conv2.weight").data();
            }
        }
        assertThat(w[1]).containsExactly(w[0]);
    }

    @Test
    void aDivergingLossStopsTrainingWithAClearError() {
        try (SieveModel m = SieveModel.create(c3(train), 2)) {
            TrainingConfig cfg = new TrainingConfig(2, 32, OptimizerKind.SGD, 1e6f, 0f, Schedule.FIXED, Augmentation.NONE, 1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Training(m, cfg).run(train.head(256), test.head(64), new TrainingListener() { }))
                    .isInstanceOf(TrainingDivergedException.class).hasMessageStartingWith("training diverged in epoch 1, batch ")
                    .hasMessageEndingWith("; lower the learning rate");
        }
    }

    @Test
    void trainingLeavesNoArraysBehindOnTheModelFromEpochToEpoch() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            try (SieveModel m = SieveModel.create(c3(train), 4)) {
                TrainingConfig cfg = new TrainingConfig(3, 32, kind, 0.001f, 1e-4f, Schedule.FIXED, Augmentation.NONE, 1);
                List<Integer> arrays = new java.util.ArrayList<>();
                new Training(m, cfg).run(train.head(128), test.head(32), new TrainingListener() {
                    @Override
                    public void epoch(EpochResult r) {
                        arrays.add(m.model().getNDManager().getManagedArrays().size());
                    }
                });
                // DJL frees an array's native memory only when it is closed: a count that grows leaks every step
                assertThat(arrays).as(kind.toString()).hasSize(3).containsOnly(arrays.get(0));
            }
        }
    }
}
