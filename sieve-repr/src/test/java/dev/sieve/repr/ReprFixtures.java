package dev.sieve.repr;

import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import java.util.List;
import java.util.SplittableRandom;

/** Small real models and a learnable synthetic data set for the RePr tests. */
final class ReprFixtures {
    static final int SIZE = 16;

    private ReprFixtures() {
    }

    /** {@code arch} on 1×16×16 inputs with 4 classes, seeded. */
    static SieveModel model(String arch, long seed) {
        InputSpec in = new InputSpec(1, SIZE, SIZE, new Normalization(new float[] {0.3f}, new float[] {0.3f}));
        return SieveModel.create(new ModelInfo(arch, List.of("a", "b", "c", "d"), in, "synthetic bars"), seed);
    }

    /** {@code n} noisy 16×16 images: class k is a bright horizontal bar in rows 4k, 4k+1 or a vertical one in columns 4k, 4k+1. */
    static InMemoryDataset bars(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] px = new byte[n * SIZE * SIZE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(4);
            boolean vertical = rnd.nextBoolean();
            labels[i] = k;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    boolean on = vertical ? x / 2 == 2 * k : y / 2 == 2 * k;
                    int v = (on ? 200 : 30) + rnd.nextInt(40);
                    px[i * SIZE * SIZE + y * SIZE + x] = (byte) v;
                }
            }
        }
        return new InMemoryDataset(px, labels, 1, SIZE, SIZE, List.of("a", "b", "c", "d"), "bars");
    }

    static TrainingConfig training(int epochs, OptimizerKind opt, float lr, long seed) {
        return new TrainingConfig(epochs, 32, opt, lr, 5e-4f, Schedule.FIXED, Augmentation.NONE, seed);
    }

    /** Number of all-zero rows of every layer. */
    static int[] zeroRows(List<ConvLayer> layers) {
        int[] z = new int[layers.size()];
        for (int l = 0; l < z.length; l++) {
            for (float[] row : layers.get(l).rows()) {
                boolean zero = true;
                for (float v : row) {
                    zero &= v == 0f;
                }
                z[l] += zero ? 1 : 0;
            }
        }
        return z;
    }
}
