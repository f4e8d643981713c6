package dev.sieve.cli;

import dev.sieve.image.metrics.Median;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.DataSets;
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
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench repr}: wall time per training epoch of RePr against standard training
 * (baseline), both through the same loop and optimizer, on a Fashion-MNIST subset. RePr runs
 * S1 = 1, S2 = 1, N = 1 over 3 epochs, so one ranking, one pruned epoch and one re-initialization
 * fall into the measurement; the thesis schedule (100 epochs, N = 3, S2 = 10) is projected from the
 * measured parts.
 */
@Command(
        name = "repr",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Seconds per training epoch of RePr against standard training (baseline).",
            "",
            "The same loop and optimizer, C^3(32) on a Fashion-MNIST subset after an untimed warm-up epoch: 3 epochs each, RePr with S1=1, S2=1, N=1 (one ranking, one pruned epoch, one",
            "re-initialization). Prints the measured ratio and the ratio projected to the thesis schedule (100 epochs, N=3, S2=10);",
            "standard and RePr runs alternate --rounds times and the medians are reported. Progress (one line per run) goes to stderr;",
            "--json prints schema sieve.bench.repr."})
public final class BenchReprCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOption data;

    @Option(names = "--images", paramLabel = "N", defaultValue = "4000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "c3-32", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "ortho", description = "Ranking metric (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Standard and RePr runs alternate R times; the medians are reported, so drifting machine load hits both alike (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (images < 256 || rounds < 1 || rounds > 50) {
            throw new UsageError("--images must be ≥ 256 and --rounds 1..50, got " + images + " and " + rounds);
        }
        ImageDataset train = DataSets.open(data.name, true, 3, 32).head(images);
        ImageDataset test = DataSets.open(data.name, false, 3, 32).head(256);
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(train.channels(), train.height(), train.width(),
                Normalization.of(train)), train.source());
        TrainingConfig cfg = new TrainingConfig(3, 128, OptimizerKind.MOMENTUM, 0.01f, 5e-4f, Schedule.FIXED, Augmentation.NONE, 1);
        // untimed warm-up (JIT, engine, oneDNN primitives), so the baseline does not pay for it
        run(info, new TrainingConfig(1, 128, OptimizerKind.MOMENTUM, 0.01f, 5e-4f, Schedule.FIXED, Augmentation.NONE, 1),
                new ReprConfig(1, 1, 0.3, 0, metric, true, true, 1000, 0f, null), train.head(512), test);
        double[] std = new double[rounds], reprs = new double[rounds], full = new double[rounds], pruned = new double[rounds],
                rank = new double[rounds], ratios = new double[rounds];
        PrintWriter err = spec.commandLine().getErr();
        for (int k = 0; k < rounds; k++) {
            progress(err, "standard", k);
            ReprRun a = run(info, cfg, new ReprConfig(1, 1, 0.3, 0, metric, true, true, 1000, 0f, null), train, test);
            progress(err, "RePr", k);
            ReprRun b = run(info, cfg, new ReprConfig(1, 1, 0.3, 1, metric, true, true, 1000, 0f, null), train, test);
            std[k] = a.epochs().stream().mapToDouble(EpochResult::seconds).average().orElseThrow();
            reprs[k] = b.epochs().stream().mapToDouble(EpochResult::seconds).average().orElseThrow();
            full[k] = (b.epochs().get(0).seconds() + b.epochs().get(2).seconds()) / 2;
            pruned[k] = b.epochs().get(1).seconds() - b.rankingSeconds();
            rank[k] = b.rankingSeconds();
            ratios[k] = reprs[k] / std[k];
        }
        double tStd = Median.of(std), tRepr = Median.of(reprs), tFull = Median.of(full), tPruned = Median.of(pruned), tRank = Median.of(rank);
        int e = 100, n = 3, s2 = 10;
        double projected = (e * tFull + n * s2 * (tPruned - tFull) + n * tRank) / (e * tStd);
        Map<String, Object> r = Json.document("bench.repr");
        r.put("arch", arch);
        r.put("images", train.size());
        r.put("rounds", rounds);
        r.put("metric", metric);
        r.put("standard_seconds_per_epoch", tStd);
        r.put("repr_seconds_per_epoch", tRepr);
        r.put("ratio", tRepr / tStd);
        r.put("ratio_per_round", ratios);
        r.put("full_epoch_seconds", tFull);
        r.put("pruned_epoch_seconds", tPruned);
        r.put("rank_and_reinit_seconds", tRank);
        r.put("projected_thesis_schedule_ratio", projected);
        PrintWriter o = spec.commandLine().getOut();
        if (json.json) {
            o.println(Json.write(r));
        } else {
            o.printf(Locale.ROOT, "%s on %d images, ranking by %s, seconds per training epoch (test evaluation excluded), median of %d rounds%n",
                    arch, train.size(), metric, rounds);
            o.printf(Locale.ROOT, "  standard (baseline)     %8.2f s%n", tStd);
            o.printf(Locale.ROOT, "  RePr S1=S2=N=1          %8.2f s   ratio %.3f (per round %s)%n", tRepr, tRepr / tStd,
                    java.util.Arrays.stream(ratios).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).collect(java.util.stream.Collectors.joining(", ")));
            o.printf(Locale.ROOT, "    full epoch %.2f s, pruned epoch %.2f s, ranking + re-initialization %.3f s%n", tFull, tPruned, tRank);
            o.printf(Locale.ROOT, "  projected to 100 epochs, N=3, S2=10: ratio %.3f%n", projected);
        }
        o.flush();
        return 0;
    }

    private void progress(PrintWriter err, String scheme, int round) {
        err.printf(Locale.ROOT, "bench repr: %s, %s training, round %d/%d (3 epochs)...%n", arch, scheme, round + 1, rounds);
        err.flush();
    }

    private static ReprRun run(ModelInfo info, TrainingConfig cfg, ReprConfig rc, ImageDataset train, ImageDataset test) {
        try (SieveModel model = SieveModel.create(info, 1)) {
            return new ReprScheme(model, cfg, rc).run(train, null, test, new ReprListener() { });
        }
    }
}
