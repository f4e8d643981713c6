package dev.sieve.repr;

import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.Gradients;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.SubsetDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.Accuracy;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Evaluation;
import dev.sieve.nn.train.TrainingConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RePr training (thesis Algorithm 3): for N iterations, train the full network S1 epochs, rank
 * every filter with the chosen metric, drop the bottom p %, train the sub-network S2 epochs,
 * re-initialize the dropped filters orthogonally ({@link OrthogonalReinit}); then train the full
 * network for the remaining epochs. With N = 0 it is standard training, through the same loop and
 * the same {@link ResettableOptimizer}, so the two differ only in the scheme.
 *
 * <p>The loop is the one of {@code sieve-nn}'s {@code Training} (seeded shuffling and augmentation,
 * per-step sub-manager, learning-rate schedule over all epochs, test evaluation after each epoch),
 * with the steps RePr needs between backward and the optimizer step. S1 and S2 count epochs, as in
 * Figure 5.1 ("iterations" in Algorithm 3). Seeds: the model's initialization is the caller's; the
 * shuffling, augmentation, ranking sample, random ranking and re-initialization derive from
 * {@code training.seed()}.
 */
public final class ReprScheme {
    private final SieveModel model;
    private final TrainingConfig training;
    private final ReprConfig repr;
    private final List<ConvLayer> layers;
    private ResettableOptimizer optimizer;

    public ReprScheme(SieveModel model, TrainingConfig training, ReprConfig repr) {
        this.model = model;
        this.training = training;
        this.repr = repr;
        this.layers = ConvLayer.of(model.network());
        if (repr.cycleEpochs() > training.epochs()) {
            throw new IllegalArgumentException("RePr with N=" + repr.iterations() + ", S1=" + repr.s1() + ", S2=" + repr.s2() + " needs "
                    + repr.cycleEpochs() + " epochs, the run has " + training.epochs());
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException(model.info().architecture() + " has no convolutional layers to rank");
        }
        if (repr.distillation() != null) {
            repr.distillation().checkCompatible(model);
        }
    }

    /** The convolutional layers RePr acts on. */
    public List<ConvLayer> layers() {
        return layers;
    }

    /** The optimizer of the last {@link #run} (for inspecting its state). */
    public ResettableOptimizer optimizer() {
        return optimizer;
    }

