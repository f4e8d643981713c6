package dev.sieve.adversarial;

import dev.sieve.image.Planar;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.FashionMnist;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small C^2(16) trained in-process on 9 600 Fashion-MNIST images (150 steps of 64, a few seconds),
 * once per test JVM, plus the first test images it classifies correctly.
 */
public final class TinyModel {
    private static SieveModel model;
    private static InMemoryDataset test;

    private TinyModel() {
    }

    public static synchronized SieveModel get() {
        if (model == null) {
            try {
                InMemoryDataset train = FashionMnist.load(FashionMnist.DEBIAN_DIR, true);
                test = FashionMnist.load(FashionMnist.DEBIAN_DIR, false);
                ModelInfo info = new ModelInfo("c2-16", train.classes(),
                        new InputSpec(1, 28, 28, new Normalization(new float[] {0.286f}, new float[] {0.353f})), "test: 9600 Fashion-MNIST images");
                model = SieveModel.create(info, 7);
                new Training(model, new TrainingConfig(1, 64, OptimizerKind.MOMENTUM, 0.01f, 0f, Schedule.FIXED, Augmentation.NONE, 7))
                        .run(train.head(9600), test.head(64), new TrainingListener() { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    /** The first {@code n} test images the model classifies correctly, and their labels. */
    public static Batch correct(int n) {
        SieveModel m = get();
        List<Planar> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        float[] raw = new float[784];
        for (int i = 0; images.size() < n; i++) {
            test.pixels(i, raw, 0);
            Planar p = new Planar(28, 28, raw.clone());
            float[] z = m.logits(List.of(p))[0];
            int best = 0;
            for (int k = 1; k < z.length; k++) {
                best = z[k] > z[best] ? k : best;
            }
            if (best == test.label(i)) {
                images.add(p);
                labels.add(test.label(i));
            }
        }
        return new Batch(images, labels.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Fraction of {@code images} classified as {@code labels}. */
    public static double accuracy(List<Planar> images, int[] labels) {
        float[][] z = get().logits(images);
        int ok = 0;
        for (int i = 0; i < z.length; i++) {
            int best = 0;
            for (int k = 1; k < z[i].length; k++) {
                best = z[i][k] > z[i][best] ? k : best;
            }
            ok += best == labels[i] ? 1 : 0;
        }
        return (double) ok / z.length;
    }

    public record Batch(List<Planar> images, int[] labels) {
    }
}
