package dev.sieve.repr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A run stopped after epoch k and resumed from its checkpoint ends exactly as the uninterrupted run. */
class ResumeTest {
    private static final InMemoryDataset TRAIN = ReprFixtures.bars(96, 1), TEST = ReprFixtures.bars(32, 2);

    /** Thrown by the listener to stop a run the way a kill would, right after an epoch's checkpoint. */
    private static final class Stop extends RuntimeException {
    }

    /** S1 = 1, S2 = 2, N = 1, 5 epochs: epoch 2 drops, epoch 3 re-initializes / re-densifies. */
    private static ReprConfig config(String scheme) {
        return SchemeSpec.parse(scheme).config(1, 2, 0.3, 1, 64);
    }

    @ParameterizedTest
    @CsvSource({"repr-ortho, MOMENTUM, 2", "repr-random+no-predrop, ADAM, 1", "dsd, ADAM, 2", "dsd, MOMENTUM, 3", "standard, SGD, 4"})
    void resumedRunEndsWithTheUninterruptedRunsWeightsAndCurves(String scheme, OptimizerKind opt, int stopAfter, @TempDir Path dir)
            throws IOException {
        TrainingConfig tc = ReprFixtures.training(5, opt, opt == OptimizerKind.ADAM ? 0.005f : 0.02f, 3);
        Map<String, float[]> whole;
        List<EpochResult> wholeCurve;
        try (SieveModel m = ReprFixtures.model("c3-8", 4)) {
            wholeCurve = new ReprScheme(m, tc, config(scheme)).run(TRAIN, null, TEST, new ReprListener() { }, dir.resolve("a.ckpt")).epochs();
            whole = values(m);
        }
        Path ckpt = dir.resolve("b.ckpt");
        try (SieveModel m = ReprFixtures.model("c3-8", 4)) {
            assertThatThrownBy(() -> new ReprScheme(m, tc, config(scheme)).run(TRAIN, null, TEST, new ReprListener() {
                @Override
                public void epoch(EpochResult r) {
                    if (r.epoch() == stopAfter) {
                        throw new Stop();
                    }
                }
            }, ckpt)).isInstanceOf(Stop.class);
        }
        assertThat(RunCheckpoint.load(ckpt).epochsDone()).isEqualTo(stopAfter);
        int[] trained = {0};
        ReprRun resumed;
        // another initialization seed: every weight must come from the checkpoint
        try (SieveModel m = ReprFixtures.model("c3-8", 99)) {
            resumed = new ReprScheme(m, tc, config(scheme)).run(TRAIN, null, TEST, new ReprListener() {
                @Override
                public void epoch(EpochResult r) {
                    trained[0]++;
                }
            }, ckpt);
            Map<String, float[]> after = values(m);
            assertThat(after.keySet()).containsExactlyElementsOf(whole.keySet());
            for (String k : whole.keySet()) {
                assertThat(after.get(k)).as(k).containsExactly(whole.get(k));
            }
        }
        assertThat(trained[0]).isEqualTo(5 - stopAfter);
        assertThat(resumed.epochs()).hasSize(5);
        assertThat(resumed.kernels()).as("every epoch records its kernels and threads, also those before the stop")
                .containsOnly(dev.sieve.nn.NnRuntime.kernelsAndThreads());
        assertThat(resumed.kernelRanges()).containsExactly("epochs 1-5: " + dev.sieve.nn.NnRuntime.kernelsAndThreads());
        for (int e = 0; e < 5; e++) {
            assertThat(resumed.epochs().get(e).testAccuracy()).isEqualTo(wholeCurve.get(e).testAccuracy());
            assertThat(resumed.epochs().get(e).trainLoss()).isEqualTo(wholeCurve.get(e).trainLoss());
        }
    }

    @ParameterizedTest
    @CsvSource({"repr-ortho", "dsd"})
    void checkpointOfAnotherConfigurationIsRefused(String scheme, @TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("c.ckpt");
        try (SieveModel m = ReprFixtures.model("c3-8", 4)) {
            new ReprScheme(m, ReprFixtures.training(3, OptimizerKind.SGD, 0.02f, 3), config(scheme)).run(TRAIN, null, TEST, new ReprListener() { }, ckpt);
        }
        try (SieveModel m = ReprFixtures.model("c3-8", 4)) {
            assertThatThrownBy(() -> new ReprScheme(m, ReprFixtures.training(3, OptimizerKind.SGD, 0.03f, 3), config(scheme))
                    .run(TRAIN, null, TEST, new ReprListener() { }, ckpt)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another configuration");
        }
        Files.write(ckpt, new byte[] {0x53, 0x52, 0x50, 0x31, 0, 5, 'a'});
        assertThatThrownBy(() -> RunCheckpoint.load(ckpt)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @org.junit.jupiter.api.Test
    void aCheckpointWrittenBeforeKernelsWereRecordedLoadsWithItsEpochsUnrecorded(@TempDir Path dir) throws IOException {
        Path ckpt = dir.resolve("k.ckpt");
        try (SieveModel m = ReprFixtures.model("c3-8", 4)) {
            new ReprScheme(m, ReprFixtures.training(3, OptimizerKind.SGD, 0.02f, 3), config("repr-ortho")).run(TRAIN, null, TEST,
                    new ReprListener() { }, ckpt);
        }
        RunCheckpoint now = RunCheckpoint.load(ckpt);
        byte[] b = Files.readAllBytes(ckpt);
        int trailer = 4;
        for (String k : now.kernels()) {
            trailer += 2 + k.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        Path old = dir.resolve("old.ckpt");
        Files.write(old, java.util.Arrays.copyOf(b, b.length - trailer));
        RunCheckpoint before = RunCheckpoint.load(old);
        assertThat(before.epochsDone()).isEqualTo(3);
        assertThat(before.epochs()).isEqualTo(now.epochs());
        assertThat(before.kernels()).hasSize(3).containsOnlyNulls();
        assertThat(before.run().kernelRanges()).containsExactly("epochs 1-3: unknown");
        assertThat(now.run().kernelRanges()).containsExactly("epochs 1-3: " + dev.sieve.nn.NnRuntime.kernelsAndThreads());
    }

    private static Map<String, float[]> values(SieveModel m) {
        Map<String, float[]> v = new LinkedHashMap<>();
        StateDict.parameters(m.network()).forEach((k, p) -> v.put(k, p.getArray().toFloatArray()));
        return v;
    }
}