    /**
     * Trains on {@code train}, measuring {@code test} after each epoch; {@code validation}
     * (nullable) is what the Oracle ranking measures.
     */
    public ReprRun run(ImageDataset train, ImageDataset validation, ImageDataset test, ReprListener listener) {
        var in = model.input();
        if (train.channels() != in.channels() || train.height() != in.height() || train.width() != in.width()) {
            throw new IllegalArgumentException(train.source() + ": images are " + train.width() + "x" + train.height() + "x"
                    + train.channels() + ", the model takes " + in.width() + "x" + in.height() + "x" + in.channels());
        }
        int bs = training.batchSize();
        int batches = (train.size() + bs - 1) / bs;
        int total = batches * training.epochs();
        optimizer = new ResettableOptimizer(training.optimizer(), training.schedule().tracker(training.learningRate(), total, 2 * batches),
                training.weightDecay());
        Loss ce = Loss.softmaxCrossEntropyLoss();
        DefaultTrainingConfig tc = new DefaultTrainingConfig(ce).optOptimizer(optimizer).optDevices(new ai.djl.Device[] {model.device()});
        SplittableRandom rnd = new SplittableRandom(training.seed());
        SplittableRandom reprRnd = new SplittableRandom(training.seed() ^ 0x5DEECE66DL);
        ImageDataset rankingSample = sample(train, repr.rankingImages(), reprRnd.nextLong());
        List<EpochResult> results = new ArrayList<>();
        boolean[] prunedEpochs = new boolean[training.epochs()];
        double[] orthoSum = new double[training.epochs()];
        List<int[]> dropped = new ArrayList<>();
        double rankingSeconds = 0;
        int size = train.imageSize(), hw = train.height() * train.width();
        float[] raw = new float[bs * size];
        float[] scratch = new float[hw];
        long[] labels = new long[bs];
        FilterMask mask = null;
        float[][][] preDrop = null;
        try (Trainer trainer = model.model().newTrainer(tc)) {
            trainer.initialize(new Shape(1, in.channels(), in.height(), in.width()));
            List<Parameter> params = new ArrayList<>(StateDict.parameters(model.network()).values());
            int update = 0;
            for (int epoch = 1; epoch <= training.epochs(); epoch++) {
                long start = System.nanoTime();
                if (repr.dropsBefore(epoch)) {
                    long t0 = System.nanoTime();
                    int iteration = dropped.size() + 1;
                    FilterRanking ranking = Rankings.byName(repr.metric());
                    ImageDataset rankOn = repr.metric().equalsIgnoreCase("oracle") && validation != null ? validation : rankingSample;
                    FilterScores scores = ranking.rank(new RankingContext(model, layers, rankOn, 256, reprRnd.nextLong(), repr.excludeFirst()));
                    boolean[][] selection = scores.select(repr.prune(), repr.globalRanking(), repr.excludeFirst());
                    preDrop = new float[layers.size()][][];
                    for (int l = 0; l < layers.size(); l++) {
                        preDrop[l] = FilterMask.any(selection[l]) ? layers.get(l).rows() : null;
                    }
                    mask = new FilterMask(layers, selection);
                    mask.apply(optimizer);
                    int[] perLayer = FilterScores.droppedPerLayer(selection);
                    dropped.add(perLayer);
                    double s = (System.nanoTime() - t0) / 1e9;
                    rankingSeconds += s;
                    listener.dropped(epoch, iteration, mask.dropped(), s);
                }
                prunedEpochs[epoch - 1] = mask != null;
                int[] order = Training.permutation(train.size(), rnd);
                double lossSum = 0;
                long correct = 0, seen = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * bs, n = Math.min(bs, train.size() - from);
                    for (int i = 0; i < n; i++) {
                        train.pixels(order[from + i], raw, i * size);
                        if (!training.augmentation().isNone()) {
                            training.augmentation().apply(raw, i * size, train.channels(), train.height(), train.width(), rnd, scratch);
                        }
                        labels[i] = train.label(order[from + i]);
                    }
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        float[] batchRaw = n == bs ? raw : Arrays.copyOf(raw, n * size);
                        NDArray x = step.create(batchRaw, new Shape(n, in.channels(), in.height(), in.width()));
                        NDArray y = step.create(n == bs ? labels : Arrays.copyOf(labels, n));
                        Gradients.zero(params);
                        NDArray logits;
                        NDArray hard;
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            logits = trainer.forward(new NDList(model.normalize(x))).get(0);
                            hard = ce.evaluate(new NDList(y), new NDList(logits));
                            NDArray l = hard;
                            if (repr.distillation() != null) {
                                l = repr.distillation().loss(step, batchRaw, n, logits, hard);
                            }
                            if (repr.orthoLambda() > 0) {
                                l = l.add(OrthogonalityLoss.of(step, layers, repr.orthoLambda()));
                            }
                            gc.backward(l);
                        }
                        if (mask != null) {
                            mask.maskGradients();
                        }
                        trainer.step();
                        update++;
                        lossSum += hard.getFloat() * n;
                        correct += logits.argMax(1).eq(y).sum().getLong();
                        seen += n;
                    }
                    listener.batch(epoch, n, lossSum / seen, (double) correct / seen);
                }
                if (!Double.isFinite(lossSum)) {
                    throw new IllegalStateException("training diverged in epoch " + epoch + " (loss " + lossSum / seen
                            + "); lower the learning rate");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Accuracy acc = Evaluation.accuracy(model, test, 256, k -> { });
                orthoSum[epoch - 1] = FilterOrthogonality.networkSum(layers);
                EpochResult r = new EpochResult(epoch, training.schedule().at(training.learningRate(), update - 1, total, 2 * batches),
                        lossSum / seen, (double) correct / seen, acc.loss(), acc.top1(), seconds, seen / seconds);
                results.add(r);
                listener.epoch(r);
                if (repr.reinitializesAfter(epoch)) {
                    // after the epoch's test evaluation, so a pruned epoch reports the sub-network (Figure 5.1 [D])
                    long t0 = System.nanoTime();
                    OrthogonalReinit.Result ri = OrthogonalReinit.apply(mask, preDrop, optimizer, reprRnd.nextLong());
                    mask.close();
                    mask = null;
                    preDrop = null;
                    rankingSeconds += (System.nanoTime() - t0) / 1e9;
                    listener.reinitialized(epoch, dropped.size(), ri);
                }
            }
        } finally {
            if (mask != null) {
                mask.close();
            }
        }
        return new ReprRun(results, prunedEpochs, dropped, orthoSum, rankingSeconds);
    }

    private static ImageDataset sample(ImageDataset train, int n, long seed) {
        if (n >= train.size()) {
            return train;
        }
        int[] p = Training.permutation(train.size(), new SplittableRandom(seed));
        return new SubsetDataset(train, Arrays.copyOf(p, n));
    }
}
