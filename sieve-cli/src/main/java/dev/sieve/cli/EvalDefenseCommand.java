package dev.sieve.cli;

import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.adversarial.eval.AttackSpec;
import dev.sieve.adversarial.eval.DefenseEvaluation;
import dev.sieve.adversarial.eval.EvaluationReport;
import dev.sieve.adversarial.eval.EvaluationRow;
import dev.sieve.adversarial.eval.NamedDefense;
import dev.sieve.adversarial.eval.Preset;
import dev.sieve.adversarial.eval.SanityCheck;
import dev.sieve.adversarial.eval.SpecList;
import dev.sieve.adversarial.eval.WilsonInterval;
import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.defense.DefenseRegistry;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.DjlClassifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve eval defense}: the defense tables of thesis ch. 3 and 4 (Tables 3.1, 4.1, 4.6–4.11) for any model. */
@Command(
        name = "defense",
        header = "Attacks a model and measures defenses: accuracy, destruction rate, robustness vs budget (thesis sec. 4.9-4.10).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Attacks the images a model classifies correctly and measures defenses against them (thesis sec. 4.9-4.10):",
            "top-1 accuracy without defense, with one run of the defense (Single) and the majority of N runs (Ens-N),",
            "destruction rate (sec. 3.7) and the achieved perturbation (normalized L2 = RMSE and Linf on [0,1] samples).",
            "Writes results.csv, summary.json, table.md and accuracy.png to --out.",
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
        footer = {"", "Example: sieve eval defense --model c3.safetensors --data fashion-mnist --preset table4.1 --adaptive 10 --limit 200 --out report",
            "         sieve eval defense --model c3.safetensors --data fashion-mnist --preset table3.1 --limit 100 --out report31"})
public final class EvalDefenseCommand implements Callable<Integer> {
    static final String DEFAULT_ATTACKS = "fgsm,igsm,deepfool,jsma,lbfgs,cw";
    static final String DEFAULT_DEFENSES = "none;deflect:k=100,w=10+wavelet:method=bayes,sigma=0.04";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOptions modelOptions;

    @Option(names = "--data", paramLabel = "D", defaultValue = "fashion-mnist",
            description = "Test data: fashion-mnist, or a folder of IDX, CIFAR binary or class-folder images (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--preset", paramLabel = "TABLE", description = "Thesis layout: table3.1, table4.1, table4.6, table4.7, table4.8, table4.9, table4.10, table4.11.")
    String preset;

    @Option(names = "--attacks", paramLabel = "LIST", description = "Attacks (default: the preset's, else " + DEFAULT_ATTACKS + ").")
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

