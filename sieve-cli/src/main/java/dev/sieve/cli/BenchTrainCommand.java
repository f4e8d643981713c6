package dev.sieve.cli;

import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Evaluation;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench train}: training and inference throughput of C^3(32) (the baseline) and
 * ResNet-20 on random 3×32×32 images in 10 classes, SGD with momentum.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Training and inference throughput (images per second) of C^3(32) (baseline) and ResNet-20",
            "on random 3x32x32 images, 10 classes, SGD with momentum; one untimed warm-up epoch, then one timed epoch."})
public final class BenchTrainCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "Batches per epoch (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--models", paramLabel = "ARCH", split = ",", defaultValue = "c3-32,resnet20",
            description = "Architectures, the first is the baseline (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || steps < 1 || models.isEmpty()) {
            throw new UsageError("need --batch-size ≥ 1, --steps ≥ 1 and at least one model");
        }
        int n = batchSize * steps;
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] pixels = new byte[n * 3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rnd.nextInt(256);
        }
        List<String> classes = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();
        ImageDataset data = new InMemoryDataset(pixels, rnd.ints(n, 0, 10).toArray(), 3, 32, 32, classes, "random");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String arch : models) {
            ModelInfo info = new ModelInfo(arch, classes, new InputSpec(3, 32, 32, Normalization.IMAGENET), "benchmark");
            try (SieveModel m = SieveModel.create(info, 1)) {
                TrainingConfig cfg = new TrainingConfig(2, batchSize, OptimizerKind.MOMENTUM, 0.01f, 0, Schedule.FIXED, Augmentation.NONE, 1);
                List<EpochResult> r = new Training(m, cfg).run(data, data.head(batchSize), new TrainingListener() { });
                Evaluation.accuracy(m, data.head(batchSize), batchSize, k -> { });
                long start = System.nanoTime();
                Evaluation.accuracy(m, data, batchSize, k -> { });
                double inference = n / ((System.nanoTime() - start) / 1e9);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("model", arch);
                row.put("trainImagesPerSecond", r.get(1).imagesPerSecond());
                row.put("inferenceImagesPerSecond", inference);
                rows.add(row);
            }
        }
        double baseTrain = (double) rows.get(0).get("trainImagesPerSecond"), baseInf = (double) rows.get(0).get("inferenceImagesPerSecond");
        for (Map<String, Object> row : rows) {
            row.put("trainRatioToBaseline", (double) row.get("trainImagesPerSecond") / baseTrain);
            row.put("inferenceRatioToBaseline", (double) row.get("inferenceImagesPerSecond") / baseInf);
        }
        PrintWriter out = spec.commandLine().getOut();
        String device = NnRuntime.device() + " (convolutions: " + NnRuntime.convolutionKernels() + ")";
        int cores = Runtime.getRuntime().availableProcessors();
        if (json) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("device", device);
            r.put("cores", cores);
            r.put("batchSize", batchSize);
            r.put("imagesPerEpoch", n);
            r.put("results", rows);
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "device %s, %d cores, batch %d, %d images per timed epoch%n", device, cores, batchSize, n);
            out.printf(Locale.ROOT, "%-10s %14s %8s %14s %8s%n", "model", "train img/s", "ratio", "infer img/s", "ratio");
            for (Map<String, Object> row : rows) {
                out.printf(Locale.ROOT, "%-10s %14.0f %8.2f %14.0f %8.2f%n", row.get("model"), row.get("trainImagesPerSecond"),
                        row.get("trainRatioToBaseline"), row.get("inferenceImagesPerSecond"), row.get("inferenceRatioToBaseline"));
            }
        }
        out.flush();
        return 0;
    }
}
