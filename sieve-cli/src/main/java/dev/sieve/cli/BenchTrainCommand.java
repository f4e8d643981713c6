package dev.sieve.cli;

import dev.sieve.nn.IsaProbe;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.bench.TrainingBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench train}: {@link TrainingBenchmark} of C^3(32) (the baseline) and ResNet-20. With {@code --against-pytorch}
 * the same steps are timed in PyTorch ({@code bench_train_pytorch.py} in Debian's Python, same
 * architecture checked by state-dict names and shapes, same batch, steps, threads and oneDNN ISA cap)
 * right after Sieve's, and the Sieve / PyTorch ratios are printed.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Training and inference throughput (images per second) of C^3(32) (baseline) and ResNet-20.",
            "",
            "On random 3x32x32 images, 10 classes, SGD with momentum; one untimed warm-up epoch, then one timed epoch.",
            "Prints the oneDNN ISA cap in use; --against-pytorch times the same steps in PyTorch in the same run.",
            "Progress (one line per architecture) goes to stderr; --json prints schema sieve.bench.train."})
public final class BenchTrainCommand implements Callable<Integer> {
    /** The architectures bench_train_pytorch.py builds. */
    private static final Pattern PYTORCH_ARCHS = Pattern.compile("c\\d+-\\d+|resnet(20|32|56|110)");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20", description = "Batches per epoch (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--arch", paramLabel = "ARCH", split = ",", defaultValue = "c3-32,resnet20",
            description = "Architectures, comma-separated, the first is the baseline (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--against-pytorch", description = {"Also time the same training and inference steps in PyTorch (" + PythonScript.PYTHON
        + " with torch; same architecture, batch, steps, threads and ONEDNN_MAX_CPU_ISA) and print Sieve / PyTorch ratios."})
    boolean againstPytorch;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1 || steps < 1 || models.isEmpty()) {
            throw new UsageError("need --batch-size ≥ 1, --steps ≥ 1 and at least one --arch");
        }
        if (againstPytorch) {
            for (String arch : models) {
                if (!PYTORCH_ARCHS.matcher(arch.toLowerCase(Locale.ROOT)).matches()) {
                    throw new UsageError("--against-pytorch times cN-X and resnet20/32/56/110, not '" + arch + "'");
                }
            }
        }
        int threads = NnRuntime.threads();
        String torchVersion = null;
        TrainingBenchmark bench = new TrainingBenchmark(batchSize, steps);
        int n = bench.images();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String arch : models) {
            spec.commandLine().getErr().printf(Locale.ROOT, "bench train: %s, one warm-up and one timed epoch of %d images...%n", arch, n);
            spec.commandLine().getErr().flush();
            TrainingBenchmark.Measurement m = bench.measure(arch);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arch", arch);
            row.put("train_images_per_second", m.trainImagesPerSecond());
            row.put("train_images_per_cpu_second", m.trainImagesPerCpuSecond());
            row.put("inference_images_per_second", m.inferenceImagesPerSecond());
            if (againstPytorch) {
                torchVersion = addPytorch(row, m, threads);
            }
            rows.add(row);
        }
        double baseTrain = (double) rows.get(0).get("train_images_per_second"), baseInf = (double) rows.get(0).get("inference_images_per_second");
        for (Map<String, Object> row : rows) {
            row.put("train_ratio_to_baseline", (double) row.get("train_images_per_second") / baseTrain);
            row.put("inference_ratio_to_baseline", (double) row.get("inference_images_per_second") / baseInf);
        }
        PrintWriter out = spec.commandLine().getOut();
        String device = NnRuntime.device() + " (convolutions: " + NnRuntime.convolutionKernels() + ")";
        String isa = IsaProbe.capInUse();
        int cores = Runtime.getRuntime().availableProcessors();
        if (json.json) {
            Map<String, Object> r = Json.document("bench.train");
            r.put("device", device);
            r.put("onednn_isa_cap", isa);
            r.put("threads", threads);
            r.put("cores", cores);
            r.put("batch_size", batchSize);
            r.put("images_per_epoch", n);
            if (torchVersion != null) {
                r.put("pytorch", torchVersion);
            }
            r.put("results", rows);
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "device %s, oneDNN ISA cap %s, %d threads, %d cores, batch %d, %d images per timed epoch%n",
                    device, isa, threads, cores, batchSize, n);
            out.printf(Locale.ROOT, "%-10s %14s %8s %14s %8s%n", "model", "train img/s", "ratio", "infer img/s", "ratio");
            for (Map<String, Object> row : rows) {
                out.printf(Locale.ROOT, "%-10s %14.0f %8.2f %14.0f %8.2f%n", row.get("arch"), row.get("train_images_per_second"),
                        row.get("train_ratio_to_baseline"), row.get("inference_images_per_second"), row.get("inference_ratio_to_baseline"));
            }
            if (torchVersion != null) {
                out.printf(Locale.ROOT, "%nagainst PyTorch %s (%s, same architecture, batch, steps, %d threads and ONEDNN_MAX_CPU_ISA;"
                        + " its oneDNN is its own build), timed right after Sieve:%n", torchVersion, PythonScript.PYTHON, threads);
                out.printf(Locale.ROOT, "%-10s %10s %12s %12s %7s %12s %12s %7s %12s %12s %7s%n", "model", "parameters", "Sieve train",
                        "torch train", "ratio", "Sieve /cpu-s", "torch /cpu-s", "ratio", "Sieve infer", "torch infer", "ratio");
                for (Map<String, Object> row : rows) {
                    out.printf(Locale.ROOT, "%-10s %10d %12.0f %12.0f %7.2f %12.0f %12.0f %7.2f %12.0f %12.0f %7.2f%n", row.get("arch"),
                            row.get("parameters"), row.get("train_images_per_second"), row.get("pytorch_train_images_per_second"),
                            row.get("train_ratio_to_pytorch"), row.get("train_images_per_cpu_second"), row.get("pytorch_train_images_per_cpu_second"),
                            row.get("train_cpu_ratio_to_pytorch"), row.get("inference_images_per_second"), row.get("pytorch_inference_images_per_second"),
                            row.get("inference_ratio_to_pytorch"));
                }
                out.println("(/cpu-s: training images per CPU-second of the whole process, all threads; steadier than img/s"
                        + " when other jobs share the cores)");
            }
        }
        out.flush();
        return 0;
    }

    /** Times {@code m}'s architecture in PyTorch and adds its throughput and the Sieve / PyTorch ratios to {@code row}; returns torch's version. */
    private String addPytorch(Map<String, Object> row, TrainingBenchmark.Measurement m, int threads) throws IOException, InterruptedException {
        spec.commandLine().getErr().println("bench train: timing " + m.arch() + " in PyTorch...");
        TrainingBenchmark.PytorchTimes py = TrainingBenchmark.PytorchTimes.parse(PythonScript.run("bench_train_pytorch.py", List.of("--model",
                m.arch().toLowerCase(Locale.ROOT), "--batch-size", Integer.toString(batchSize), "--steps", Integer.toString(steps), "--threads",
                Integer.toString(threads)), Map.of(), "--against-pytorch needs Debian's python3-torch (apt-get install python3-torch)"));
        m.requireSameModel(py);
        row.put("parameters", m.parameters());
        row.put("pytorch_train_images_per_second", py.trainImagesPerSecond());
        row.put("pytorch_inference_images_per_second", py.inferenceImagesPerSecond());
        row.put("train_ratio_to_pytorch", m.trainImagesPerSecond() / py.trainImagesPerSecond());
        row.put("pytorch_train_images_per_cpu_second", py.trainImagesPerCpuSecond());
        row.put("train_cpu_ratio_to_pytorch", m.trainImagesPerCpuSecond() / py.trainImagesPerCpuSecond());
        row.put("inference_ratio_to_pytorch", m.inferenceImagesPerSecond() / py.inferenceImagesPerSecond());
        return py.version();
    }
}
