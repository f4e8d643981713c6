package dev.sieve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.data.SubsetDataset;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.repr.BornAgain;
import dev.sieve.repr.CcaHeatmap;
import dev.sieve.repr.FilterCca;
import dev.sieve.repr.ReprConfig;
import dev.sieve.repr.ReprListener;
import dev.sieve.repr.ReprRun;
import dev.sieve.repr.ReprScheme;
import dev.sieve.repr.RunCheckpoint;
import dev.sieve.repr.SchemeSpec;
import dev.sieve.repr.SeedComparison;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import me.tongfei.progressbar.ProgressBar;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve eval repr}: standard training beside RePr (any ranking metric, with ablation flags),
 * DSD and BAN, on the same data, architecture, optimizer and initialization, over several seeds
 * (thesis Figure 5.1, Tables 5.1 and 5.4). Every (scheme, seed) run checkpoints after each epoch
 * under {@code --out}/runs and {@code --resume} continues it exactly; the report is rebuilt from
 * the complete runs after each run finishes.
 */
@Command(
        name = "repr",
        header = "Standard vs RePr, DSD, BAN and ablations over seeds: Tables 5.1 and 5.4, Figure 5.1 (resumable).",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Trains standard and each --schemes entry for every seed and writes, in --out: curves.png (Figure 5.1: mean",
            "train/test accuracy per epoch of the schemes without ablation flags, pruned phases shaded), table.csv and table.md",
            "(Table 5.1: final test accuracy mean ± std over seeds, and per scheme the paired differences to standard over the",
            "seeds both ran with a paired t-test), table54.md (Table 5.4 layout: test error of standard, DSD, BAN, RePr-Weights,",
            "RePr-Ortho), epochs.csv (every epoch of every run), report.json, config.json, and with --cca, cca.png (Figure 5.11:",
            "CCA of the filters of layers 1 and 2, standard vs the first RePr scheme, seed 1).",
            "Seed s initializes the model and orders the data identically for every scheme. Every run checkpoints after each",
            "epoch in --out/runs/SCHEME/seed-S.ckpt; --resume continues them exactly (and may add schemes or seeds); the report",
            "covers every complete run in --out and is rebuilt after each run."})
