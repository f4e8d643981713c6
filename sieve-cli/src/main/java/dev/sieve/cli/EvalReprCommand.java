package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.repr.ReprComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve eval repr}: standard training beside RePr (any ranking metric, with ablation flags),
 * DSD and BAN over several seeds (thesis Figure 5.1, Tables 5.1 and 5.4); the protocol and its resumable
 * study folder are {@link ReprComparison}, this class parses options and writes the report after each run.
 */
@Command(
        name = "repr",
        header = "Standard vs RePr, DSD, BAN and ablations over seeds: Tables 5.1 and 5.4, Figure 5.1 (resumable).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Trains standard and each --schemes entry for every seed and writes, in --out-dir: curves.png (Figure 5.1: mean",
            "train/test accuracy per epoch of the schemes without ablation flags, pruned phases shaded), table.csv and table.md",
            "(Table 5.1: final test accuracy mean ± std over seeds, and per scheme the paired differences to standard over the",
            "seeds both ran with a paired t-test), table54.md (Table 5.4 layout: test error of standard, DSD, BAN, RePr-Weights,",
            "RePr-Ortho), epochs.csv (every epoch of every run), report.json, config.json, and with --cca, cca.png (Figure 5.11:",
            "CCA of the filters of layers 1 and 2, standard vs the first RePr scheme, seed 1).",
            "Seed s initializes the model and orders the data identically for every scheme. Every run checkpoints after each",
            "epoch in OUT_DIR/runs/SCHEME/seed-S.ckpt; --resume continues them exactly (and may add schemes or seeds); the report",
            "covers every complete run in OUT_DIR and is rebuilt after each run."})
public final class EvalReprCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    ArchOption arch;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3", description = "Seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--schemes", paramLabel = "S,...", split = ",",
            description = {"Schemes beside standard (default: repr-ortho): repr-METRIC (METRIC: ortho, ortho-signed = eq. 5.1 without",
                "its absolute value, weights, random, activation, apoz, gradient, taylor, oracle), with ablation flags joined by +:",
                "per-layer (p %% of each layer, not one global ranking), first-layer (rank and drop the first convolution too),",
                "no-predrop (re-initialize orthogonally to the kept filters only); dsd; ban. E.g. repr-ortho,repr-random,dsd,ban."})
    List<String> schemes;

    @Option(names = "--metrics", paramLabel = "M,...", split = ",",
            description = "Shorthand for --schemes repr-M,...")
    List<String> metrics;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "100", description = "Epochs per run (default: ${DEFAULT-VALUE}, as Figure 5.1).")
    int epochs;

    @Mixin
    ReprScheduleOptions schedule;

    @Option(names = "--generations", paramLabel = "G",
            description = "BAN: born-again generations after the standard run, each a full --epochs run (default: --iterations).")
    Integer generations;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "sgd", description = "sgd, momentum or adam (default: ${DEFAULT-VALUE}).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}, thesis §5.4).")
    float lr;

    @Option(names = "--weight-decay", paramLabel = "WD", defaultValue = "0", description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--augment", description = "Random crop (4-pixel padding) and horizontal flips.")
    boolean augment;

    @Option(names = "--train-limit", paramLabel = "N", description = "Use the first N training images only (the held-out --validation images included).")
    Integer trainLimit;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "0",
            description = "Hold the last N training images out of training; the Oracle ranks on them (thesis §5.4 holds out 5000) (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test images only.")
    Integer testLimit;

    @Option(names = "--cca", description = "Also write cca.png (needs a cN-X model).")
    boolean cca;

    @Option(names = "--resume", description = "Continue the runs checkpointed in --out-dir (same settings; --schemes and --seeds may grow).")
    boolean resume;

    @Option(names = {"-d", "--out-dir"}, paramLabel = "OUT_DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (schemes != null && metrics != null) {
            throw new UsageError("give --schemes or --metrics, not both");
        }
        List<String> names = metrics != null ? metrics.stream().map(m -> "repr-" + m).toList() : schemes != null ? schemes : List.of("repr-ortho");
        ReprComparison study = UsageError.fromOptions(() -> new ReprComparison(new ReprComparison.Settings(arch.name, data.name, seeds, names, epochs, schedule.s1,
                schedule.s2, schedule.prune, schedule.iterations, generations, optimizer, lr, weightDecay, batchSize, augment, trainLimit, validation,
                testLimit, schedule.rankingImages), out));
        PrintWriter err = spec.commandLine().getErr();
        ReprComparison.Result r;
        ProgressBar[] bar = new ProgressBar[1];
        try {
            r = study.run(resume, cca, new ReprComparison.Listener() {
                @Override
                public void start(long images) {
                    bar[0] = Progress.bar("eval repr", images);
                }

                @Override
                public void run(String scheme, int seed) {
                    bar[0].setExtraMessage(scheme + " seed " + seed);
                }

                @Override
                public void batch(int images) {
                    bar[0].stepBy(images);
                }

                @Override
                public void epoch(String scheme, int seed, EpochResult e) {
                    if (!Progress.shown() && !Progress.quiet()) {
                        err.printf(Locale.ROOT, "eval repr: %s seed %d epoch %d/%d: train %.4f test %.4f (%.0f s)%n", scheme, seed, e.epoch(), epochs,
                                e.trainAccuracy(), e.testAccuracy(), e.seconds());
                        err.flush();
                    }
                }

                @Override
                public void complete(String scheme, int seed, double seconds, ReprComparison.Result report) throws IOException {
                    Progress.say(err, String.format(Locale.ROOT, "eval repr: %s seed %d complete (%.0f s)", scheme, seed, seconds));
                    write(report);
                }
            });
        } catch (ReprComparison.Refused e) {
            throw new UsageError(e.getMessage() + " (--resume continues a study with the same settings; --out-dir names another folder)");
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        Map<String, Object> report = write(r);
        spec.commandLine().getOut().println(Json.write(report));
        spec.commandLine().getOut().flush();
        Progress.say(err, out + ": eval repr report of " + r.runs().size() + " complete runs");
        return 0;
    }

    /** Writes every report file of {@code r}; returns report.json's content. */
    private Map<String, Object> write(ReprComparison.Result r) throws IOException {
        AtomicFiles.write(out.resolve("epochs.csv"), r.epochsCsv().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.csv"), r.tableCsv().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.md"), r.tableMarkdown().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table54.md"), r.table54().getBytes(StandardCharsets.UTF_8));
        if (!r.runs().isEmpty()) {
            ReprPlots.curves(out.resolve("curves.png"), r, arch.name);
        }
        Map<String, Object> report = Json.report("eval.repr", r.report());
        AtomicFiles.write(out.resolve("report.json"), Json.write(report).getBytes(StandardCharsets.UTF_8));
        return report;
    }
}
