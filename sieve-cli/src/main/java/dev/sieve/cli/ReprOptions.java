package dev.sieve.cli;

import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.SubsetDataset;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingListener;
import dev.sieve.repr.BornAgain;
import dev.sieve.repr.Distillation;
import dev.sieve.repr.FilterScores;
import dev.sieve.repr.OrthogonalReinit;
import dev.sieve.repr.ReprConfig;
import dev.sieve.repr.ReprListener;
import dev.sieve.repr.ReprRun;
import dev.sieve.repr.ReprScheme;
import dev.sieve.repr.SchemeSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The RePr options of {@code sieve train} (thesis ch. 5): the scheme of Algorithm 3 and the
 * orthogonality-loss and distillation training options. Plain standard training goes through
 * {@code sieve-nn}'s loop; anything RePr-specific through {@link ReprScheme}.
 */
final class ReprOptions {
    @Option(names = "--scheme", paramLabel = "S", defaultValue = "standard",
            description = "standard, repr (Algorithm 3), dsd (Dense-Sparse-Dense, Han et al. 2017: the --prune fraction of smallest weights of"
                    + " every layer held at 0 in the S2 phases, then re-densified) or ban (one born-again generation, Furlanello et al. 2018:"
                    + " a fresh network trained on --teacher's outputs at T = 1 alone; pass the result as --teacher for the next)"
                    + " (default: ${DEFAULT-VALUE}).")
    String scheme;

    @Option(names = "--s1", paramLabel = "E", defaultValue = "20", description = "RePr: epochs of full-network training per iteration (default: ${DEFAULT-VALUE}).")
    int s1;

    @Option(names = "--s2", paramLabel = "E", defaultValue = "10", description = "RePr: epochs of sub-network training per iteration (default: ${DEFAULT-VALUE}).")
    int s2;