public final class EvalReprCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", defaultValue = "fashion-mnist", description = "Data set (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = {"-m", "--model"}, paramLabel = "ARCH", defaultValue = "c3-32", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

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

    @Option(names = "--s1", paramLabel = "E", defaultValue = "20", description = "Full-network epochs per iteration (default: ${DEFAULT-VALUE}).")
    int s1;

    @Option(names = "--s2", paramLabel = "E", defaultValue = "10", description = "Sub-network epochs per iteration (default: ${DEFAULT-VALUE}).")
    int s2;

    @Option(names = "--prune", paramLabel = "P", defaultValue = "0.3", description = "Fraction of filters (RePr) or weights (DSD) dropped (default: ${DEFAULT-VALUE}).")
    double prune;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "RePr and DSD iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

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

    @Option(names = "--ranking-images", paramLabel = "N", defaultValue = "1000",
            description = "Training images the data-driven rankings look at (default: ${DEFAULT-VALUE}).")
    int rankingImages;

    @Option(names = "--cca", description = "Also write cca.png (needs a cN-X model).")
    boolean cca;

    @Option(names = "--resume", description = "Continue the runs checkpointed in --out (same settings; --schemes and --seeds may grow).")
    boolean resume;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    private Map<String, Object> settings;

    private static final Pattern SEED_FILE = Pattern.compile("seed-(\\d+)\\.ckpt");

    /** One complete run as the report sees it; BAN's is its last generation, {@code generations} all of them. */
    private record Run(String scheme, int seed, ReprRun result, List<ReprRun> generations) {
    }

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || seeds > 100) {
            throw new UsageError("--seeds must be in 1..100, got " + seeds);
        }
        if ((trainLimit != null && trainLimit < 1) || (testLimit != null && testLimit < 1) || validation < 0 || rankingImages < 1) {
            throw new UsageError("--train-limit, --test-limit and --ranking-images must be ≥ 1, --validation ≥ 0");
        }
        if (schemes != null && metrics != null) {
            throw new UsageError("give --schemes or --metrics, not both");
        }
        int gens = generations == null ? Math.max(1, iterations) : generations;
        if (gens < 1 || gens > 10) {
            throw new UsageError("--generations must be in 1..10, got " + gens);
        }
        UsageError.fromOptions(() -> Architectures.build(arch, 2));
        List<SchemeSpec> specs = new ArrayList<>(List.of(SchemeSpec.parse("standard")));
        List<String> names = metrics != null ? metrics.stream().map(m -> "repr-" + m).toList() : schemes != null ? schemes : List.of("repr-ortho");
        for (String n : names) {
            SchemeSpec sp = UsageError.fromOptions(() -> SchemeSpec.parse(n));
            if (specs.stream().noneMatch(x -> x.name().equals(sp.name()))) {
                specs.add(sp);
            }
        }
        for (SchemeSpec sp : specs) {
            UsageError.fromOptions(() -> sp.config(s1, s2, prune, iterations, rankingImages));
        }
        config(1);
        if (iterations * (s1 + s2) > epochs) {
            throw new UsageError("--iterations × (--s1 + --s2) = " + iterations * (s1 + s2) + " epochs, more than --epochs " + epochs);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        ImageDataset all = DataSets.open(data, true, 3, 32), test = DataSets.open(data, false, 3, 32);
        all = trainLimit == null ? all : all.head(trainLimit);
        test = testLimit == null ? test : test.head(testLimit);
        if (validation > 0 && all.size() < 2 * validation) {
            throw new UsageError("--validation " + validation + " needs at least " + 2 * validation + " training images, there are " + all.size());
        }
        ImageDataset train = validation == 0 ? all : new SubsetDataset(all, java.util.stream.IntStream.range(0, all.size() - validation).toArray());
        ImageDataset held = validation == 0 ? null : new SubsetDataset(all, java.util.stream.IntStream.range(all.size() - validation, all.size()).toArray());
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(train.channels(), train.height(), train.width(),
                Normalization.of(train)), all.source());
        settings = settings(train, test, gens);
        checkSettings(settings);
        Path runs = out.resolve("runs");
        Files.createDirectories(runs);
        if (!Files.exists(out.resolve("config.json"))) {
            AtomicFiles.write(out.resolve("config.json"), Json.write(settings).getBytes(StandardCharsets.UTF_8));
        }
        PrintWriter err = spec.commandLine().getErr();
        long todo = 0;
        for (SchemeSpec sp : specs) {
            for (int seed = 1; seed <= seeds; seed++) {
                todo += (long) epochsLeft(sp, seed, gens) * train.size();
            }
        }
        try (ProgressBar bar = Progress.bar("eval repr", todo)) {
            for (int seed = 1; seed <= seeds; seed++) {
                for (SchemeSpec sp : specs) {
                    if (epochsLeft(sp, seed, gens) == 0) {
                        continue;
                    }
                    long t0 = System.nanoTime();
                    bar.setExtraMessage(sp.name() + " seed " + seed);
                    ReprListener listener = listener(bar, err, sp.name(), seed);
                    Files.createDirectories(runs.resolve(sp.name()));
                    if (sp.kind() == SchemeSpec.Kind.BAN) {
                        int s = seed;
                        try (SieveModel teacher = restore(info, "standard", seed)) {
                            new BornAgain(info, config(seed), gens).run(teacher, train, test, listener,
                                    g -> runs.resolve("ban").resolve("seed-" + s + "-gen-" + g + ".ckpt"));
                        }
                    } else {
                        ReprConfig rc = sp.config(s1, s2, prune, iterations, rankingImages);
                        try (SieveModel model = SieveModel.create(info, seed)) {
                            new ReprScheme(model, config(seed), rc).run(train, held, test, listener, checkpoint(sp.name(), seed));
                        }
                    }
                    err.printf(Locale.ROOT, "eval repr: %s seed %d complete (%.0f s)%n", sp.name(), seed, (System.nanoTime() - t0) / 1e9);
                    err.flush();
                    report(info, test, gens, false);
                }
            }
        }
        Map<String, Object> report = report(info, test, gens, cca);
        spec.commandLine().getOut().println(Json.write(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private ReprListener listener(ProgressBar bar, PrintWriter err, String scheme, int seed) {
        return new ReprListener() {
            @Override
            public void batch(int epoch, int images, double loss, double accuracy) {
                bar.stepBy(images);
            }

            @Override
            public void epoch(EpochResult r) {
                if (!Progress.shown()) {
                    err.printf(Locale.ROOT, "eval repr: %s seed %d epoch %d/%d: train %.4f test %.4f (%.0f s)%n", scheme, seed, r.epoch(), epochs,
                            r.trainAccuracy(), r.testAccuracy(), r.seconds());
                    err.flush();
                }
            }
        };
    }

    /** The settings every run in {@code --out} shares (config.json); schemes and seeds are not among them. */
    private Map<String, Object> settings(ImageDataset train, ImageDataset test, int gens) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", arch);
        m.put("data", train.source());
        m.put("trainImages", train.size());
        m.put("validationImages", validation);
        m.put("testImages", test.size());
        m.put("epochs", epochs);
        m.put("s1", s1);
        m.put("s2", s2);
        m.put("prune", prune);
        m.put("iterations", iterations);
        m.put("banGenerations", gens);
        m.put("rankingImages", rankingImages);
        m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
        m.put("learningRate", lr);
        m.put("weightDecay", weightDecay);
        m.put("batchSize", batchSize);
        m.put("augment", augment);
        return m;
    }

    /** Refuses to mix settings in one folder, and to touch existing runs without --resume. */
    private void checkSettings(Map<String, Object> settings) throws IOException {
        Path file = out.resolve("config.json");
        if (!Files.exists(file)) {
            if (Files.isDirectory(out.resolve("runs"))) {
                throw new UsageError(out + ": holds runs but no config.json; choose another --out");
            }
            return;
        }
        if (!resume) {
            throw new UsageError(out + ": holds a study already; pass --resume to continue it, or choose another --out");
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonNode had = mapper.readTree(Files.readString(file)), now = mapper.readTree(Json.write(settings));
        for (var it = now.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!now.get(k).equals(had.get(k))) {
                throw new UsageError(out + ": its runs used " + k + " = " + had.get(k) + ", this command " + now.get(k)
                        + "; --resume needs the same settings");
            }
        }
    }

    private Path checkpoint(String scheme, int seed) {
        return out.resolve("runs").resolve(scheme).resolve("seed-" + seed + ".ckpt");
    }

    private int epochsDone(Path ckpt) throws IOException {
        return Files.exists(ckpt) ? RunCheckpoint.load(ckpt).epochsDone() : 0;
    }

    private int epochsLeft(SchemeSpec sp, int seed, int gens) throws IOException {
        if (sp.kind() != SchemeSpec.Kind.BAN) {
            return epochs - epochsDone(checkpoint(sp.name(), seed));
        }
        int left = 0;
        for (int g = 1; g <= gens; g++) {
            left += epochs - epochsDone(out.resolve("runs").resolve("ban").resolve("seed-" + seed + "-gen-" + g + ".ckpt"));
        }
        return left;
    }

    /** The final model of a complete run, rebuilt from its checkpoint. */
    private SieveModel restore(ModelInfo info, String scheme, int seed) throws IOException {
        Path ckpt = checkpoint(scheme, seed);
        RunCheckpoint cp = RunCheckpoint.load(ckpt);
        if (cp.epochsDone() != epochs) {
            throw new IllegalStateException(ckpt + ": run not complete (" + cp.epochsDone() + " of " + epochs + " epochs)");
        }
        SieveModel m = SieveModel.create(info, seed);
        try {
            cp.restoreInto(m, ckpt);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private TrainingConfig config(long seed) throws IOException {
        return UsageError.fromOptions(() -> new TrainingConfig(epochs, batchSize, optimizer, lr, weightDecay, Schedule.FIXED,
                augment ? new Augmentation(4, true) : Augmentation.NONE, seed));
    }

    /** Every complete run in {@code --out}/runs, by seed. */
    private List<Run> completeRuns(int gens) throws IOException {
        List<Run> found = new ArrayList<>();
        Path runs = out.resolve("runs");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : dirs) {
            String scheme = dir.getFileName().toString();
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.sorted().toList();
            }
            for (Path f : files) {
                Matcher m = SEED_FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                RunCheckpoint cp = RunCheckpoint.load(f);
                if (cp.epochsDone() == epochs) {
                    found.add(new Run(scheme, Integer.parseInt(m.group(1)), cp.run(), List.of(cp.run())));
                }
            }
            if (scheme.equals("ban")) {
                for (int seed = 1; seed <= 100; seed++) {
                    List<ReprRun> g = new ArrayList<>();
                    for (int k = 1; k <= gens; k++) {
                        Path f = dir.resolve("seed-" + seed + "-gen-" + k + ".ckpt");
                        if (!Files.exists(f)) {
                            break;
                        }
                        RunCheckpoint cp = RunCheckpoint.load(f);
                        if (cp.epochsDone() != epochs) {
                            break;
                        }
                        g.add(cp.run());
                    }
                    if (g.size() == gens) {
                        found.add(new Run("ban", seed, g.get(gens - 1), g));
                    }
                }
            }
        }
        found.sort(Comparator.comparingInt(Run::seed));
        return found;
    }

    /** Report order: standard, RePr-Ortho, -Weights, -random, other rankings, DSD, BAN, then the ablations (names with +). */
    private static int rank(String scheme) {
        int base = List.of("standard", "repr-ortho", "repr-weights", "repr-random").indexOf(scheme);
        return base >= 0 ? base : scheme.contains("+") ? 7 : scheme.equals("dsd") ? 5 : scheme.equals("ban") ? 6 : 4;
    }

    /** Writes every report file from the complete runs; returns report.json's content. */
    private Map<String, Object> report(ModelInfo info, ImageDataset test, int gens, boolean withCca) throws IOException {
        List<Run> runs = completeRuns(gens);
        List<String> schemeList = runs.stream().map(Run::scheme).distinct().sorted(Comparator.comparingInt(EvalReprCommand::rank)
                .thenComparing(Comparator.naturalOrder())).toList();
        Map<String, Object> table = writeTables(schemeList, runs);
        List<String> main = schemeList.stream().filter(s -> !s.contains("+")).toList();
        boolean[] pruned = runs.stream().filter(r -> r.scheme().startsWith("repr-") || r.scheme().equals("dsd")).findFirst()
                .map(r -> r.result().prunedEpochs()).orElse(new boolean[epochs]);
        if (!runs.isEmpty()) {
            writeCurves(out.resolve("curves.png"), main, runs, pruned);
        }
        String firstRepr = schemeList.stream().filter(s -> s.startsWith("repr-")).findFirst().orElse(null);
        if (withCca && firstRepr != null && Files.exists(checkpoint("standard", 1)) && Files.exists(checkpoint(firstRepr, 1))) {
            ImageDataset sample = test.head(Math.min(500, test.size()));
            double[][][] panels = new double[2][][];
            String[] schemesCca = {"standard", firstRepr};
            for (int k = 0; k < 2; k++) {
                try (SieveModel m = restore(info, schemesCca[k], 1)) {
                    panels[k] = merge(FilterCca.of(m, 0, sample, 4), FilterCca.of(m, 1, sample, 4));
                }
            }
            CcaHeatmap.write(out.resolve("cca.png"), panels, new String[] {"standard (lower: layer 1, upper: layer 2)",
                firstRepr + " (lower: layer 1, upper: layer 2)"});
        }
        Map<String, Object> report = new LinkedHashMap<>(settings);
        report.put("ranking", "global, first layer excluded, unless a scheme's +flags say otherwise");
        report.put("runsComplete", runs.size());
        report.put("finalTestAccuracy", table);
        report.put("trainingSeconds", runs.stream().mapToDouble(r -> r.generations().stream()
                .flatMap(g -> g.epochs().stream()).mapToDouble(EpochResult::seconds).sum()).sum());
        AtomicFiles.write(out.resolve("report.json"), Json.write(report).getBytes(StandardCharsets.UTF_8));
        return report;
    }

    /** Lower triangle from {@code lower}, upper triangle from {@code upper} (Figure 5.2's layout); they must be the same size. */
    private static double[][] merge(double[][] lower, double[][] upper) {
        if (lower.length != upper.length) {
            return upper;
        }
        double[][] m = new double[lower.length][lower.length];
        for (int a = 0; a < m.length; a++) {
            for (int b = 0; b < m.length; b++) {
                m[a][b] = a > b ? lower[a][b] : upper[a][b];
            }
        }
        return m;
    }

    private Map<String, Object> writeTables(List<String> schemeList, List<Run> runs) throws IOException {
        StringBuilder epochsCsv = new StringBuilder("scheme,seed,generation,epoch,pruned,train_loss,train_accuracy,test_loss,test_accuracy,ortho_sum,seconds\n");
        for (Run r : runs) {
            for (int g = 0; g < r.generations().size(); g++) {
                ReprRun run = r.generations().get(g);
                for (EpochResult e : run.epochs()) {
                    epochsCsv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%b,%.6f,%.6f,%.6f,%.6f,%.4f,%.2f%n", r.scheme(), r.seed(),
                            r.scheme().equals("ban") ? g + 1 : 0, e.epoch(), run.prunedEpochs()[e.epoch() - 1], e.trainLoss(), e.trainAccuracy(),
                            e.testLoss(), e.testAccuracy(), run.orthoSum()[e.epoch() - 1], e.seconds()));
                }
            }
        }
        StringBuilder tableCsv = new StringBuilder("scheme,seeds,test_accuracy_mean,test_accuracy_std,paired_seeds,difference_mean,difference_std,"
                + "t,p,train_accuracy_mean,ortho_sum_mean,dropped_per_layer\n");
        StringBuilder md = new StringBuilder("| scheme | seeds | test accuracy, mean ± std | per seed | − standard, paired mean ± std | t | p |"
                + " train accuracy | Ortho-sum |\n|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> table = new LinkedHashMap<>();
        Map<Integer, Double> standard = new LinkedHashMap<>();
        runs.stream().filter(r -> r.scheme().equals("standard")).forEach(r -> standard.put(r.seed(), last(r).testAccuracy()));
        for (String s : schemeList) {
            List<Run> rs = runs.stream().filter(r -> r.scheme().equals(s)).toList();
            double[] test = rs.stream().mapToDouble(r -> last(r).testAccuracy()).toArray();
            double trainMean = rs.stream().mapToDouble(r -> last(r).trainAccuracy()).average().orElse(Double.NaN);
            double orthoMean = rs.stream().mapToDouble(r -> r.result().orthoSum()[epochs - 1]).average().orElse(Double.NaN);
            double mean = mean(test), std = std(test);
            List<Run> paired = rs.stream().filter(r -> standard.containsKey(r.seed())).toList();
            SeedComparison cmp = s.equals("standard") ? null : SeedComparison.of(paired.stream().mapToDouble(r -> last(r).testAccuracy()).toArray(),
                    paired.stream().mapToDouble(r -> standard.get(r.seed())).toArray());
            double[][] drops = meanDrops(rs);
            StringBuilder dropCell = new StringBuilder();
            for (double[] it : drops) {
                dropCell.append(dropCell.length() == 0 ? "" : " ");
                for (int l = 0; l < it.length; l++) {
                    dropCell.append(l == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", it[l]));
                }
            }
            tableCsv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%s,%s,%s,%s,%s,%.4f,%.3f,%s%n", s, test.length, mean, std,
                    cmp == null ? "" : cmp.pairs(), num(cmp == null ? Double.NaN : cmp.meanDifference(), 4),
                    num(cmp == null ? Double.NaN : cmp.sdDifference(), 4), num(cmp == null ? Double.NaN : cmp.t(), 3),
                    num(cmp == null ? Double.NaN : cmp.p(), 4), trainMean, orthoMean, dropCell));
            StringBuilder perSeed = new StringBuilder();
            rs.forEach(r -> perSeed.append(perSeed.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", last(r).testAccuracy())));
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %.3f | %.0f |%n", s, test.length, meanStd(mean, std, test.length, 4), perSeed,
                    cmp == null ? "" : meanStd(cmp.meanDifference(), cmp.sdDifference(), cmp.pairs(), 4) + " (" + cmp.pairs() + ")",
                    cmp == null ? "" : num(cmp.t(), 2), cmp == null ? "" : num(cmp.p(), 3), trainMean, orthoMean));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mean", mean);
            row.put("std", std);
            row.put("seeds", rs.stream().mapToInt(Run::seed).toArray());
            row.put("perSeed", test);
            if (cmp != null) {
                row.put("pairedSeeds", cmp.pairs());
                row.put("differenceMean", finite(cmp.meanDifference()));
                row.put("differenceStd", finite(cmp.sdDifference()));
                row.put("pairedT", finite(cmp.t()));
                row.put("pairedP", finite(cmp.p()));
            }
            row.put("trainAccuracyMean", trainMean);
            row.put("orthoSumMean", orthoMean);
            row.put("droppedPerLayerMean", drops);
            table.put(s, row);
        }
        StringBuilder t54 = new StringBuilder("| | Standard | DSD | BAN | RePr Weights | RePr Ortho |\n|---|---|---|---|---|---|\n| test error (%), mean ± std |");
        for (String s : List.of("standard", "dsd", "ban", "repr-weights", "repr-ortho")) {
            double[] test = runs.stream().filter(r -> r.scheme().equals(s)).mapToDouble(r -> last(r).testAccuracy()).toArray();
            t54.append(test.length == 0 ? " not run |" : String.format(Locale.ROOT, " %s (%d) |", meanStd(100 * (1 - mean(test)), 100 * std(test),
                    test.length, 2), test.length));
        }
        t54.append("\n");
        AtomicFiles.write(out.resolve("epochs.csv"), epochsCsv.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.csv"), tableCsv.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.md"), md.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table54.md"), t54.toString().getBytes(StandardCharsets.UTF_8));
        return table;
    }

    /** "mean ± std", or the mean alone for one seed (no spread to show). */
    private static String meanStd(double mean, double std, int n, int digits) {
        String m = String.format(Locale.ROOT, "%." + digits + "f", mean);
        return n < 2 ? m : m + " ± " + String.format(Locale.ROOT, "%." + digits + "f", std);
    }

    private static String num(double v, int digits) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + digits + "f", v) : "";
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Filters (RePr) or weights (DSD) dropped per layer at each iteration, mean over the runs' seeds ([iteration][layer]; empty for standard). */
    private static double[][] meanDrops(List<Run> runs) {
        int iterations = runs.stream().mapToInt(r -> r.result().droppedPerLayer().size()).min().orElse(0);
        double[][] m = new double[iterations][];
        for (int i = 0; i < iterations; i++) {
            m[i] = new double[runs.get(0).result().droppedPerLayer().get(i).length];
            for (Run r : runs) {
                int[] d = r.result().droppedPerLayer().get(i);
                for (int l = 0; l < d.length && l < m[i].length; l++) {
                    m[i][l] += d[l] / (double) runs.size();
                }
            }
        }
        return m;
    }

    private static EpochResult last(Run r) {
        return r.result().epochs().get(r.result().epochs().size() - 1);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    /** Sample standard deviation (0 for one seed). */
    private static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v), s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private void writeCurves(Path file, List<String> schemes, List<Run> runs, boolean[] pruned) throws IOException {
        JFreeChart[] charts = new JFreeChart[2];
        for (int c = 0; c < 2; c++) {
            XYSeriesCollection col = new XYSeriesCollection();
            for (String s : schemes) {
                XYSeries series = new XYSeries(s);
                for (int e = 1; e <= epochs; e++) {
                    int epoch = e;
                    boolean train = c == 0;
                    series.add(e, runs.stream().filter(r -> r.scheme().equals(s))
                            .mapToDouble(r -> train ? r.result().epochs().get(epoch - 1).trainAccuracy() : r.result().epochs().get(epoch - 1).testAccuracy())
                            .average().orElse(Double.NaN));
                }
                col.addSeries(series);
            }
            charts[c] = ChartFactory.createXYLineChart((c == 0 ? "Training" : "Test") + " accuracy, " + arch + ", mean over complete seeds",
                    "epoch", "accuracy", col, PlotOrientation.VERTICAL, true, false, false);
            XYPlot plot = charts[c].getXYPlot();
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.getRangeAxis().setAutoRange(true);
            ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
            for (int e = 0; e < pruned.length; e++) {
                if (pruned[e]) {
                    plot.addDomainMarker(new IntervalMarker(e + 0.5, e + 1.5, new Color(120, 150, 220, 70)), org.jfree.chart.ui.Layer.BACKGROUND);
                }
            }
        }
        BufferedImage img = new BufferedImage(1400, 520, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        charts[0].draw(g, new Rectangle2D.Double(0, 0, 700, 520));
        charts[1].draw(g, new Rectangle2D.Double(700, 0, 700, 520));
        g.dispose();
        AtomicFiles.write(file, o -> ImageIO.write(img, "png", o));
    }
}
