package dev.sieve.cli;

import dev.sieve.image.io.AtomicFiles;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.DataSets;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.repr.CcaHeatmap;
import dev.sieve.repr.FilterCca;
import dev.sieve.repr.FilterScores;
import dev.sieve.repr.ReprConfig;
import dev.sieve.repr.ReprListener;
import dev.sieve.repr.ReprRun;
import dev.sieve.repr.ReprScheme;
import dev.sieve.repr.Rankings;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * {@code sieve eval repr}: standard training and RePr with each asked ranking metric, side by side
 * on the same data, architecture, optimizer and initialization, over several seeds (thesis Figure
 * 5.1 and Table 5.1).
 */
@Command(
        name = "repr",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Trains standard and RePr (one run per --metrics entry) for every seed and writes, in --out:",
            "curves.png (Figure 5.1: mean train/test accuracy per epoch, pruned phases shaded), table.csv (Table 5.1:",
            "final test accuracy mean ± std per scheme), epochs.csv (every epoch of every run), report.json, and with",
            "--cca, cca.png (Figure 5.11: CCA of the filters of layers 1 and 2, standard vs RePr, seed 1).",
            "Seed s initializes the model and orders the data identically for every scheme."})
public final class EvalReprCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA", defaultValue = "fashion-mnist", description = "Data set (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = {"-m", "--model"}, paramLabel = "ARCH", defaultValue = "c3-32", description = "Architecture (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--seeds", paramLabel = "K", defaultValue = "3", description = "Seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--metrics", paramLabel = "M,...", defaultValue = "ortho", split = ",",
            description = "RePr ranking metrics to compare (default: ${DEFAULT-VALUE}); any of ortho, weights, random, activation, apoz, gradient, taylor, oracle.")
    List<String> metrics;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "100", description = "Epochs per run (default: ${DEFAULT-VALUE}, as Figure 5.1).")
    int epochs;

    @Option(names = "--s1", paramLabel = "E", defaultValue = "20", description = "Full-network epochs per iteration (default: ${DEFAULT-VALUE}).")
    int s1;

    @Option(names = "--s2", paramLabel = "E", defaultValue = "10", description = "Sub-network epochs per iteration (default: ${DEFAULT-VALUE}).")
    int s2;

    @Option(names = "--prune", paramLabel = "P", defaultValue = "0.3", description = "Fraction of filters dropped (default: ${DEFAULT-VALUE}).")
    double prune;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "RePr iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

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

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N test images only.")
    Integer testLimit;

    @Option(names = "--cca", description = "Also write cca.png (needs a cN-X model).")
    boolean cca;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Output folder (created if missing).")
    Path out;

    /** One training run; {@code drops} holds the filters dropped per layer at each RePr iteration. */
    private record Run(String scheme, int seed, ReprRun result, List<int[]> drops) {
    }

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || seeds > 100) {
            throw new UsageError("--seeds must be in 1..100, got " + seeds);
        }
        if ((trainLimit != null && trainLimit < 1) || (testLimit != null && testLimit < 1)) {
            throw new UsageError("--train-limit and --test-limit must be ≥ 1");
        }
        UsageError.fromOptions(() -> Architectures.build(arch, 2));
        List<String> schemes = new ArrayList<>(List.of("standard"));
        for (String m : metrics) {
            UsageError.fromOptions(() -> Rankings.byName(m));
            schemes.add("repr-" + m.toLowerCase(Locale.ROOT));
        }
        TrainingConfig probe = config(1);
        new ReprConfig(s1, s2, prune, iterations, metrics.get(0), true, true, 1000, 0f, null);
        if (iterations * (s1 + s2) > epochs) {
            throw new UsageError("--iterations × (--s1 + --s2) = " + iterations * (s1 + s2) + " epochs, more than --epochs " + epochs);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IOException(out + ": exists and is not a folder");
        }
        ImageDataset train = DataSets.open(data, true, 3, 32), test = DataSets.open(data, false, 3, 32);
        train = trainLimit == null ? train : train.head(trainLimit);
        test = testLimit == null ? test : test.head(testLimit);
        ModelInfo info = new ModelInfo(arch, train.classes(), new InputSpec(train.channels(), train.height(), train.width(),
                Normalization.of(train)), train.source());
        List<Run> runs = new ArrayList<>();
        double[][][] ccaPanels = new double[2][][];
        long started = System.nanoTime();
        try (ProgressBar bar = Progress.bar("eval repr", (long) schemes.size() * seeds * epochs * train.size())) {
            for (int seed = 1; seed <= seeds; seed++) {
                for (int k = 0; k < schemes.size(); k++) {
                    String scheme = schemes.get(k);
                    ReprConfig rc = k == 0 ? new ReprConfig(s1, s2, prune, 0, "ortho", true, true, 1000, 0f, null)
                            : new ReprConfig(s1, s2, prune, iterations, metrics.get(k - 1), true, true, 1000, 0f, null);
                    bar.setExtraMessage(scheme + " seed " + seed);
                    try (SieveModel model = SieveModel.create(info, seed)) {
                        List<int[]> drops = new ArrayList<>();
                        ReprRun r = new ReprScheme(model, config(seed), rc).run(train, null, test, new ReprListener() {
                            @Override
                            public void batch(int epoch, int images, double loss, double accuracy) {
                                bar.stepBy(images);
                            }

                            @Override
                            public void dropped(int epoch, int iteration, boolean[][] selection, double seconds) {
                                drops.add(FilterScores.droppedPerLayer(selection));
                            }
                        });
                        runs.add(new Run(scheme, seed, r, drops));
                        if (cca && seed == 1 && k <= 1) {
                            ImageDataset sample = test.head(500);
                            ccaPanels[k] = merge(FilterCca.of(model, 0, sample, 4), FilterCca.of(model, 1, sample, 4));
                        }
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Files.createDirectories(out);
        boolean[] pruned = runs.size() > 1 ? runs.get(1).result().prunedEpochs() : new boolean[epochs];
        writeCurves(out.resolve("curves.png"), schemes, runs, pruned);
        Map<String, Object> table = writeTables(schemes, runs);
        if (cca && ccaPanels[1] != null) {
            CcaHeatmap.write(out.resolve("cca.png"), ccaPanels, new String[] {"standard (lower: layer 1, upper: layer 2)",
                "RePr-" + metrics.get(0) + " (lower: layer 1, upper: layer 2)"});
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", arch);
        report.put("data", train.source());
        report.put("trainImages", train.size());
        report.put("testImages", test.size());
        report.put("epochs", epochs);
        report.put("s1", s1);
        report.put("s2", s2);
        report.put("prune", prune);
        report.put("iterations", iterations);
        report.put("ranking", "global, first layer excluded");
        report.put("optimizer", probe.optimizer().name().toLowerCase(Locale.ROOT));
        report.put("learningRate", lr);
        report.put("weightDecay", weightDecay);
        report.put("batchSize", batchSize);
        report.put("augment", augment);
        report.put("seeds", seeds);
        report.put("finalTestAccuracy", table);
        report.put("seconds", seconds);
        AtomicFiles.write(out.resolve("report.json"), Json.write(report).getBytes(StandardCharsets.UTF_8));
        spec.commandLine().getOut().println(Json.write(report));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private TrainingConfig config(long seed) {
        return new TrainingConfig(epochs, batchSize, optimizer, lr, weightDecay, Schedule.FIXED, augment ? new Augmentation(4, true) : Augmentation.NONE, seed);
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

    private Map<String, Object> writeTables(List<String> schemes, List<Run> runs) throws IOException {
        StringBuilder epochsCsv = new StringBuilder("scheme,seed,epoch,pruned,train_loss,train_accuracy,test_loss,test_accuracy,ortho_sum,seconds\n");
        for (Run r : runs) {
            for (EpochResult e : r.result().epochs()) {
                epochsCsv.append(String.format(Locale.ROOT, "%s,%d,%d,%b,%.6f,%.6f,%.6f,%.6f,%.4f,%.2f%n", r.scheme(), r.seed(), e.epoch(),
                        r.result().prunedEpochs()[e.epoch() - 1], e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(),
                        r.result().orthoSum()[e.epoch() - 1], e.seconds()));
            }
        }
        StringBuilder tableCsv = new StringBuilder("scheme,seeds,test_accuracy_mean,test_accuracy_std,train_accuracy_mean,ortho_sum_mean,dropped_per_layer\n");
        Map<String, Object> table = new LinkedHashMap<>();
        for (String s : schemes) {
            List<Run> rs = runs.stream().filter(r -> r.scheme().equals(s)).toList();
            double[] test = rs.stream().mapToDouble(r -> last(r).testAccuracy()).toArray();
            double trainMean = rs.stream().mapToDouble(r -> last(r).trainAccuracy()).average().orElse(Double.NaN);
            double orthoMean = rs.stream().mapToDouble(r -> r.result().orthoSum()[epochs - 1]).average().orElse(Double.NaN);
            double mean = mean(test), std = std(test);
            double[][] drops = meanDrops(rs);
            StringBuilder dropCell = new StringBuilder();
            for (double[] it : drops) {
                dropCell.append(dropCell.length() == 0 ? "" : " ");
                for (int l = 0; l < it.length; l++) {
                    dropCell.append(l == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", it[l]));
                }
            }
            tableCsv.append(String.format(Locale.ROOT, "%s,%d,%.4f,%.4f,%.4f,%.3f,%s%n", s, test.length, mean, std, trainMean, orthoMean, dropCell));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("mean", mean);
            row.put("std", std);
            row.put("perSeed", test);
            row.put("trainAccuracyMean", trainMean);
            row.put("orthoSumMean", orthoMean);
            row.put("droppedPerLayerMean", drops);
            table.put(s, row);
        }
        AtomicFiles.write(out.resolve("epochs.csv"), epochsCsv.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("table.csv"), tableCsv.toString().getBytes(StandardCharsets.UTF_8));
        return table;
    }

    /** Filters dropped per layer at each RePr iteration, mean over the runs' seeds ([iteration][layer]; empty for standard). */
    private static double[][] meanDrops(List<Run> runs) {
        int iterations = runs.stream().mapToInt(r -> r.drops().size()).min().orElse(0);
        double[][] m = new double[iterations][];
        for (int i = 0; i < iterations; i++) {
            m[i] = new double[runs.get(0).drops().get(i).length];
            for (Run r : runs) {
                int[] d = r.drops().get(i);
                for (int l = 0; l < d.length; l++) {
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
        return s / v.length;
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
            charts[c] = ChartFactory.createXYLineChart((c == 0 ? "Training" : "Test") + " accuracy, " + arch + ", mean of " + seeds + " seed(s)",
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
