package dev.sieve.adversarial.eval;

import dev.sieve.adversarial.attack.Budget;
import dev.sieve.adversarial.defense.Defenses;
import dev.sieve.image.Planar;
import dev.sieve.image.defense.DefenseParams;
import dev.sieve.image.defense.DefenseRegistry;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.model.ClassifierLoss;
import dev.sieve.nn.model.DjlClassifier;
import dev.sieve.nn.report.ReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The defense protocol of thesis ch. 3 and 4 (Tables 3.1, 4.1, 4.6–4.11) at one budget or over a sweep of
 * fixed budgets: one {@link DefenseEvaluation} per budget, each checkpointed in its report folder
 * ({@link DefenseRowStore}, so an interrupted run resumes), then the {@link SanityCheck}s over all reports
 * and, for a sweep, the {@link RobustnessPoint}s (robust accuracy against budget).
 */
public final class DefenseSweep {
    /** The attacks without a preset: the thesis' Table 4.1 set. */
    public static final String DEFAULT_ATTACKS = "fgsm,igsm,deepfool,jsma,lbfgs,cw";
    /** The defenses without a preset: none and the thesis' pixel deflection + wavelet denoising. */
    public static final String DEFAULT_DEFENSES = "none;deflect:k=100,w=10+wavelet:method=bayes,sigma=0.04";

    /**
     * What to run, from spec texts (see {@link #plan}).
     *
     * @param preset       the thesis table whose layout and defaults apply, or null
     * @param attacks      the attacks, with their adaptive twins when {@code adaptiveEot} &gt; 0
     * @param defenses     the defense list's spec text
     * @param budgets      one budget (null = minimal perturbations) or a sweep of fixed budgets of one norm
     * @param adaptiveEot  EOT draws of the adaptive twins (0 = none)
     */
    public record Plan(Preset preset, List<AttackSpec> attacks, String defenses, int ensemble, List<Budget> budgets, boolean imageQuality,
            int adaptiveEot) {
    }

    /**
     * The run's settings besides the plan.
     *
     * @param limit        images examined (the first ones)
     * @param batch        attack batch size
     * @param floatSamples judge adversarial images as floats (the thesis) instead of 8-bit
     * @param adaptiveLimit adaptive attacks through a defense craft on the first this many attacked images (0 = all)
     */
    public record Settings(int limit, int batch, long seed, boolean floatSamples, int adaptiveLimit) {
        /** Every attacked image for every attack. */
        public Settings(int limit, int batch, long seed, boolean floatSamples) {
            this(limit, batch, seed, floatSamples, 0);
        }
    }

    /** What a run tells its caller while it works. */
    public interface Listener {
        /** A budget's evaluation starts: {@code resumed} rows came from its checkpoint; {@code total} units of work follow. */
        void start(Budget budget, Path folder, int resumed, long total);

        /** {@code k} units of work done. */
        void step(int k);

        /** What runs next (e.g. {@code crafting deepfool}). */
        void phase(String phase);

        /** The budget's evaluation ended (also on failure). */
        void end();
    }

    /**
     * The reports (one per budget, in sweep order), the sanity checks over all of them and, for a sweep of
     * several budgets, the robustness points (empty otherwise), with the plan that made them.
     */
    public record Result(Plan plan, List<EvaluationReport> reports, List<SanityCheck> checks, List<RobustnessPoint> points) {
        /** The checks of one report's budget. */
        public List<SanityCheck> checks(EvaluationReport r) {
            return checks.stream().filter(c -> c.budget().equals(r.budget())).toList();
        }

        /** The report folder of {@code r} under {@code out}. */
        public Path folder(Path out, EvaluationReport r) {
            return DefenseSweep.folder(out, r.budget(), reports.size());
        }

        /** table.md of {@code r}: the tables in the preset's layout ({@link DefenseTables#markdown}) and its sanity checks. */
        public String table(EvaluationReport r) {
            return DefenseTables.markdown(r, plan.preset()) + SanityCheck.markdown(checks(r));
        }

