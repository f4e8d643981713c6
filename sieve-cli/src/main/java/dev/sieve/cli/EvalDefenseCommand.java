package dev.sieve.cli;

import dev.sieve.adversarial.eval.DefenseRowStore;
import dev.sieve.adversarial.eval.DefenseSweep;
import dev.sieve.adversarial.eval.RobustnessPoint;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.DjlClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve eval defense}: the defense tables of thesis ch. 3 and 4 (Tables 3.1, 4.1, 4.6–4.11) for any model;
 * the protocol is {@link DefenseSweep}, this class parses options and writes its result.
 */
@Command(
        name = "defense",
        header = "Attacks a model and measures defenses: accuracy, destruction rate, robustness vs budget (thesis sec. 4.9-4.10).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Attacks the images a model classifies correctly and measures defenses against them (thesis sec. 4.9-4.10):",
            "top-1 accuracy without defense, with one run of the defense (Single) and the majority of N runs (Ens-N), " +
            "destruction rate (sec. 3.7) and the achieved perturbation (normalized L2 = RMSE and Linf on [0,1] samples).",
            "Writes results.csv, summary.json, table.md and accuracy.png to --out-dir.",
            "Attacks: NAME[:KEY=VALUE,...] with NAME in fgsm, ga, igsm, pgd, apgd-ce, apgd-dlr, autoattack-rand, square, deepfool, jsma, " +
            "lbfgs, cw; keys l2=R|linf=E " +
            "(own budget), minimal=true|false, bpda=true, eot=N (adaptive: BPDA, averaged over N draws of the defense) and " +
            "method keys (see README). Defenses: none or a 'sieve defend' pipeline with + (or |) between stages " +
            "(deflect, wavelet, jpeg, bitdepth, median, nlmeans, resizepad, tvm, bilateral, anisotropic, deconv, quilting, msroi-jpeg, aug-msroi-jpeg; see 'sieve defend --help').",
            "Lists are comma-separated; key=value pieces continue the previous item; ';' always separates.",
            "--preset table3.1 (semantic quantization, ch. 3) also reports MSE, SSIM and PSNR of the defended image against " +
            "the clean one (--quality does so for any run). --budgets sweeps fixed budgets in one run: one report folder per budget " +
            "and robustness.csv / robustness.png (accuracy vs budget per defense, plain vs adaptive attacks: the worst over attacks)."
        },
        footer = {"", "Example: sieve eval defense --model c3.safetensors --data fashion-mnist --preset table4.1 --adaptive 10 --limit 200 -d report",
            "         sieve eval defense --model c3.safetensors --data fashion-mnist --preset table3.1 --limit 100 -d report31"})
public final class EvalDefenseCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOptions modelOptions;

    @Mixin
    DataOption data;

    @Mixin
    DefensePlanOptions planOptions;

    @Mixin
    FloatSamplesOption floatSamples;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Examine the first N images (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    AttackBatchOption batch;

    @Mixin
    SeedOption seed;

    @Option(names = {"-d", "--out-dir"}, paramLabel = "OUT_DIR", description = "Report folder (created if missing); required unless --estimate.")
    Path out;

    @Option(names = "--adaptive-limit", paramLabel = "N", defaultValue = "0",
            description = "Craft adaptive attacks through a defense (BPDA/EOT) on the first N attacked images only (default: all); their rows report on those N, with intervals to match.")
    int adaptiveLimit;

    @Option(names = "--estimate",
            description = "Print the run's time bound here (crafting and evaluating, a gradient pass and each defense timed per image) and exit; nothing is written.")
    boolean estimateOnly;

    @Option(names = "--resume",
            description = "Continue an interrupted run with the same parameters: rows already in OUT_DIR/checkpoint.jsonl (per budget with --budgets) are taken, an attack stopped half-way continues from its last batch, the rest is computed.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        DefenseSweep.Plan plan = planOptions.plan();
        if (adaptiveLimit < 0) {
            throw new UsageError("--adaptive-limit must be ≥ 0 (0 = every attacked image), got " + adaptiveLimit);
        }
        if (out == null && !estimateOnly) {
            throw new UsageError("Missing required option: '--out-dir=OUT_DIR'");
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        DefenseSweep.Result result;
        modelOptions.useAlignedKernels(plan.defenses());
        try (DjlClassifier m = modelOptions.open()) {
            DefenseSweep sweep = UsageError.fromOptions(() -> new DefenseSweep(m, plan, new DefenseSweep.Settings(limit, batch.size, seed.value, floatSamples.on, adaptiveLimit)));
            ImageDataset test = DataSets.open(data.name, false, m.input().channels(), m.input().height());
            DefenseProgress progress = new DefenseProgress(spec.commandLine().getErr(), plan.budgets().size() > 1);
            DefenseSweep.Estimate estimate = sweep.estimate(test);
            if (estimateOnly) {
                spec.commandLine().getOut().println(DefenseProgress.describe(estimate));
                spec.commandLine().getOut().flush();
                return 0;
            }
            progress.warn(estimate);
            try {
                result = sweep.run(test, modelOptions.model, data.name, out, resume, progress);
            } catch (DefenseRowStore.OtherRun x) {
                throw new UsageError(x.getMessage() + "; use another --out-dir, or leave out --resume to start over");
            }
        }
        result.write(out);
        DefensePlots.write(out, result);
        PrintWriter o = spec.commandLine().getOut();
        result.reports().forEach(r -> o.print(result.table(r)));
        if (result.reports().size() > 1) {
            o.print(RobustnessPoint.csv(result.points()));
        }
        o.flush();
        Progress.say(spec.commandLine().getErr(), out + ": eval defense report, " + result.reports().size() + " budget" + (result.reports().size() > 1 ? "s" : "")
                + ", " + result.reports().get(0).correct() + " images attacked");
        return 0;
    }
}
