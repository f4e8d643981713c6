package dev.sieve.repr;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.SubsetDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingHooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RePr training (thesis Algorithm 3): for N iterations, train the full network S1 epochs, rank
 * every filter with the chosen metric, drop the bottom p %, train the sub-network S2 epochs,
 * re-initialize the dropped filters orthogonally ({@link OrthogonalReinit}); then train the full
 * network for the remaining epochs. With N = 0 it is standard training, through the same loop and
 * the same {@link ResettableOptimizer}, so the two differ only in the scheme.
 *
 * <p>The loop is {@code sieve-nn}'s {@link Training}; RePr's steps are its {@link TrainingHooks}
 * (drop at epoch start, extra loss terms, gradient masks after backward, re-initialization and
 * checkpoint at epoch end, the {@link ResettableOptimizer}). S1 and S2 count epochs, as in
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
        Hooks hooks = new Hooks(train, validation, listener, checkpoint);
        try {
            new Training(model, training).run(train, test, listener, hooks);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (hooks.mask != null) {
                hooks.mask.close();
            }
            if (hooks.weightMask != null) {
                hooks.weightMask.close();
            }
        }
        return new ReprRun(hooks.results, hooks.prunedEpochs, hooks.dropped, hooks.orthoSum, hooks.rankingSeconds, hooks.kernels);
    }

    /** Algorithm 3's steps in {@link Training}'s loop, and the run's state (what a checkpoint holds). */
    private final class Hooks implements TrainingHooks {
        private final ImageDataset validation;
        private final ReprListener listener;
        private final Path checkpoint;
        private final ImageDataset rankingSample;
        private final String fingerprint;
        private final List<EpochResult> results = new ArrayList<>();
        private final boolean[] prunedEpochs = new boolean[training.epochs()];
        private final double[] orthoSum = new double[training.epochs()];
        private final String[] kernels = new String[training.epochs()];
        private final List<int[]> dropped = new ArrayList<>();
        private double rankingSeconds;
        private Map<String, Parameter> named;
        private FilterMask mask;
        private WeightMask weightMask;
        private float[][][] preDrop;

        Hooks(ImageDataset train, ImageDataset validation, ReprListener listener, Path checkpoint) {
            this.validation = validation;
            this.listener = listener;
            this.checkpoint = checkpoint;
            this.rankingSample = sample(train, repr.rankingImages(), stream(STREAM_RANKING_SAMPLE, 0));
            this.fingerprint = model.info().architecture() + "|train=" + train.source() + ":" + train.size() + "|" + training + "|"
                    + repr.describe();
        }

        @Override
        public Optimizer optimizer(TrainingConfig config, Tracker learningRate) {
            optimizer = new ResettableOptimizer(config.optimizer(), learningRate, config.weightDecay());
            return optimizer;
        }

        @Override
        public int begin() {
            named = StateDict.parameters(model.network());
            if (checkpoint == null || !Files.exists(checkpoint)) {
                return 1;
            }
            try {
                RunCheckpoint cp = RunCheckpoint.load(checkpoint);
                if (!cp.fingerprint().equals(fingerprint)) {
                    throw new IllegalArgumentException(checkpoint + ": checkpoint of another configuration (" + cp.fingerprint()
                            + "), this run is " + fingerprint);
                }
                cp.restoreParameters(named, checkpoint);
                optimizer.restore(named, cp.optimizer());
                results.addAll(cp.epochs());
                System.arraycopy(cp.prunedEpochs(), 0, prunedEpochs, 0, prunedEpochs.length);
                System.arraycopy(cp.orthoSum(), 0, orthoSum, 0, orthoSum.length);
                System.arraycopy(cp.kernels(), 0, kernels, 0, Math.min(kernels.length, cp.kernels().length));
                dropped.addAll(cp.droppedPerLayer());
                rankingSeconds = cp.rankingSeconds();
                if (cp.filterDrop() != null) {
                    mask = new FilterMask(layers, cp.filterDrop());
                    preDrop = cp.preDrop();
                }
                if (cp.weightDrop() != null) {
                    weightMask = new WeightMask(named, cp.weightDrop());
                }
                return cp.epochsDone() + 1;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public SplittableRandom dataRandom(int epoch, SplittableRandom run) {
            return new SplittableRandom(stream(STREAM_DATA, epoch));
        }

        @Override
        public void epochStart(int epoch) {
            if (repr.dropsBefore(epoch)) {
                drop(epoch);
            }
            prunedEpochs[epoch - 1] = mask != null || weightMask != null;
        }

        private void drop(int epoch) {
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

        @Override
        public NDArray loss(NDManager step, float[] images, int n, NDArray logits, NDArray dataLoss) {
            NDArray l = dataLoss;
            if (repr.distillation() != null) {
                l = repr.distillation().loss(step, images, n, logits, dataLoss);
            }
            if (repr.orthoLambda() > 0) {
                l = l.add(OrthogonalityLoss.of(step, layers, repr.orthoLambda()));
            }
            return l;
        }

        @Override
        public void afterBackward() {
            if (mask != null) {
                mask.maskGradients();
            }
            if (weightMask != null) {
                weightMask.maskGradients();
            }
        }

        @Override
        public void epochEnd(EpochResult r) {
            int epoch = r.epoch();
            orthoSum[epoch - 1] = FilterOrthogonality.networkSum(layers);
            kernels[epoch - 1] = NnRuntime.kernelsAndThreads();
            results.add(r);
            if (repr.reinitializesAfter(epoch)) {
                // after the epoch's test evaluation, so a pruned epoch reports the sub-network (Figure 5.1 [D])
                reinitialize(epoch);
            }
            if (checkpoint != null) {
                Map<String, float[]> values = new LinkedHashMap<>();
                named.forEach((k, p) -> values.put(k, p.getArray().toFloatArray()));
                try {
                    new RunCheckpoint(fingerprint, epoch, values, optimizer.snapshot(named), mask == null ? null : mask.dropped(), preDrop,
                            weightMask == null ? null : weightMask.dropped(), results, prunedEpochs, orthoSum, dropped, rankingSeconds,
                            kernels).save(checkpoint);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }

        private void reinitialize(int epoch) {
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
