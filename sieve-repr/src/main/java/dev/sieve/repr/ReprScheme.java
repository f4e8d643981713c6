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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * shuffling and augmentation of each epoch, the ranking sample, and each drop's random ranking and
 * re-initialization derive from {@code training.seed()} and the epoch alone, so a run resumed from
 * its checkpoint ({@link RunCheckpoint}) draws what the uninterrupted run would have. With
 * {@link ReprConfig.Sparsity#WEIGHTS} the same loop runs Dense–Sparse–Dense ({@link WeightMask}).
 */
public final class ReprScheme {
    private static final long STREAM_DATA = 1, STREAM_RANKING = 2, STREAM_REINIT = 3, STREAM_RANKING_SAMPLE = 4;
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
        try {
            return run(train, validation, test, listener, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * As {@link #run(ImageDataset, ImageDataset, ImageDataset, ReprListener)}, checkpointing to
     * {@code checkpoint} (nullable) after every epoch. When that file exists the run continues from
     * it and ends exactly as an uninterrupted run of the same configuration would (same weights,
     * same curves); a checkpoint of another configuration is an {@link IllegalArgumentException}.
     * The listener sees only the epochs trained in this call.
     */
    public ReprRun run(ImageDataset train, ImageDataset validation, ImageDataset test, ReprListener listener, Path checkpoint)
            throws java.io.IOException {
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
        ImageDataset rankingSample = sample(train, repr.rankingImages(), stream(STREAM_RANKING_SAMPLE, 0));
        String fingerprint = model.info().architecture() + "|train=" + train.source() + ":" + train.size() + "|" + training + "|"
                + repr.describe();
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
        WeightMask weightMask = null;
        float[][][] preDrop = null;
        try (Trainer trainer = model.model().newTrainer(tc)) {
            trainer.initialize(new Shape(1, in.channels(), in.height(), in.width()));
            Map<String, Parameter> named = StateDict.parameters(model.network());
            List<Parameter> params = new ArrayList<>(named.values());
            int first = 1;
            if (checkpoint != null && Files.exists(checkpoint)) {
                RunCheckpoint cp = RunCheckpoint.load(checkpoint);
                if (!cp.fingerprint().equals(fingerprint)) {
                    throw new IllegalArgumentException(checkpoint + ": checkpoint of another configuration (" + cp.fingerprint() + "), this run is "
                            + fingerprint);
                }
                cp.restoreParameters(named, checkpoint);
                optimizer.restore(named, cp.optimizer());
                results.addAll(cp.epochs());
                System.arraycopy(cp.prunedEpochs(), 0, prunedEpochs, 0, prunedEpochs.length);
                System.arraycopy(cp.orthoSum(), 0, orthoSum, 0, orthoSum.length);
                dropped.addAll(cp.droppedPerLayer());
                rankingSeconds = cp.rankingSeconds();
                if (cp.filterDrop() != null) {
                    mask = new FilterMask(layers, cp.filterDrop());
                    preDrop = cp.preDrop();
                }
                if (cp.weightDrop() != null) {
                    weightMask = new WeightMask(named, cp.weightDrop());
                }
                first = cp.epochsDone() + 1;
            }
            int update = (first - 1) * batches;
            for (int epoch = first; epoch <= training.epochs(); epoch++) {
                long start = System.nanoTime();
                if (repr.dropsBefore(epoch)) {
                    long t0 = System.nanoTime();
                    int iteration = dropped.size() + 1;
                    boolean[][] selection;
                    if (repr.sparsity() == ReprConfig.Sparsity.WEIGHTS) {
                        weightMask = WeightMask.byMagnitude(named, repr.prune());
                        weightMask.apply(optimizer);
                        dropped.add(weightMask.droppedPerTensor());
                        selection = new boolean[0][];
                    } else {
                        FilterRanking ranking = Rankings.byName(repr.metric());
                        ImageDataset rankOn = repr.metric().equalsIgnoreCase("oracle") && validation != null ? validation : rankingSample;
                        FilterScores scores = ranking.rank(new RankingContext(model, layers, rankOn, 256, stream(STREAM_RANKING, epoch),
                                repr.excludeFirst()));
                        selection = scores.select(repr.prune(), repr.globalRanking(), repr.excludeFirst());
                        preDrop = new float[layers.size()][][];
                        for (int l = 0; l < layers.size(); l++) {
                            preDrop[l] = FilterMask.any(selection[l]) ? layers.get(l).rows() : null;
                        }
                        mask = new FilterMask(layers, selection);
                        mask.apply(optimizer);
                        selection = mask.dropped();
                        dropped.add(FilterScores.droppedPerLayer(selection));
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    rankingSeconds += s;
                    listener.dropped(epoch, iteration, selection, s);
                }
                prunedEpochs[epoch - 1] = mask != null || weightMask != null;
                SplittableRandom rnd = new SplittableRandom(stream(STREAM_DATA, epoch));
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
                        if (weightMask != null) {
                            weightMask.maskGradients();
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
                if (repr.reinitializesAfter(epoch)) {
                    // after the epoch's test evaluation, so a pruned epoch reports the sub-network (Figure 5.1 [D])
                    long t0 = System.nanoTime();
                    if (weightMask != null) {
                        weightMask.release(optimizer);
                        weightMask.close();
                        weightMask = null;
                        rankingSeconds += (System.nanoTime() - t0) / 1e9;
                    } else {
                        OrthogonalReinit.Result ri = OrthogonalReinit.apply(mask, repr.reinitOrthogonalToPreDrop() ? preDrop
                                : new float[layers.size()][][], optimizer, stream(STREAM_REINIT, epoch));
                        mask.close();
                        mask = null;
                        preDrop = null;
                        rankingSeconds += (System.nanoTime() - t0) / 1e9;
                        listener.reinitialized(epoch, dropped.size(), ri);
                    }
                }
                if (checkpoint != null) {
                    Map<String, float[]> values = new LinkedHashMap<>();
                    named.forEach((k, p) -> values.put(k, p.getArray().toFloatArray()));
                    new RunCheckpoint(fingerprint, epoch, values, optimizer.snapshot(named), mask == null ? null : mask.dropped(), preDrop,
                            weightMask == null ? null : weightMask.dropped(), results, prunedEpochs, orthoSum, dropped, rankingSeconds)
                            .save(checkpoint);
                }
                listener.epoch(r);
            }
        } finally {
            if (mask != null) {
                mask.close();
            }
            if (weightMask != null) {
                weightMask.close();
            }
        }
        return new ReprRun(results, prunedEpochs, dropped, orthoSum, rankingSeconds);
    }

    /** The seed of random stream {@code kind} at {@code epoch}: a function of the run's seed only, so a resumed run draws the same numbers. */
    private long stream(long kind, int epoch) {
        return new SplittableRandom(training.seed() * 0x9E3779B97F4A7C15L + kind * 0xD1B54A32D192ED03L + epoch).nextLong();
    }

    private static ImageDataset sample(ImageDataset train, int n, long seed) {
        if (n >= train.size()) {
            return train;
        }
        int[] p = Training.permutation(train.size(), new SplittableRandom(seed));
        return new SubsetDataset(train, Arrays.copyOf(p, n));
    }
}
