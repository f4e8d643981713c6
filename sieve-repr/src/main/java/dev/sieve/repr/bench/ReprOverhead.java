package dev.sieve.repr.bench;

import dev.sieve.image.metrics.Median;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.repr.ReprConfig;
import dev.sieve.repr.ReprListener;
import dev.sieve.repr.ReprRun;
import dev.sieve.repr.ReprScheme;
import java.util.function.BiConsumer;

/**
 * Wall time per training epoch of RePr against standard training (the baseline), both through the same
 * loop and optimizer (momentum 0.9, lr 0.01, weight decay 5e-4, batch 128), after one untimed warm-up
 * epoch on 512 images. Each round trains 3 epochs of each; RePr runs S1 = 1, S2 = 1, N = 1, so one
 * ranking, one pruned epoch and one re-initialization fall into the measurement. The two alternate and
 * the medians over rounds are reported, so drifting machine load hits both alike; the thesis schedule
 * (100 epochs, N = 3, S2 = 10) is projected from the measured parts (full epoch, pruned epoch, ranking).
 */
public final class ReprOverhead {
    /**
     * Medians over rounds, seconds: a standard epoch, a RePr epoch (mean of its 3), a full RePr epoch, a
     * pruned epoch (ranking excluded), ranking with re-initialization; the RePr/standard ratio per round and
     * projected to the thesis schedule.
     */
    public record Result(double standardSeconds, double reprSeconds, double fullEpochSeconds, double prunedEpochSeconds,
            double rankSeconds, double[] ratioPerRound, double projectedRatio) {
        /** RePr over standard seconds per epoch. */
        public double ratio() {
            return reprSeconds / standardSeconds;
        }
    }

    private ReprOverhead() {
    }

    /**
     * Measures {@code rounds} rounds of {@code arch} with ranking {@code metric} on {@code train} (test
     * accuracy on {@code test} each epoch, not timed); {@code progress} hears the scheme (standard or RePr)
     * and the round (from 0) before each run.
     */
    public static Result run(String arch, String metric, ImageDataset train, ImageDataset test, int rounds, BiConsumer<String, Integer> progress) {
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(train.channels(), train.height(), train.width(),
                Normalization.of(train)), train.source());
        TrainingConfig cfg = new TrainingConfig(3, 128, OptimizerKind.MOMENTUM, 0.01f, 5e-4f, Schedule.FIXED, Augmentation.NONE, 1);
        // untimed warm-up (JIT, engine, oneDNN primitives), so the baseline does not pay for it
        run(info, new TrainingConfig(1, 128, OptimizerKind.MOMENTUM, 0.01f, 5e-4f, Schedule.FIXED, Augmentation.NONE, 1),
                new ReprConfig(1, 1, 0.3, 0, metric, true, true, 1000, 0f, null), train.head(512), test);
        double[] std = new double[rounds], reprs = new double[rounds], full = new double[rounds], pruned = new double[rounds],
                rank = new double[rounds], ratios = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            progress.accept("standard", k);
            ReprRun a = run(info, cfg, new ReprConfig(1, 1, 0.3, 0, metric, true, true, 1000, 0f, null), train, test);
            progress.accept("RePr", k);
            ReprRun b = run(info, cfg, new ReprConfig(1, 1, 0.3, 1, metric, true, true, 1000, 0f, null), train, test);
            std[k] = a.epochs().stream().mapToDouble(EpochResult::seconds).average().orElseThrow();
            reprs[k] = b.epochs().stream().mapToDouble(EpochResult::seconds).average().orElseThrow();
            full[k] = (b.epochs().get(0).seconds() + b.epochs().get(2).seconds()) / 2;
            pruned[k] = b.epochs().get(1).seconds() - b.rankingSeconds();
            rank[k] = b.rankingSeconds();
            ratios[k] = reprs[k] / std[k];
        }
        double tStd = Median.of(std), tFull = Median.of(full), tPruned = Median.of(pruned), tRank = Median.of(rank);
        int e = 100, n = 3, s2 = 10;
        double projected = (e * tFull + n * s2 * (tPruned - tFull) + n * tRank) / (e * tStd);
        return new Result(tStd, Median.of(reprs), tFull, tPruned, tRank, ratios, projected);
    }

    private static ReprRun run(ModelInfo info, TrainingConfig cfg, ReprConfig rc, ImageDataset train, ImageDataset test) {
        try (SieveModel model = SieveModel.create(info, 1)) {
            return new ReprScheme(model, cfg, rc).run(train, null, test, new ReprListener() { });
        }
    }
}