        /**
         * Writes the report files under {@code out}: per budget, in its {@link #folder}, results.csv, summary.json
         * (schema {@code sieve.eval.defense}) and table.md; for a sweep, robustness.csv and sanity.md in {@code out}.
         */
        public void write(Path out) throws IOException {
            Files.createDirectories(out);
            for (EvaluationReport r : reports) {
                Path dir = Files.createDirectories(folder(out, r));
                AtomicFiles.write(dir.resolve("results.csv"), DefenseTables.csv(r).getBytes(StandardCharsets.UTF_8));
                Map<String, Object> summary = ReportJson.report("eval.defense", DefenseTables.summary(r, plan.preset(), plan.adaptiveEot(), checks(r)));
                summary.put("software", ReportJson.software());
                ReportJson.writeFile(dir.resolve("summary.json"), summary);
                AtomicFiles.write(dir.resolve("table.md"), table(r).getBytes(StandardCharsets.UTF_8));
            }
            if (reports.size() > 1) {
                AtomicFiles.write(out.resolve("robustness.csv"), RobustnessPoint.csv(points).getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(out.resolve("sanity.md"), SanityCheck.markdown(checks).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /**
     * A time bound of a run: crafting ({@code craftSeconds}: every attack's gradient passes, {@link AttackSpec#passesPerImage},
     * at the time of one timed batched pass, and for adaptive attacks the defense draws each pass goes through) and
     * evaluating ({@code evaluateSeconds}: every defense on the clean and each attacked set, Ens-N draws of a randomized
     * one, each followed by a model pass bounded by a gradient pass); {@code defenseMillis} is each defense's timed
     * application per image, {@code costliest} the largest crafting term.
     */
    public record Estimate(double craftSeconds, double evaluateSeconds, double millisPerPass, Map<String, Double> defenseMillis,
            String costliest) {
        /** The whole bound. */
        public double seconds() {
            return craftSeconds + evaluateSeconds;
        }
    }

    private final DjlClassifier model;
    private final Plan plan;
    private final Settings settings;
    private final List<NamedDefense> defenses = new ArrayList<>();

    /** Checks that every attack builds at every budget and every defense parses; a bad spec is an {@link IllegalArgumentException}. */
    public DefenseSweep(DjlClassifier model, Plan plan, Settings settings) throws IOException {
        this.model = model;
        this.plan = plan;
        this.settings = settings;
        DefenseRegistry registry = Defenses.registry(model);
        for (String d : SpecList.split(plan.defenses())) {
            defenses.add(NamedDefense.parse(d, registry));
        }
        for (Budget b : plan.budgets()) {
            for (AttackSpec a : plan.attacks()) {
                a.build(model, b);
            }
        }
    }

    /**
     * The plan of the given spec texts, each null for the preset's (or the defaults without a preset):
     * {@code budget} is {@code minimal} or one budget, {@code budgets} a ';'-separated sweep of one norm (give
     * at most one of them); {@code adaptiveEot} &gt; 0 adds each attack's adaptive twin (BPDA + EOT).
     */
    public static Plan plan(Preset p, String attacks, String defenses, Integer ensemble, String budget, String budgets, int adaptiveEot,
            boolean imageQuality) {
        List<AttackSpec> attackSpecs = new ArrayList<>();
        for (String a : SpecList.split(attacks != null ? attacks : p != null ? p.attacks() : DEFAULT_ATTACKS)) {
            attackSpecs.add(AttackSpec.parse(a));
        }
        if (adaptiveEot < 0) {
            throw new IllegalArgumentException("adaptive EOT draws must be ≥ 0, got " + adaptiveEot);
        }
        if (adaptiveEot > 0) {
            for (AttackSpec a : List.copyOf(attackSpecs)) {
                if (!a.adaptive()) {
                    attackSpecs.add(a.adaptiveTwin(adaptiveEot));
                }
            }
        }
        if (budget != null && budgets != null) {
            throw new IllegalArgumentException("give one budget or a sweep of budgets, not both");
        }
        List<Budget> sweep = new ArrayList<>();
        if (budgets != null) {
            for (String piece : budgets.split(";")) {
                if (!piece.isBlank()) {
                    sweep.add(Budget.parse(piece));
                }
            }
            if (sweep.isEmpty() || sweep.stream().map(Budget::norm).distinct().count() > 1) {
                throw new IllegalArgumentException("a budget sweep needs one or more budgets of one norm, got " + DefenseParams.quote(budgets));
            }
        } else {
            String b = budget != null ? budget : p != null && p.budget() != null ? p.budget() : "minimal";
            sweep.add(b.strip().equalsIgnoreCase("minimal") ? null : Budget.parse(b));
        }
        return new Plan(p, attackSpecs, defenses != null ? defenses : p != null ? p.defenses() : DEFAULT_DEFENSES,
                ensemble != null ? ensemble : p != null ? p.ensemble() : 10, sweep, imageQuality || p != null && p.imageQuality(), adaptiveEot);
    }

    /** The report folder of {@code budget} under {@code out}: {@code out} itself for a single budget. */
    private static Path folder(Path out, String budget, int budgets) {
        return budgets == 1 ? out : out.resolve(budget.replace('/', '_'));
    }

    /**
     * Times one batched gradient pass and one application of each defense on up to a batch of {@code test}'s first
     * images, and bounds the run's time on the examined images ({@link Estimate}).
     */
    public Estimate estimate(ImageDataset test) {
        int n = Math.min(Math.min(settings.limit(), test.size()), settings.batch());
        List<Planar> probe = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            probe.add(test.image(i));
        }
        long t0 = System.nanoTime();
        model.inputGradient(probe, new int[n], ClassifierLoss.CROSS_ENTROPY);
        double pass = (System.nanoTime() - t0) / 1e9 / Math.max(1, n);
        Map<String, Double> draw = new LinkedHashMap<>();
        for (NamedDefense d : defenses) {
            if (!d.isNone() && n > 0) {
                d.defense().apply(probe.get(0), settings.seed()); // loads what the defense loads once (models, databases)
            }
            long t1 = System.nanoTime();
            if (!d.isNone()) {
                probe.parallelStream().forEach(img -> d.defense().apply(img, settings.seed()));
            }
            draw.put(d.label(), d.isNone() ? 0 : (System.nanoTime() - t1) / 1e9 / Math.max(1, n));
        }
        double images = Math.min(settings.limit(), test.size());
        double adaptiveImages = DefenseEvaluation.adaptiveImages(settings.adaptiveLimit(), (int) images);
        double craft = 0, evaluate = 0, worst = -1;
        String slowest = "";
        for (Budget b : plan.budgets()) {
            for (AttackSpec a : plan.attacks()) {
                long passes = a.passesPerImage(b, model.numClasses());
                List<NamedDefense> through = a.adaptive() ? defenses.stream().filter(d -> !d.isNone()).toList() : List.of();
                if (through.isEmpty()) {
                    double seconds = (a.adaptive() ? (double) passes / a.eotSamples() : passes) * pass * images;
                    craft += seconds;
                    if (seconds > worst) {
                        worst = seconds;
                        slowest = a.text() + " (≤ " + passes + " gradient passes per image)";
                    }
                }
                for (NamedDefense d : through) {
                    double draws = d.defense().randomized() ? passes : (double) passes / a.eotSamples();
                    double seconds = draws * (pass + draw.get(d.label())) * adaptiveImages;
                    craft += seconds;
                    if (seconds > worst) {
                        worst = seconds;
                        slowest = String.format(Locale.ROOT, "%s through %s (≤ %.0f gradient passes and defense draws per image)", a.text(),
                                d.label(), draws);
                    }
                }
            }
            long adaptive = plan.attacks().stream().filter(AttackSpec::adaptive).count();
            for (NamedDefense d : defenses) {
                double sets = (1 + plan.attacks().size() - adaptive) * images + adaptive * (d.isNone() ? images : adaptiveImages);
                evaluate += sets * (d.defense().randomized() ? plan.ensemble() : 1) * (draw.get(d.label()) + pass);
            }
        }
        draw.replaceAll((k, v) -> v * 1e3);
        return new Estimate(craft, evaluate, pass * 1e3, draw, slowest);
    }

    /**
     * Runs every budget on {@code test}, checkpointing each in its {@link #folder} under {@code out}
     * ({@code checkpoint.jsonl}); with {@code resume}, rows a checkpoint of the same parameters holds are taken.
     */
    public Result run(ImageDataset test, String modelName, String dataName, Path out, boolean resume, Listener listener) throws IOException {
        List<EvaluationReport> reports = new ArrayList<>();
        for (Budget budget : plan.budgets()) {
            DefenseEvaluation.Config config = new DefenseEvaluation.Config(plan.attacks(), defenses, plan.ensemble(), budget,
                    settings.limit(), settings.batch(), settings.seed(), plan.imageQuality(), settings.floatSamples(), settings.adaptiveLimit());
            String budgetText = budget == null ? "minimal" : budget.toString();
            Path folder = folder(out, budgetText, plan.budgets().size());
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("model", modelName);
            parameters.put("data", dataName);
            parameters.put("limit", settings.limit());
            parameters.put("batch", settings.batch());
            parameters.put("seed", settings.seed());
            parameters.put("ensemble", plan.ensemble());
            parameters.put("budget", budgetText);
            parameters.put("samples", settings.floatSamples() ? "float" : "8-bit");
            parameters.put("image_quality", config.imageQuality());
            if (settings.adaptiveLimit() > 0) {
                parameters.put("adaptive_limit", settings.adaptiveLimit());
            }
            DefenseRowStore store = DefenseRowStore.open(folder.resolve("checkpoint.jsonl"), parameters, resume);
            int resumed = store.size();
            try {
                Consumer<String> phase = listener::phase;
                reports.add(new DefenseEvaluation(model, config).run(test, modelName, store,
                        total -> listener.start(budget, folder, resumed, total), listener::step, phase));
                store.complete();
            } finally {
                listener.end();
            }
        }
        return new Result(plan, reports, SanityCheck.of(reports), reports.size() > 1 ? RobustnessPoint.of(reports) : List.of());
    }
}
