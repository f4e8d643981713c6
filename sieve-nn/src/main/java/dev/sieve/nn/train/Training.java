package dev.sieve.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.Network;
import dev.sieve.nn.model.SieveModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The training loop: each epoch visits the training set in a seeded random order in mini-batches
 * (augmented when asked), minimizing softmax cross-entropy of the primary label (or, for an MS-ROI
 * network, the per-class sigmoid cross-entropy of all the image's labels, thesis eq. 2.6), then
 * measures the test set. Train accuracy counts a hit when the top class is one of the image's
 * labels. Each step's tensors live in a sub-manager that is closed after the step (DJL frees
 * native memory only when its manager closes: otherwise memory grows and speed falls). Schemes (RePr, DSD, distillation, the orthogonality
 * loss) plug in through {@link TrainingHooks}. A batch whose data loss is not finite or exceeds
 * {@link #EXPLODED} stops the run with a {@link TrainingDivergedException}.
 */
public final class Training {
    /** A data loss above this (nats per image: logits 10⁴ apart) counts as diverged. */
    public static final double EXPLODED = 1e4;
    private final SieveModel model;
    private final TrainingConfig config;

    public Training(SieveModel model, TrainingConfig config) {
        this.model = model;
        this.config = config;
    }

    /** Standard training on {@code train} for the configured epochs, evaluating on {@code test} after each. */
    public List<EpochResult> run(ImageDataset train, ImageDataset test, TrainingListener listener) {
        return run(train, test, listener, TrainingHooks.NONE);
    }

    /** As {@link #run(ImageDataset, ImageDataset, TrainingListener)} with a scheme's {@code hooks}; returns the epochs trained in this call. */
    public List<EpochResult> run(ImageDataset train, ImageDataset test, TrainingListener listener, TrainingHooks hooks) {
        var in = model.input();
        if (train.channels() != in.channels() || train.height() != in.height() || train.width() != in.width()) {
            throw new IllegalArgumentException(train.source() + ": images are " + train.width() + "x" + train.height() + "x"
                    + train.channels() + ", the model takes " + in.width() + "x" + in.height() + "x" + in.channels());
        }
        int bs = config.batchSize();
        int batches = (train.size() + bs - 1) / bs;
        int total = batches * config.epochs();
        Tracker lr = config.schedule().tracker(config.learningRate(), total, 2 * batches);
        boolean multiLabel = model.network().head() == Network.Head.CLASS_MAPS;
        int classes = model.numClasses();
        Loss loss = multiLabel ? Loss.sigmoidBinaryCrossEntropyLoss() : Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig tc = new DefaultTrainingConfig(loss).optOptimizer(hooks.optimizer(config, lr))
                .optDevices(new ai.djl.Device[] {model.device()});
        SplittableRandom runRandom = new SplittableRandom(config.seed());
        List<EpochResult> results = new ArrayList<>();
        int size = train.imageSize(), hw = train.height() * train.width();
        float[] raw = new float[bs * size];
        float[] scratch = new float[hw];
        long[] labels = new long[bs];
        int[][] labelSets = new int[bs][];
        float[] hot = new float[multiLabel ? bs * classes : 0];
        try (Trainer trainer = model.model().newTrainer(tc)) {
            trainer.initialize(new Shape(1, in.channels(), in.height(), in.width()));
            int first = hooks.begin();
            int update = (first - 1) * batches;
            for (int epoch = first; epoch <= config.epochs(); epoch++) {
                long start = System.nanoTime();
                hooks.epochStart(epoch);
                SplittableRandom rnd = hooks.dataRandom(epoch, runRandom);
                int[] order = permutation(train.size(), rnd);
                double lossSum = 0;
                long correct = 0, seen = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * bs, n = Math.min(bs, train.size() - from);
                    for (int i = 0; i < n; i++) {
                        train.pixels(order[from + i], raw, i * size);
                        if (!config.augmentation().isNone()) {
                            config.augmentation().apply(raw, i * size, train.channels(), train.height(), train.width(), rnd, scratch);
                        }
                        labels[i] = train.label(order[from + i]);
                        labelSets[i] = train.labels(order[from + i]);
                    }
                    if (multiLabel) {
                        Arrays.fill(hot, 0f);
                        for (int i = 0; i < n; i++) {
                            for (int c : labelSets[i]) {
                                hot[i * classes + c] = 1f;
                            }
                        }
                    }
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        float[] images = n == bs ? raw : Arrays.copyOf(raw, n * size);
                        NDArray x = step.create(images, new Shape(n, in.channels(), in.height(), in.width()));
                        NDArray y = multiLabel
                                ? step.create(Arrays.copyOf(hot, n * classes), new Shape(n, classes))
                                : step.create(n == bs ? labels : Arrays.copyOf(labels, n));
                        NDArray logits;
                        NDArray dataLoss;
                        Gradients.zero(model);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            logits = trainer.forward(new NDList(model.normalize(x))).get(0);
                            dataLoss = loss.evaluate(new NDList(y), new NDList(logits));
                            gc.backward(hooks.loss(step, images, n, logits, dataLoss));
                        }
                        hooks.afterBackward();
                        trainer.step();
                        update++;
                        float batchLoss = dataLoss.getFloat();
                        if (!(batchLoss <= EXPLODED)) {
                            throw new TrainingDivergedException(epoch, b + 1, batchLoss);
                        }
                        lossSum += batchLoss * n;
                        correct += hits(logits.argMax(1).toLongArray(), labelSets);
                        seen += n;
                    }
                    listener.batch(epoch, n, lossSum / seen, (double) correct / seen);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Accuracy acc = Evaluation.accuracy(model, test, 256, k -> { });
                EpochResult r = new EpochResult(epoch, config.schedule().at(config.learningRate(), update - 1, total, 2 * batches),
                        lossSum / seen, (double) correct / seen, acc.loss(), acc.top1(), seconds, seen / seconds);
                results.add(r);
                hooks.epochEnd(r);
                listener.epoch(r);
            }
        }
        return results;
    }

    private static long hits(long[] top, int[][] labelSets) {
        long h = 0;
        for (int i = 0; i < top.length; i++) {
            for (int c : labelSets[i]) {
                if (c == top[i]) {
                    h++;
                    break;
                }
            }
        }
        return h;
    }

    /** A uniformly random permutation of 0..n−1 (Fisher–Yates) drawn from {@code rnd}. */
    public static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
