package dev.sieve.cli;

import dev.sieve.adversarial.eval.DefenseRowStore;
import dev.sieve.adversarial.eval.DefenseSweep;
import dev.sieve.adversarial.eval.DefenseTables;
import dev.sieve.adversarial.eval.EvaluationReport;
import dev.sieve.adversarial.eval.Preset;
import dev.sieve.adversarial.eval.RobustnessPoint;
import dev.sieve.adversarial.eval.SanityCheck;
import dev.sieve.adversarial.attack.Budget;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.DjlClassifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
            "top-1 accuracy without defense, with one run of the defense (Single) and the majority of N runs (Ens-N),",
            "destruction rate (sec. 3.7) and the achieved perturbation (normalized L2 = RMSE and Linf on [0,1] samples).",
            "Writes results.csv, summary.json, table.md and accuracy.png to --out-dir.",
            "Attacks: NAME[:KEY=VALUE,...] with NAME in fgsm, ga, igsm, pgd, apgd-ce, apgd-dlr, autoattack-rand, square, deepfool, jsma,",
            "lbfgs, cw; keys l2=R|linf=E",
            "(own budget), minimal=true|false, bpda=true, eot=N (adaptive: BPDA, averaged over N draws of the defense) and",
            "method keys (see README). Defenses: none or a 'sieve defend' pipeline with + (or |) between stages",
            "(deflect, wavelet, jpeg, bitdepth, median, nlmeans, resizepad, tvm, bilateral, anisotropic, deconv, quilting, msroi-jpeg, aug-msroi-jpeg; see 'sieve defend --help').",
            "Lists are comma-separated; key=value pieces continue the previous item; ';' always separates.",
            "--preset table3.1 (semantic quantization, ch. 3) also reports MSE, SSIM and PSNR of the defended image against",
            "the clean one (--quality does so for any run). --budgets sweeps fixed budgets in one run: one report folder per budget",
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

    @Option(names = "--preset", paramLabel = "TABLE", description = "Thesis layout: table3.1, table4.1, table4.6, table4.7, table4.8, table4.9, table4.10, table4.11.")
    String preset;

    @Option(names = "--attacks", paramLabel = "LIST", description = "Attacks (default: the preset's, else " + DefenseSweep.DEFAULT_ATTACKS + ").")
    String attacks;

    @Option(names = "--defenses", paramLabel = "LIST", description = "Defenses (default: the preset's, else none and the thesis' PD + wavelet).")
    String defenses;

    @Option(names = "--ensemble", paramLabel = "N", description = "Runs of each defense for the majority vote (default: the preset's, else 10).")
    Integer ensemble;

    @Option(names = "--budget", paramLabel = "B",
            description = "minimal (smallest successful perturbation, Foolbox 1.x style), l2=R or linf=E (fixed, e.g. linf=4/255)"
                    + " (default: the preset's, l2=0.02 for table3.1, else minimal).")
    String budget;

    @Option(names = "--budgets", paramLabel = "B;B;...",
            description = "Sweep fixed budgets, ';'-separated, one norm, e.g. 'linf=1/255;linf=4/255;linf=16/255' (instead of --budget).")
    String budgets;

    @Option(names = "--quality", description = "Also report MSE, SSIM and PSNR of each defended image against the clean image (on with table3.1).")
    boolean quality;

    @Option(names = "--adaptive", paramLabel = "N", defaultValue = "0",
            description = "Also run each attack adaptively: BPDA through every defense with EOT over N draws (0 = off; default: ${DEFAULT-VALUE}).")
    int adaptive;

    @Mixin
    FloatSamplesOption floatSamples;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Examine the first N images (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    AttackBatchOption batch;

    @Mixin
    SeedOption seed;

    @Option(names = {"-d", "--out-dir"}, required = true, paramLabel = "OUT_DIR", description = "Report folder (created if missing).")
    Path out;

    @Option(names = "--resume",
            description = "Continue an interrupted run with the same parameters: rows already in OUT_DIR/checkpoint.jsonl (per budget with --budgets) are taken, the rest computed.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Preset p = preset == null ? null : UsageError.fromOptions(() -> Preset.parse(preset));
        if (adaptive < 0) {
            throw new UsageError("--adaptive must be ≥ 0, got " + adaptive);
        }
        if (budget != null && budgets != null) {
            throw new UsageError("give --budget or --budgets, not both");
        }
        DefenseSweep.Plan plan = UsageError.fromOptions(() -> DefenseSweep.plan(p, attacks, defenses, ensemble, budget, budgets, adaptive, quality));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        DefenseSweep.Result result;
        try (DjlClassifier m = modelOptions.open()) {
            DefenseSweep sweep = UsageError.fromOptions(() -> new DefenseSweep(m, plan, new DefenseSweep.Settings(limit, batch.size, seed.value, floatSamples.on)));
            ImageDataset test = DataSets.open(data.name, false, m.input().channels(), m.input().height());
            DefenseSweep.Estimate e = sweep.estimate(test);
            if (e.seconds() > 120) {
                Progress.say(spec.commandLine().getErr(), String.format(Locale.ROOT, "eval defense: crafting may take up to %.0f min here"
                        + " (%.1f ms per gradient pass per image); the costliest is %s. --limit and the attacks' keys shorten it;"
                        + " --resume continues an interrupted run.", e.seconds() / 60, e.millisPerPass(), e.costliest()));
            }
            try {
                result = sweep.run(test, modelOptions.model, data.name, out, resume, progress(plan.budgets().size() > 1));
            } catch (DefenseRowStore.OtherRun x) {
                throw new UsageError(x.getMessage() + "; use another --out-dir, or leave out --resume to start over");
            }
        }
        write(result, p);
        return 0;
    }

    /** A progress bar per budget, named after it in a sweep, showing the running attack. */
    private DefenseSweep.Listener progress(boolean sweep) {
        return new DefenseSweep.Listener() {
            private ProgressBar bar;

            @Override
            public void start(Budget b, Path folder, int resumed, long total) {
                if (resumed > 0) {
                    Progress.say(spec.commandLine().getErr(), "eval defense: resuming " + folder + ": " + resumed + " rows done");
                }
                bar = Progress.bar("eval defense" + (sweep ? " " + b : ""), total);
            }

            @Override
            public void step(int k) {
                bar.stepBy(k);
            }

            @Override
            public void phase(String phase) {
                bar.setExtraMessage(phase);
            }

            @Override
            public void end() {
                if (bar != null) {
                    bar.close();
                }
                bar = null;
            }
        };
    }

    private void write(DefenseSweep.Result result, Preset p) throws IOException {
        Files.createDirectories(out);
        PrintWriter o = spec.commandLine().getOut();
        for (EvaluationReport report : result.reports()) {
            Path dir = result.folder(out, report);
            Files.createDirectories(dir);
            List<SanityCheck> own = result.checks(report);
            String table = DefenseTables.markdown(report, p) + SanityCheck.markdown(own);
            AtomicFiles.write(dir.resolve("results.csv"), DefenseTables.csv(report).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> summary = Json.report("eval.defense", DefenseTables.summary(report, p, adaptive, own));
            summary.put("software", Sieve.class.getPackage().getImplementationVersion());
            AtomicFiles.write(dir.resolve("summary.json"), (Json.write(summary) + "\n").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("table.md"), table.getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("accuracy.png"), DefensePlots.accuracy(report));
            o.print(table);
        }
        if (result.reports().size() > 1) {
            List<RobustnessPoint> points = result.points();
            AtomicFiles.write(out.resolve("robustness.csv"), RobustnessPoint.csv(points).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("robustness.png"), DefensePlots.robustness(points, result.reports().get(0).correct()));
            AtomicFiles.write(out.resolve("sanity.md"), SanityCheck.markdown(result.checks()).getBytes(StandardCharsets.UTF_8));
            o.print(RobustnessPoint.csv(points));
        }
        o.flush();
        Progress.say(spec.commandLine().getErr(), out + ": eval defense report, " + result.reports().size() + " budget" + (result.reports().size() > 1 ? "s" : "")
                + ", " + result.reports().get(0).correct() + " images attacked");
    }
}
