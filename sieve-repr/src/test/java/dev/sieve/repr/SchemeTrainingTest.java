package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SchemeTraining} picks the loop and its configuration the way {@code sieve train} always has (same bytes). */
class SchemeTrainingTest {
    private static final InMemoryDataset TRAIN = ReprFixtures.bars(96, 1), TEST = ReprFixtures.bars(32, 2);
    private static final TrainingConfig TC = ReprFixtures.training(3, OptimizerKind.MOMENTUM, 0.02f, 4);

    private static SchemeTraining scheme(SchemeSpec.Kind kind, String metric, float orthoLambda, Path teacher) {
        return new SchemeTraining(SchemeSpec.of(kind, metric, false, false), 1, 1, 0.3, 1, 64, 5000, orthoLambda, teacher, 4, 0.9f);
    }

    private static float[] conv2(SieveModel m) {
        return StateDict.export(m.network()).get("conv2.weight").data();
    }

    @Test
    void plainStandardTrainingIsTrainingsDefaultLoopByteForByte() throws IOException {
        float[] viaScheme, direct;
        try (SieveModel m = ReprFixtures.model("c3-4", 7)) {
            scheme(SchemeSpec.Kind.STANDARD, "ortho", 0, null).train(m, TC, TRAIN, TEST, new ReprListener() { });
            viaScheme = conv2(m);
        }
        try (SieveModel m = ReprFixtures.model("c3-4", 7)) {
            new Training(m, TC).run(TRAIN, TEST, new ReprListener() { });
            direct = conv2(m);
        }
        assertThat(viaScheme).containsExactly(direct);
    }

    @Test
    void rePrWithTheOrthogonalityLossIsReprSchemeByteForByte() throws IOException {
        float[] viaScheme, direct;
        try (SieveModel m = ReprFixtures.model("c3-4", 7)) {
            scheme(SchemeSpec.Kind.REPR, "weights", 0.01f, null).train(m, TC, TRAIN, TEST, new ReprListener() { });
            viaScheme = conv2(m);
        }
        try (SieveModel m = ReprFixtures.model("c3-4", 7)) {
            new ReprScheme(m, TC, new ReprConfig(1, 1, 0.3, 1, "weights", true, true, 64, 0.01f, null)).run(TRAIN, null, TEST,
                    new ReprListener() { });
            direct = conv2(m);
        }
        assertThat(viaScheme).containsExactly(direct);
    }

    @Test
    void aTeacherOfAnotherImageSizeIsRefusedNamingItsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("teacher.safetensors");
        try (SieveModel big = DistillationTest.model(20, 0.3f, java.util.List.of("a", "b", "c", "d"))) {
            big.save(file);
        }
        try (SieveModel student = ReprFixtures.model("c3-4", 1)) {
            assertThatThrownBy(() -> scheme(SchemeSpec.Kind.STANDARD, "ortho", 0, file).train(student, TC, TRAIN, TEST, new ReprListener() { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(file + ": teacher c2-6 takes 1x20x20 images")
                    .hasMessageEndingWith("has 4 classes");
        }
    }

    @Test
    void badCombinationsFailWithMessagesThatNameNoCommandLineOption() {
        assertThatThrownBy(() -> scheme(SchemeSpec.Kind.BAN, "ortho", 0, null))
                .hasMessage("born-again training needs a teacher checkpoint (the previous generation)");
        assertThatThrownBy(() -> scheme(SchemeSpec.Kind.REPR, "ortho", 0, null).checkEpochs(1))
                .hasMessage("REPR with N=1, S1=1, S2=1 needs 2 epochs, the run has 1");
        try (SieveModel m = ReprFixtures.model("c3-4", 1)) {
            assertThatThrownBy(() -> scheme(SchemeSpec.Kind.REPR, "oracle", 0, null).train(m, TC, TRAIN, TEST, new ReprListener() { }))
                    .hasMessage("the Oracle ranking holds out 5000 validation images and needs at least 10000 training images, there are 96");
        }
    }

    @Test
    void rePrLeavesNoArraysBehindOnTheModelFromCycleToCycle() throws IOException {
        for (OptimizerKind kind : OptimizerKind.values()) {
            try (SieveModel m = ReprFixtures.model("c3-4", 7)) {
                java.util.List<Integer> arrays = new java.util.ArrayList<>();
                // N = 2, S1 = S2 = 1: epochs 1, 3, 5, 6 train the full network, 2 and 4 the sub-network
                new SchemeTraining(SchemeSpec.of(SchemeSpec.Kind.REPR, "ortho", false, false), 1, 1, 0.3, 2, 64, 5000, 0, null, 4, 0.9f)
                        .train(m, ReprFixtures.training(6, kind, 0.02f, 4), TRAIN, TEST, new ReprListener() {
                            @Override
                            public void epoch(dev.sieve.nn.train.EpochResult r) {
                                arrays.add(m.model().getNDManager().getManagedArrays().size());
                            }
                        });
                assertThat(arrays).as(kind.toString()).hasSize(6);
                assertThat(java.util.List.of(arrays.get(2), arrays.get(4), arrays.get(5))).as(kind + ": full network").containsOnly(arrays.get(0));
                assertThat(arrays.get(3)).as(kind + ": sub-network").isEqualTo(arrays.get(1));
            }
        }
    }
}
