package dev.sieve.nn.bench;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.nn.data.Augmentation;
import dev.sieve.nn.data.ImageDataset;
import dev.sieve.nn.data.InMemoryDataset;
import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.model.StateDict;
import dev.sieve.nn.train.EpochResult;
import dev.sieve.nn.train.Evaluation;
import dev.sieve.nn.train.OptimizerKind;
import dev.sieve.nn.train.Schedule;
import dev.sieve.nn.train.Training;
import dev.sieve.nn.train.TrainingConfig;
import dev.sieve.nn.train.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Training and inference throughput of architectures on random 3×32×32 images in 10 classes (seed 1),
 * SGD with momentum (lr 0.01), one untimed warm-up epoch then one timed epoch of {@code batchSize × steps}
 * images; inference is one untimed batch then the timed epoch's images. Training is also counted per
 * CPU-second of the whole process (all threads), steadier than wall time when other jobs share the cores.
 * Ratios are to the first architecture measured (the baseline).
 */
public final class TrainingBenchmark {
    /** Process CPU time (all threads), for images per CPU-second. */
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * One architecture's throughput, images per second (train per wall and per CPU second, inference), its
     * trainable parameter count and its state-dict shapes by name.
     */
    public record Measurement(String arch, double trainImagesPerSecond, double trainImagesPerCpuSecond, double inferenceImagesPerSecond,
            long parameters, Map<String, List<Long>> stateDict) {
        /** Fails unless PyTorch's model has exactly this one's parameters (names, shapes and trainable count). */
        public void requireSameModel(PytorchTimes py) {
            if (!stateDict.equals(py.stateDict()) || parameters != py.parameters()) {
                throw new IllegalStateException(arch + ": the PyTorch model differs from Sieve's (Sieve " + stateDict + ", " + parameters
                        + " trainable parameters; PyTorch " + py.stateDict() + ", " + py.parameters() + ")");
            }
        }
    }

    /**
     * PyTorch's throughput of the same steps, as {@code bench_train_pytorch.py} prints it: version, trainable
     * parameters, state-dict shapes by name, and images per second (train, train per CPU-second, inference).
     */
    public record PytorchTimes(String version, long parameters, Map<String, List<Long>> stateDict, double trainImagesPerSecond,
            double trainImagesPerCpuSecond, double inferenceImagesPerSecond) {
        /** Parses the script's output (its JSON object, after any preceding lines). */
        public static PytorchTimes parse(String output) throws IOException {
            JsonNode py = new ObjectMapper().readTree(output.substring(output.indexOf('{')));
            Map<String, List<Long>> shapes = new LinkedHashMap<>();
            py.get("state_dict").fields().forEachRemaining(e -> {
                List<Long> shape = new ArrayList<>();
                e.getValue().forEach(d -> shape.add(d.asLong()));
                shapes.put(e.getKey(), shape);
            });
            return new PytorchTimes(py.get("torch").asText(), py.get("parameters").asLong(), shapes, py.get("train_images_per_second").asDouble(),
                    py.get("train_images_per_cpu_second").asDouble(), py.get("inference_images_per_second").asDouble());
        }
    }

    /** The same steps timed in PyTorch ({@code bench_train_pytorch.py}), one architecture at a time. */
    @FunctionalInterface
    public interface Pytorch {
        PytorchTimes time(String arch) throws IOException, InterruptedException;
    }

    /** The architectures {@code bench_train_pytorch.py} builds. */
    private static final Pattern PYTORCH_ARCHS = Pattern.compile("c\\d+-\\d+|resnet(20|32|56|110)");

    private final int batchSize;
    private final int steps;
    private final List<String> classes = IntStream.range(0, 10).mapToObj(i -> "class" + i).toList();
    private final ImageDataset data;

    /** A benchmark of {@code steps} batches of {@code batchSize} images per epoch (both ≥ 1). */
    public TrainingBenchmark(int batchSize, int steps) {
        if (batchSize < 1 || steps < 1) {
            throw new IllegalArgumentException("need a batch size and steps ≥ 1");
        }
        this.batchSize = batchSize;
        this.steps = steps;
        int n = batchSize * steps;
        SplittableRandom rnd = new SplittableRandom(1);
        byte[] pixels = new byte[n * 3 * 32 * 32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rnd.nextInt(256);
        }
        data = new InMemoryDataset(pixels, rnd.ints(n, 0, 10).toArray(), 3, 32, 32, classes, "random");
    }