    @Option(names = "--prune", paramLabel = "P", defaultValue = "0.3", description = "RePr: fraction of filters dropped (default: ${DEFAULT-VALUE}).")
    double prune;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "RePr: prune/re-initialize iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "ortho",
            description = "RePr ranking: ortho, weights, random, activation, apoz, gradient, taylor, oracle (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--per-layer", description = "RePr: drop the fraction from every layer instead of ranking the whole network.")
    boolean perLayer;

    @Option(names = "--include-first-layer", description = "RePr: let the first convolution be ranked and dropped too.")
    boolean includeFirst;

    @Option(names = "--ranking-images", paramLabel = "N", defaultValue = "1000",
            description = "RePr: training images the data-driven metrics look at (default: ${DEFAULT-VALUE}).")
    int rankingImages;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "5000",
            description = "RePr with oracle: training images held out (the last N) for the Oracle (default: ${DEFAULT-VALUE}, as thesis §5.4).")
    int validation;

    @Option(names = "--ortho-lambda", paramLabel = "L", defaultValue = "0",
            description = "Adds λ·Σ|ŴŴᵀ−I| to the loss (Table 5.2 uses 0.01) (default: ${DEFAULT-VALUE}).")
    float orthoLambda;

    @Option(names = "--teacher", paramLabel = "FILE", description = "Knowledge distillation from this Sieve checkpoint (Table 5.3).")
    Path teacher;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "4", description = "Distillation temperature (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(names = "--kd-weight", paramLabel = "A", defaultValue = "0.9", description = "Weight of the soft (teacher) term (default: ${DEFAULT-VALUE}).")
    float kdWeight;

    /** True unless this is plain standard training. */
    boolean needsReprLoop() {
        return kind() != SchemeSpec.Kind.STANDARD || orthoLambda > 0 || teacher != null;
    }

    boolean isRepr() {
        return kind() == SchemeSpec.Kind.REPR;
    }

    /** True for the schemes with S1/S2 phases (RePr, DSD). */
    private boolean cycles() {
        return kind() == SchemeSpec.Kind.REPR || kind() == SchemeSpec.Kind.DSD;
    }

    SchemeSpec.Kind kind() {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "repr" -> SchemeSpec.Kind.REPR;
            case "standard" -> SchemeSpec.Kind.STANDARD;
            case "dsd" -> SchemeSpec.Kind.DSD;
            case "ban" -> SchemeSpec.Kind.BAN;
            default -> throw new UsageError("--scheme must be standard, repr, dsd or ban, got '" + scheme + "'");
        };
    }

    /** Checks the options before any work is done. */
    void validate(int epochs) throws java.io.IOException {
        kind();
        UsageError.fromOptions(() -> config(null));
        if (kind() == SchemeSpec.Kind.BAN && teacher == null) {
            throw new UsageError("--scheme ban needs --teacher (the previous generation's checkpoint)");
        }
        if (cycles() && iterations * (s1 + s2) > epochs) {
            throw new UsageError("--iterations " + iterations + " × (--s1 " + s1 + " + --s2 " + s2 + ") = "
                    + iterations * (s1 + s2) + " epochs, more than --epochs " + epochs);
        }
        if (validation < 1) {
            throw new UsageError("--validation must be ≥ 1, got " + validation);
        }
    }

    ReprConfig config(Distillation kd) {
        return new ReprConfig(s1, s2, prune, cycles() ? iterations : 0, metric, !perLayer, !includeFirst, rankingImages, orthoLambda, kd,
                kind() == SchemeSpec.Kind.DSD ? ReprConfig.Sparsity.WEIGHTS : ReprConfig.Sparsity.FILTERS, true);
    }

    /** What the options amount to, for reports. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", kind().name().toLowerCase(Locale.ROOT));
        if (cycles()) {
            m.put("s1", s1);
            m.put("s2", s2);
            m.put("prune", prune);
            m.put("iterations", iterations);
        }
        if (isRepr()) {
            m.put("metric", metric);
            m.put("ranking", perLayer ? "per-layer" : "global");
            m.put("firstLayerRanked", includeFirst);
        }
        if (orthoLambda > 0) {
            m.put("orthoLambda", orthoLambda);
        }
        if (teacher != null) {
            m.put("teacher", teacher.toString());
            m.put("temperature", kind() == SchemeSpec.Kind.BAN ? BornAgain.TEMPERATURE : temperature);
            m.put("kdWeight", kind() == SchemeSpec.Kind.BAN ? BornAgain.WEIGHT : kdWeight);
        }
        return m;
    }

    /** Trains {@code model}; RePr progress lines go to {@code err}. */
    List<EpochResult> train(SieveModel model, TrainingConfig cfg, ImageDataset train, ImageDataset test, TrainingListener listener,
            PrintWriter err) throws IOException {
        if (!needsReprLoop()) {
            return new Training(model, cfg).run(train, test, listener);
        }
        ImageDataset fit = train, validationSet = null;
        if (isRepr() && metric.equalsIgnoreCase("oracle")) {
            if (train.size() < 2 * validation) {
                throw new UsageError("--validation " + validation + " needs at least " + 2 * validation + " training images, there are "
                        + train.size());
            }
            int keep = train.size() - validation;
            fit = new SubsetDataset(train, range(0, keep));
            validationSet = new SubsetDataset(train, range(keep, train.size()));
        }
        SieveModel teacherModel = teacher == null ? null : SieveModel.load(teacher);
        try {
            boolean ban = kind() == SchemeSpec.Kind.BAN;
            ReprConfig rc = config(teacherModel == null ? null : new Distillation(teacherModel, ban ? BornAgain.TEMPERATURE : temperature,
                    ban ? BornAgain.WEIGHT : kdWeight));
            ReprRun run = new ReprScheme(model, cfg, rc).run(fit, validationSet, test, new ReprListener() {
                @Override
                public void batch(int epoch, int images, double loss, double accuracy) {
                    listener.batch(epoch, images, loss, accuracy);
                }

                @Override
                public void epoch(EpochResult r) {
                    listener.epoch(r);
                }

                @Override
                public void dropped(int epoch, int iteration, boolean[][] selection, double seconds) {
                    if (kind() == SchemeSpec.Kind.DSD) {
                        err.printf(Locale.ROOT, "DSD %d/%d: pruned the smallest %.0f %% of every weight tensor before epoch %d%n", iteration,
                                iterations, 100 * prune, epoch);
                        err.flush();
                        return;
                    }
                    int[] per = FilterScores.droppedPerLayer(selection);
                    err.printf(Locale.ROOT, "RePr %d/%d: dropped %d filters before epoch %d by %s (per layer %s), %.2f s%n", iteration, iterations,
                            Arrays.stream(per).sum(), epoch, metric, Arrays.toString(per), seconds);
                    err.flush();
                }

                @Override
                public void reinitialized(int epoch, int iteration, OrthogonalReinit.Result r) {
                    err.printf(Locale.ROOT, "RePr %d/%d: re-initialized %d filters after epoch %d (%d not orthogonal to their old values,"
                            + " %d not to the kept filters: no room)%n", iteration, iterations, r.filters(), epoch,
                            r.withoutPreDropOrthogonality(), r.withoutKeptOrthogonality());
                    err.flush();
                }
            });
            return run.epochs();
        } finally {
            if (teacherModel != null) {
                teacherModel.close();
            }
        }
    }

    /** The indices from..to−1. */
    static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
