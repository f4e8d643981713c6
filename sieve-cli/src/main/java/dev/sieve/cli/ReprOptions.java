package dev.sieve.cli;

import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.TrainingListener;
import dev.sieve.repr.FilterScores;
import dev.sieve.repr.OrthogonalReinit;
import dev.sieve.repr.ReprListener;
import dev.sieve.repr.SchemeSpec;
import dev.sieve.repr.SchemeTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The scheme options of {@code sieve train} (thesis ch. 5): the scheme of Algorithm 3 and the
 * orthogonality-loss and distillation options, parsed into a {@link SchemeTraining} that decides
 * and runs the loop.
 */
final class ReprOptions {
    @Option(names = "--scheme", paramLabel = "S", defaultValue = "standard",
            description = "standard, repr (Algorithm 3), dsd (Dense-Sparse-Dense, Han et al. 2017: the --prune fraction of smallest weights of"
                    + " every layer held at 0 in the S2 phases, then re-densified) or ban (one born-again generation, Furlanello et al. 2018:"
                    + " a fresh network trained on --teacher's outputs at T = 1 alone; pass the result as --teacher for the next)"
                    + " (default: ${DEFAULT-VALUE}).")
    SchemeSpec.Kind scheme;

    @Mixin
    ReprScheduleOptions schedule;

    @Mixin
    RankingMetricOption ranking;

    @Option(names = "--per-layer", description = "RePr: drop the fraction from every layer instead of ranking the whole network.")
    boolean perLayer;

    @Option(names = "--include-first-layer", description = "RePr: let the first convolution be ranked and dropped too.")
    boolean includeFirst;

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

    /** The run these options describe; a bad value or combination is a usage error. */
    SchemeTraining scheme() throws IOException {
        return UsageError.fromOptions(() -> new SchemeTraining(SchemeSpec.of(scheme, ranking.name, perLayer, includeFirst), schedule.s1, schedule.s2,
                schedule.prune, schedule.iterations, schedule.rankingImages, validation, orthoLambda, teacher, temperature, kdWeight));
    }

    /** Checks the options against the run's {@code epochs} before any work is done. */
    void validate(int epochs) throws IOException {
        SchemeTraining t = scheme();
        UsageError.fromOptions(() -> {
            t.checkEpochs(epochs);
            return t;
        });
    }

    /** {@code progress} plus one line on {@code err} per drop and re-initialization of the scheme. */
    ReprListener listener(TrainingListener progress, PrintWriter err) {
        return new ReprListener() {
            @Override
            public void batch(int epoch, int images, double loss, double accuracy) {
                progress.batch(epoch, images, loss, accuracy);
            }

            @Override
            public void epoch(EpochResult r) {
                progress.epoch(r);
            }

            @Override
            public void dropped(int epoch, int iteration, boolean[][] selection, double seconds) {
                if (scheme == SchemeSpec.Kind.DSD) {
                    err.printf(Locale.ROOT, "DSD %d/%d: pruned the smallest %.0f %% of every weight tensor before epoch %d%n", iteration,
                            schedule.iterations, 100 * schedule.prune, epoch);
                } else {
                    int[] per = FilterScores.droppedPerLayer(selection);
                    err.printf(Locale.ROOT, "RePr %d/%d: dropped %d filters before epoch %d by %s (per layer %s), %.2f s%n", iteration,
                            schedule.iterations, Arrays.stream(per).sum(), epoch, ranking.name, Arrays.toString(per), seconds);
                }
                err.flush();
            }

            @Override
            public void reinitialized(int epoch, int iteration, OrthogonalReinit.Result r) {
                err.printf(Locale.ROOT, "RePr %d/%d: re-initialized %d filters after epoch %d (%d not orthogonal to their old values,"
                        + " %d not to the kept filters: no room)%n", iteration, schedule.iterations, r.filters(), epoch,
                        r.withoutPreDropOrthogonality(), r.withoutKeptOrthogonality());
                err.flush();
            }
        };
    }
}