    @Option(names = "--float-samples",
            description = "Judge adversarial images as floats (the thesis' protocol) instead of rounded to the 8-bit images an attacker must submit.")
    boolean floatSamples;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "Examine the first N images (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Attack batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of attacks and defenses (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder (created).")
    Path out;

    @Option(names = "--resume",
            description = "Continue an interrupted run with the same parameters: rows already in DIR/checkpoint.jsonl (per budget with --budgets) are taken, the rest computed.")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        Preset p = preset == null ? null : Preset.parse(preset);
        List<AttackSpec> attackSpecs = new ArrayList<>();
        for (String a : SpecList.split(attacks != null ? attacks : p != null ? p.attacks() : DEFAULT_ATTACKS)) {
            attackSpecs.add(UsageError.fromOptions(() -> AttackSpec.parse(a)));
        }
        if (adaptive < 0) {
            throw new UsageError("--adaptive must be ≥ 0, got " + adaptive);
        }
        if (adaptive > 0) {
            for (AttackSpec a : List.copyOf(attackSpecs)) {
                if (!a.adaptive()) {
                    attackSpecs.add(a.adaptiveTwin(adaptive));
                }
            }
        }
        if (budget != null && budgets != null) {
            throw new UsageError("give --budget or --budgets, not both");
        }
        List<Budget> sweep = new ArrayList<>();
        if (budgets != null) {
            for (String piece : budgets.split(";")) {
                if (!piece.isBlank()) {
                    sweep.add(UsageError.fromOptions(() -> Budget.parse(piece)));
                }
            }
            if (sweep.isEmpty() || sweep.stream().map(Budget::norm).distinct().count() > 1) {
                throw new UsageError("--budgets needs one or more budgets of one norm, got " + DefenseParams.quote(budgets));
            }
        } else {
            String b = budget != null ? budget : p != null && p.budget() != null ? p.budget() : "minimal";
            sweep.add(b.strip().equalsIgnoreCase("minimal") ? null : UsageError.fromOptions(() -> Budget.parse(b)));
        }
        int n = ensemble != null ? ensemble : p != null ? p.ensemble() : 10;
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        List<EvaluationReport> reports = new ArrayList<>();
        try (DjlClassifier m = modelOptions.open()) {
            DefenseRegistry registry = Defenses.registry(m);
            List<NamedDefense> defenseList = new ArrayList<>();
            for (String d : SpecList.split(defenses != null ? defenses : p != null ? p.defenses() : DEFAULT_DEFENSES)) {
                defenseList.add(NamedDefense.parse(d, registry));
            }
            for (Budget runBudget : sweep) {
                for (AttackSpec a : attackSpecs) {
                    UsageError.fromOptions(() -> a.build(m, runBudget));
                }
            }
            var in = m.input();
            ImageDataset test = DataSets.open(data, false, in.channels(), in.height());
            warnIfSlow(m, test, attackSpecs, defenseList, sweep);
            for (Budget runBudget : sweep) {
                DefenseEvaluation.Config config = new DefenseEvaluation.Config(attackSpecs, defenseList, n, runBudget, limit, batch, seed,
                        quality || p != null && p.imageQuality(), floatSamples);
                DefenseEvaluation eval = new DefenseEvaluation(m, config);
                String budgetText = runBudget == null ? "minimal" : runBudget.toString();
                Path folder = sweep.size() == 1 ? out : out.resolve(budgetText.replace('/', '_'));
                Map<String, Object> parameters = new LinkedHashMap<>();
                parameters.put("model", modelOptions.model);
                parameters.put("data", data);
                parameters.put("limit", limit);
                parameters.put("batch", batch);
                parameters.put("seed", seed);
                parameters.put("ensemble", n);
                parameters.put("budget", budgetText);
                parameters.put("samples", floatSamples ? "float" : "8-bit");
                parameters.put("imageQuality", config.imageQuality());
                DefenseRowStore store = DefenseRowStore.open(folder.resolve("checkpoint.jsonl"), parameters, resume);
                if (store.size() > 0) {
                    spec.commandLine().getErr().println("eval defense: resuming " + folder + ": " + store.size() + " rows done");
                }
                ProgressBar[] bar = new ProgressBar[1];
                try {
                    String label = "eval defense" + (sweep.size() > 1 ? " " + runBudget : "");
                    reports.add(eval.run(test, modelOptions.model, store, total -> bar[0] = Progress.bar(label, total), k -> bar[0].stepBy(k),
                            phase -> bar[0].setExtraMessage(phase)));
                } finally {
                    if (bar[0] != null) {
                        bar[0].close();
                    }
                }
            }
        }
        Files.createDirectories(out);
        PrintWriter o = spec.commandLine().getOut();
        List<SanityCheck> checks = SanityCheck.of(reports);
        for (EvaluationReport report : reports) {
            Path dir = reports.size() == 1 ? out : out.resolve(report.budget().replace('/', '_'));
            Files.createDirectories(dir);
            List<SanityCheck> own = checks.stream().filter(c -> c.budget().equals(report.budget())).toList();
            String table = table(report, p) + SanityCheck.markdown(own);
            AtomicFiles.write(dir.resolve("results.csv"), csv(report).getBytes(StandardCharsets.UTF_8));
            Map<String, Object> summary = summary(report, p);
            summary.put("sanityChecks", own);
            AtomicFiles.write(dir.resolve("summary.json"), (Json.write(summary) + "\n").getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("table.md"), table.getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("accuracy.png"), chart(report));
            o.print(table);
        }
        if (reports.size() > 1) {
            List<RobustnessPoint> points = RobustnessPoint.of(reports);
            AtomicFiles.write(out.resolve("robustness.csv"), RobustnessPoint.csv(points).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(out.resolve("robustness.png"), RobustnessPoint.chart(points, reports.get(0).correct()));
            AtomicFiles.write(out.resolve("sanity.md"), SanityCheck.markdown(checks).getBytes(StandardCharsets.UTF_8));
            o.print(RobustnessPoint.csv(points));
        }
        o.flush();
        return 0;
    }

    /**
     * Times one batched gradient pass and, when the attacks' pass bound ({@link AttackSpec#passesPerImage})
     * comes to more than two minutes for the examined images, says so up front with the costliest attack.
     */
    private void warnIfSlow(DjlClassifier m, ImageDataset test, List<AttackSpec> attacks, List<NamedDefense> defenses, List<Budget> sweep) {
        int n = Math.min(Math.min(limit, test.size()), batch);
        List<dev.sieve.image.Planar> probe = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            probe.add(test.image(i));
        }
        int[] labels = new int[n];
        long t0 = System.nanoTime();
        m.inputGradient(probe, labels, dev.sieve.nn.model.ClassifierLoss.CROSS_ENTROPY);
        double perImage = (System.nanoTime() - t0) / 1e9 / Math.max(1, n);
        long defended = defenses.stream().filter(d -> !d.isNone()).count();
        double total = 0, worst = 0;
        String slowest = "";
        for (Budget b : sweep) {
            for (AttackSpec a : attacks) {
                double seconds = a.passesPerImage(b, m.numClasses()) * (a.adaptive() ? Math.max(1, defended) : 1) * perImage * Math.min(limit, test.size());
                total += seconds;
                if (seconds > worst) {
                    worst = seconds;
                    slowest = a.text() + " (≤ " + a.passesPerImage(b, m.numClasses()) + " gradient passes per image)";
                }
            }
        }
        if (total > 120) {
            spec.commandLine().getErr().printf(Locale.ROOT, "eval defense: crafting may take up to %.0f min here (%.1f ms per gradient pass per image); "
                    + "the costliest is %s. --limit and the attacks' keys shorten it; --resume continues an interrupted run.%n",
                    total / 60, perImage * 1e3, slowest);
        }
    }

    static String csv(EvaluationReport r) {
        StringBuilder s = new StringBuilder("attack,defense,adaptive,images,attack_success,mean_l2,mean_linf,acc_no_defense,acc_single,acc_ensemble,"
                + "acc_no_defense_low,acc_no_defense_high,acc_single_low,acc_single_high,acc_ensemble_low,acc_ensemble_high,destruction_single,destruction_ensemble,attack_seconds,attack_spec,defense_spec,mse,ssim,psnr\n");
        for (EvaluationRow w : r.rows()) {
            s.append(q(w.attack())).append(',').append(q(w.defense())).append(',').append(w.adaptive()).append(',').append(w.images())
                    .append(',').append(f(w.attackSuccess())).append(',').append(f(w.meanL2())).append(',').append(f(w.meanLinf()))
                    .append(',').append(f(w.accuracyNoDefense())).append(',').append(f(w.accuracySingle())).append(',')
                    .append(f(w.accuracyEnsemble())).append(',').append(interval(w.accuracyNoDefense(), w.images())).append(',')
                    .append(interval(w.accuracySingle(), w.images())).append(',').append(interval(w.accuracyEnsemble(), w.images()))
                    .append(',').append(f(w.destructionSingle())).append(',')
                    .append(f(w.destructionEnsemble())).append(',').append(String.format(Locale.ROOT, "%.2f", w.attackSeconds()))
                    .append(',').append(q(w.attackSpec())).append(',').append(q(w.defenseSpec())).append(',').append(f(w.mse()))
                    .append(',').append(f(w.ssim())).append(',').append(f(w.psnr())).append('\n');
        }
        return s.toString();
    }

    private static String q(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** The Wilson 95 % interval of an accuracy over {@code n} images, as two CSV fields. */
    private static String interval(double accuracy, int n) {
        WilsonInterval w = WilsonInterval.ofFraction(accuracy, n);
        return f(w.low()) + "," + f(w.high());
    }

    /** An accuracy in percent with its Wilson 95 % interval, e.g. {@code 74.5 (71.7–77.1)}. */
    private static String pctWithInterval(double v, int n) {
        WilsonInterval w = WilsonInterval.ofFraction(v, n);
        return Double.isNaN(v) ? "–" : pct(v) + " (" + pct(w.low()) + "–" + pct(w.high()) + ")";
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", 100 * v);
    }

    private Map<String, Object> summary(EvaluationReport r, Preset p) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("command", "eval defense");
        s.put("model", modelOptions.model);
        s.put("data", r.data());
        s.put("preset", p == null ? null : p.key());
        s.put("missingFromPreset", p == null ? null : p.missing());
        s.put("examined", r.examined());
        s.put("correct", r.correct());
        s.put("cleanAccuracy", r.cleanAccuracy());
        s.put("ensemble", r.ensemble());
        s.put("budget", r.budget());
        s.put("samples", r.samples());
        s.put("adaptiveEot", adaptive);
        s.put("imageQuality", r.rows().stream().anyMatch(w -> !Double.isNaN(w.mse())));
        s.put("seed", r.seed());
        s.put("attacks", r.attacks());
        s.put("defenses", r.defenses());
        s.put("seconds", r.seconds());
        s.put("version", Sieve.class.getPackage().getImplementationVersion());
        s.put("rows", r.rows());
        return s;
    }

    /**
     * Markdown tables: for each defense the Table 4.1 layout (attack, achieved L2 (RMSE) and L∞, no defense,
     * single, Ens-N; accuracies in percent with their Wilson 95 % intervals), then accuracy (Ens-N) and destruction rate (single) with attacks as rows and
     * defenses as columns, with the mean over attacks (Tables 4.6–4.11).
     */
    static String table(EvaluationReport r, Preset p) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s on %s: %d of %d images classified correctly (%.1f %%); only those are attacked. Budget: %s. Adversarial samples: %s. Seed %d.%n%n",
                r.model(), r.data(), r.correct(), r.examined(), 100 * r.cleanAccuracy(), r.budget(),
                r.samples().equals("float") ? "float (thesis protocol)" : "8-bit (rounded before judging)", r.seed()));
        if (p != null && !p.missing().isEmpty()) {
            s.append("Not in Sieve, so not in this ").append(p.key()).append(" layout: ").append(p.missing()).append(".\n\n");
        }
        List<String> defenses = r.defenses();
        boolean quality = r.rows().stream().anyMatch(w -> !Double.isNaN(w.mse()));
        if (quality) {
            table31(s, r);
        }
        for (String d : defenses) {
            if (d.equals("none")) {
                continue;
            }
            s.append("Defense ").append(d).append("\n\n| attack | adaptive | L2 (RMSE) | L∞ | No defense | Single | Ens-").append(r.ensemble())
                    .append(" | destruction (single) |").append(quality ? " MSE | SSIM | PSNR |" : "")
                    .append("\n|---|---|---|---|---|---|---|---|").append(quality ? "---|---|---|" : "").append('\n');
            for (EvaluationRow w : r.rows()) {
                if (w.defense().equals(d)) {
                    s.append("| ").append(w.attack()).append(" | ").append(w.adaptive() ? "BPDA/EOT" : "").append(" | ")
                            .append(w.attack().equals("clean") ? "0.000" : String.format(Locale.ROOT, "%.3f", w.meanL2())).append(" | ")
                            .append(w.attack().equals("clean") ? "0.000" : String.format(Locale.ROOT, "%.3f", w.meanLinf())).append(" | ")
                            .append(pctWithInterval(w.accuracyNoDefense(), w.images())).append(" | ")
                            .append(pctWithInterval(w.accuracySingle(), w.images())).append(" | ")
                            .append(pctWithInterval(w.accuracyEnsemble(), w.images())).append(" | ")
                            .append(Double.isNaN(w.destructionSingle()) ? "–" : String.format(Locale.ROOT, "%.3f", w.destructionSingle()))
                            .append(" |");
                    if (quality) {
                        s.append(' ').append(num(w.mse(), "%.2f")).append(" | ").append(num(w.ssim(), "%.3f")).append(" | ")
                                .append(num(w.psnr(), "%.2f")).append(" |");
                    }
                    s.append('\n');
                }
            }
            s.append('\n');
        }
        matrix(s, r, "Top-1 accuracy (%), Ens-" + r.ensemble(), true);
        matrix(s, r, "Destruction rate, single run", false);
        return s.toString();
    }

    private static String num(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }

    /**
     * The thesis' Table 3.1 layout: one row per defense; top-1 accuracy (single run) and MSE, SSIM,
     * PSNR of the defended adversarial image against the clean image, each the mean over the
     * non-adaptive attacks' rows (each row already a mean over the images).
     */
    static void table31(StringBuilder s, EvaluationReport r) {
        s.append("Defended adversarial images against the clean images, mean over the attacks (Table 3.1 layout)\n\n")
                .append("| defense | Accuracy (%) ↑ | MSE ↓ | SSIM ↑ | PSNR (dB) ↑ |\n|---|---|---|---|---|\n");
        for (String d : r.defenses()) {
            double[] sum = new double[4];
            int[] count = new int[4];
            for (EvaluationRow w : r.rows()) {
                if (!w.defense().equals(d) || w.attack().equals("clean") || w.adaptive()) {
                    continue;
                }
                double[] v = {w.accuracySingle(), w.mse(), w.ssim(), w.psnr()};
                for (int k = 0; k < 4; k++) {
                    if (!Double.isNaN(v[k])) {
                        sum[k] += v[k];
                        count[k]++;
                    }
                }
            }
            double[] m = new double[4];
            for (int k = 0; k < 4; k++) {
                m[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
            }
            s.append("| ").append(d.replace("|", "\\|")).append(" | ").append(pct(m[0])).append(" | ").append(num(m[1], "%.2f")).append(" | ")
                    .append(num(m[2], "%.3f")).append(" | ").append(num(m[3], "%.2f")).append(" |\n");
        }
        s.append("\nMSE on 8-bit samples (RGB pooled), PSNR = 10 log10(255²/MSE) averaged over images with MSE > 0, SSIM averaged over")
                .append(" R, G, B; first defense run.\n\n");
    }

    private static void matrix(StringBuilder s, EvaluationReport r, String title, boolean accuracy) {
        List<String> attacks = new ArrayList<>();
        for (EvaluationRow w : r.rows()) {
            String key = w.attack() + (w.adaptive() ? " (adaptive)" : "");
            if (!attacks.contains(key) && (accuracy || !w.attack().equals("clean"))) {
                attacks.add(key);
            }
        }
        s.append(title).append("\n\n| attack |");
        for (String d : r.defenses()) {
            s.append(' ').append(d.replace("|", "\\|")).append(" |");
        }
        s.append("\n|---|").append("---|".repeat(r.defenses().size())).append('\n');
        double[] sum = new double[r.defenses().size()];
        int[] count = new int[r.defenses().size()];
        for (String a : attacks) {
            s.append("| ").append(a).append(" |");
            for (int j = 0; j < r.defenses().size(); j++) {
                double v = Double.NaN;
                for (EvaluationRow w : r.rows()) {
                    if ((w.attack() + (w.adaptive() ? " (adaptive)" : "")).equals(a) && w.defense().equals(r.defenses().get(j))) {
                        v = accuracy ? w.accuracyEnsemble() : w.destructionSingle();
                    }
                }
                s.append(' ').append(accuracy ? pct(v) : Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v)).append(" |");
                if (!Double.isNaN(v) && !a.equals("clean")) {
                    sum[j] += v;
                    count[j]++;
                }
            }
            s.append('\n');
        }
        s.append("| mean over attacks |");
        for (int j = 0; j < sum.length; j++) {
            double m = count[j] == 0 ? Double.NaN : sum[j] / count[j];
            s.append(' ').append(accuracy ? pct(m) : Double.isNaN(m) ? "–" : String.format(Locale.ROOT, "%.3f", m)).append(" |");
        }
        s.append("\n\n");
    }

    /** Grouped bars: per attack, Ens-N accuracy under each defense. */
    static byte[] chart(EvaluationReport r) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (EvaluationRow w : r.rows()) {
            data.addValue(100 * w.accuracyEnsemble(), w.defense(), w.attack() + (w.adaptive() ? " (adaptive)" : ""));
        }
        JFreeChart chart = ChartFactory.createBarChart("Top-1 accuracy on " + r.correct() + " correctly classified images (Ens-" + r.ensemble() + ")",
                "attack", "top-1 accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        chart.getCategoryPlot().getRangeAxis().setRange(0, 100);
        chart.getCategoryPlot().setBackgroundPaint(java.awt.Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(java.awt.Color.GRAY);
        int width = Math.min(4000, Math.max(900, 40 * data.getColumnCount() * Math.max(1, data.getRowCount())));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(bytes, chart, width, 550);
        return bytes.toByteArray();
    }
}