    /** Refuses an architecture that {@code bench_train_pytorch.py} cannot build (cN-X and resnet20/32/56/110 only). */
    public static void requirePytorchArch(String arch) {
        if (!PYTORCH_ARCHS.matcher(arch.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("the PyTorch comparison times cN-X and resnet20/32/56/110, not '" + arch + "'");
        }
    }

    /**
     * Measures each of {@code archs} (the first is the baseline), each right away followed by its PyTorch timing when
     * {@code pytorch} is not null; {@code note} hears what runs next. One row per architecture (snake_case keys):
     * arch, train and inference images per second, train images per CPU-second; with PyTorch the parameter count,
     * PyTorch's throughput and the Sieve / PyTorch ratios; then the ratios to the baseline.
     */
    public List<Map<String, Object>> compare(List<String> archs, Pytorch pytorch, Consumer<String> note) throws IOException, InterruptedException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String arch : archs) {
            note.accept(String.format(Locale.ROOT, "bench train: %s, one warm-up and one timed epoch of %d images...", arch, images()));
            Measurement m = measure(arch);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arch", arch);
            row.put("train_images_per_second", m.trainImagesPerSecond());
            row.put("train_images_per_cpu_second", m.trainImagesPerCpuSecond());
            row.put("inference_images_per_second", m.inferenceImagesPerSecond());
            if (pytorch != null) {
                note.accept("bench train: timing " + arch + " in PyTorch...");
                PytorchTimes py = pytorch.time(arch);
                m.requireSameModel(py);
                row.put("parameters", m.parameters());
                row.put("pytorch_train_images_per_second", py.trainImagesPerSecond());
                row.put("pytorch_inference_images_per_second", py.inferenceImagesPerSecond());
                row.put("train_ratio_to_pytorch", m.trainImagesPerSecond() / py.trainImagesPerSecond());
                row.put("pytorch_train_images_per_cpu_second", py.trainImagesPerCpuSecond());
                row.put("train_cpu_ratio_to_pytorch", m.trainImagesPerCpuSecond() / py.trainImagesPerCpuSecond());
                row.put("inference_ratio_to_pytorch", m.inferenceImagesPerSecond() / py.inferenceImagesPerSecond());
            }
            rows.add(row);
        }
        double baseTrain = (double) rows.get(0).get("train_images_per_second"), baseInf = (double) rows.get(0).get("inference_images_per_second");
        for (Map<String, Object> row : rows) {
            row.put("train_ratio_to_baseline", (double) row.get("train_images_per_second") / baseTrain);
            row.put("inference_ratio_to_baseline", (double) row.get("inference_images_per_second") / baseInf);
        }
        return rows;
    }

    /** Images per timed epoch. */
    public int images() {
        return data.size();
    }

    /** Measures {@code arch}. */
    public Measurement measure(String arch) throws IOException {
        int n = images();
        ModelInfo info = new ModelInfo(arch, classes, new InputSpec(3, 32, 32, Normalization.IMAGENET), "benchmark");
        try (SieveModel m = SieveModel.create(info, 1)) {
            TrainingConfig cfg = new TrainingConfig(2, batchSize, OptimizerKind.MOMENTUM, 0.01f, 0, Schedule.FIXED, Augmentation.NONE, 1);
            long[] cpu = new long[2];
            List<EpochResult> r = new Training(m, cfg).run(data, data.head(batchSize), new TrainingListener() {
                private int batches;

                @Override
                public void batch(int epoch, int images, double loss, double accuracy) {
                    if (++batches == 2 * steps) {
                        cpu[1] = OS.getProcessCpuTime();
                    }
                }

                @Override
                public void epoch(EpochResult result) {
                    if (result.epoch() == 1) {
                        cpu[0] = OS.getProcessCpuTime();
                    }
                }
            });
            Evaluation.accuracy(m, data.head(batchSize), batchSize, k -> { });
            long start = System.nanoTime();
            Evaluation.accuracy(m, data, batchSize, k -> { });
            double inference = n / ((System.nanoTime() - start) / 1e9);
            Map<String, List<Long>> shapes = new LinkedHashMap<>();
            long parameters = 0;
            for (Map.Entry<String, Parameter> e : StateDict.parameters(m.network()).entrySet()) {
                shapes.put(e.getKey(), Arrays.stream(e.getValue().getArray().getShape().getShape()).boxed().toList());
                if (e.getValue().requiresGradient()) {
                    parameters += e.getValue().getArray().size();
                }
            }
            return new Measurement(arch, r.get(1).imagesPerSecond(), n / ((cpu[1] - cpu[0]) / 1e9), inference, parameters, shapes);
        }
    }
}
