package dev.sieve.nn.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hooks of {@link Training}'s one loop: when they run and what they change. */
class TrainingHooksTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    private static InMemoryDataset noise(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] px = new byte[n * 8 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) rnd.nextInt(256);
        }
        return new InMemoryDataset(px, rnd.ints(n, 0, 3).toArray(), 1, 8, 8, CLASSES, "noise");
    }

    private static SieveModel model() {
        return SieveModel.create(new ModelInfo("c2-4", CLASSES, new InputSpec(1, 8, 8, new Normalization(new float[] {0.5f},
                new float[] {0.3f})), "test"), 5);
    }

    private static TrainingConfig config(int epochs) {
        return new TrainingConfig(epochs, 16, OptimizerKind.SGD, 0.05f, 0f, Schedule.FIXED, Augmentation.NONE, 2);
    }

    private static Map<String, float[]> weights(SieveModel m) {
        Map<String, float[]> w = new java.util.LinkedHashMap<>();
        StateDict.export(m.network()).forEach((k, t) -> w.put(k, t.data()));
        return w;
    }

    @Test
    void hooksRunAtEpochStartPerBatchAndAtEpochEndBeforeTheListener() {
        List<String> events = new ArrayList<>();
        try (SieveModel m = model()) {
            new Training(m, config(2)).run(noise(40, 1), noise(8, 2), new TrainingListener() {
                @Override
                public void epoch(EpochResult r) {
                    events.add("listener " + r.epoch());
                }
            }, new TrainingHooks() {
                @Override
                public int begin() {
                    events.add("begin");
                    return 1;
                }

                @Override
                public void epochStart(int epoch) {
                    events.add("start " + epoch);
                }

                @Override
                public NDArray loss(NDManager step, float[] images, int n, NDArray logits, NDArray dataLoss) {
                    events.add("loss " + n);
                    return dataLoss;
                }

                @Override
                public void afterBackward() {
                    events.add("backward");
                }

                @Override
                public void epochEnd(EpochResult r) {
                    events.add("end " + r.epoch());
                }
            });
        }
        List<String> epoch = List.of("loss 16", "backward", "loss 16", "backward", "loss 8", "backward");
        List<String> expected = new ArrayList<>(List.of("begin", "start 1"));
        expected.addAll(epoch);
        expected.addAll(List.of("end 1", "listener 1", "start 2"));
        expected.addAll(epoch);
        expected.addAll(List.of("end 2", "listener 2"));
        assertThat(events).containsExactlyElementsOf(expected);
    }

    @Test
    void aGradientZeroedAfterBackwardLeavesItsWeightUnchangedWhileTheOthersTrain() {
        try (SieveModel m = model()) {
            Map<String, float[]> before = weights(m);
            var fc = StateDict.parameters(m.network()).get("fc.weight");
            new Training(m, config(1)).run(noise(40, 1), noise(8, 2), new TrainingListener() { }, new TrainingHooks() {
                @Override
                public void afterBackward() {
                    Gradients.zero(List.of(fc));
                }
            });
            Map<String, float[]> after = weights(m);
            assertThat(after.get("fc.weight")).containsExactly(before.get("fc.weight"));
            assertThat(after.get("fc.bias")).isNotEqualTo(before.get("fc.bias"));
        }
    }

    @Test
    void anExtraLossTermChangesTheTrainedWeights() {
        Map<String, float[]> wPlain, wExtra;
        try (SieveModel m = model()) {
            new Training(m, config(1)).run(noise(40, 1), noise(8, 2), new TrainingListener() { });
            wPlain = weights(m);
        }
        try (SieveModel m = model()) {
            new Training(m, config(1)).run(noise(40, 1), noise(8, 2), new TrainingListener() { }, new TrainingHooks() {
                @Override
                public NDArray loss(NDManager step, float[] images, int n, NDArray logits, NDArray dataLoss) {
                    return dataLoss.add(logits.square().mean().mul(10));
                }
            });
            wExtra = weights(m);
        }
        assertThat(wExtra.get("fc.weight")).isNotEqualTo(wPlain.get("fc.weight"));
    }

    @Test
    void aRunResumedAtEpochTwoTrainsOnlyTheRemainingEpochs() {
        List<Integer> epochs = new ArrayList<>();
        try (SieveModel m = model()) {
            List<EpochResult> r = new Training(m, config(3)).run(noise(40, 1), noise(8, 2), new TrainingListener() { }, new TrainingHooks() {
                @Override
                public int begin() {
                    return 2;
                }

                @Override
                public void epochStart(int epoch) {
                    epochs.add(epoch);
                }
            });
            assertThat(r).extracting(EpochResult::epoch).containsExactly(2, 3);
        }
        assertThat(epochs).containsExactly(2, 3);
    }
}
