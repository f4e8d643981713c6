package dev.sieve.cli;

import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.repr.bench.ReprOverhead;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench repr}: {@link ReprOverhead} on a subset of a data set (Fashion-MNIST by default).
 */
@Command(
        name = "repr",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Seconds per training epoch of RePr against standard training (baseline).",
            "",
            "The same loop and optimizer, C^3(32) on a Fashion-MNIST subset after an untimed warm-up epoch: 3 epochs each, RePr with S1=1, S2=1, N=1 (one ranking, one pruned epoch, one " +
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

    @Mixin
    ArchOption architecture;

    @Mixin
    RankingMetricOption ranking;

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
        PrintWriter err = spec.commandLine().getErr();
        ReprOverhead.Result m = ReprOverhead.run(architecture.name, ranking.name, train, test, rounds, (scheme, k) -> progress(err, scheme, k));
        double tStd = m.standardSeconds(), tRepr = m.reprSeconds(), tFull = m.fullEpochSeconds(), tPruned = m.prunedEpochSeconds(),
                tRank = m.rankSeconds(), projected = m.projectedRatio();
        double[] ratios = m.ratioPerRound();
        Map<String, Object> r = Json.document("bench.repr");
        r.put("arch", architecture.name);
        r.put("images", train.size());
        r.put("rounds", rounds);
        r.put("metric", ranking.name);
        r.put("standard_seconds_per_epoch", tStd);
        r.put("repr_seconds_per_epoch", tRepr);
        r.put("ratio", m.ratio());
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
                    architecture.name, train.size(), ranking.name, rounds);
            o.printf(Locale.ROOT, "  standard (baseline)     %8.2f s%n", tStd);
            o.printf(Locale.ROOT, "  RePr S1=S2=N=1          %8.2f s   ratio %.3f (per round %s)%n", tRepr, m.ratio(),
                    java.util.Arrays.stream(ratios).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).collect(java.util.stream.Collectors.joining(", ")));
            o.printf(Locale.ROOT, "    full epoch %.2f s, pruned epoch %.2f s, ranking + re-initialization %.3f s%n", tFull, tPruned, tRank);
            o.printf(Locale.ROOT, "  projected to 100 epochs, N=3, S2=10: ratio %.3f%n", projected);
        }
        o.flush();
        return 0;
    }

    private void progress(PrintWriter err, String scheme, int round) {
        err.printf(Locale.ROOT, "bench repr: %s, %s training, round %d/%d (3 epochs)...%n", architecture.name, scheme, round + 1, rounds);
        err.flush();
    }
}
