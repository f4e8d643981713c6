package dev.sieve.cli;

import dev.sieve.nn.model.Architectures;
import dev.sieve.repr.ReprComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
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
        description = {"Trains standard and each --schemes entry for every seed and writes, in --out-dir: curves.png (Figure 5.1: mean " +
            "train/test accuracy per epoch of the schemes without ablation flags over the seeds all of them completed, pruned phases shaded), table.csv and table.md " +
            "(Table 5.1: final test accuracy mean ± std over seeds, and per scheme the paired differences to standard over the " +
            "seeds both ran with a paired t-test), table54.md (Table 5.4 layout: test error of standard, DSD, BAN, RePr-Weights, " +
            "RePr-Ortho), runs.md (per run: final, best and last-5 test accuracy, training accuracy, Ortho-sum, seconds, kernels), " +
            "epochs.csv (every epoch of every run), report.json, config.json, and with --cca, cca.png (Figure 5.11: " +
            "CCA of the filters of layers 1 and 2, standard vs the first RePr scheme, seed 1).",
            "Seed s initializes the model and orders the data identically for every scheme. Every run checkpoints after each " +
            "epoch in OUT_DIR/runs/SCHEME/seed-S.ckpt; --resume continues them exactly (and may add schemes or seeds); the report " +
            "covers every complete run in OUT_DIR and is rebuilt after each run. Several processes may train one OUT_DIR at once " +
            "(with --resume): each run is claimed by one of them (a lock on OUT_DIR/runs/SCHEME/seed-S.lock that ends with its " +
            "process) and the others take the next run."})
public final class EvalReprCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    DataOption data;

    @Mixin
    ArchOption arch;

    @Mixin
    ReprStudyOptions study;

    @Option(names = "--cca", description = "Also write cca.png (needs a cN-X model).")
    boolean cca;

    @Option(names = "--resume", description = "Continue the runs checkpointed in --out-dir (same settings; --schemes and --seeds may grow).")
    boolean resume;

    @Option(names = {"-d", "--out-dir"}, paramLabel = "OUT_DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ReprComparison comparison = UsageError.fromOptions(() -> new ReprComparison(study.settings(arch.name, data.name), out));
        Architectures.useAlignedKernels(List.of(arch.name));
        PrintWriter err = spec.commandLine().getErr();
        ReprComparison.Result r;
        try (ReprProgress progress = new ReprProgress(err, study.epochs, this::curves)) {
            r = comparison.run(resume, cca, progress);
        } catch (ReprComparison.Refused e) {
            throw new UsageError(e.getMessage() + " (--resume continues a study with the same settings; --out-dir names another folder)");
        }
        curves(r);
        spec.commandLine().getOut().println(Json.write(r.document()));
        spec.commandLine().getOut().flush();
        Progress.say(err, out + ": eval repr report of " + r.runs().size() + " complete runs");
        return 0;
    }

    /** curves.png (Figure 5.1) of {@code r}, once a run is complete, and ablations.png once an ablation is. */
    private void curves(ReprComparison.Result r) throws IOException {
        if (!r.runs().isEmpty()) {
            ReprPlots.curves(out.resolve("curves.png"), r, arch.name);
            ReprPlots.ablations(out.resolve("ablations.png"), r, arch.name);
        }
    }
}
