package dev.sieve.cli;

import dev.sieve.nn.IsaProbe;
import dev.sieve.nn.NnRuntime;
import dev.sieve.nn.bench.TrainingBenchmark;
import dev.sieve.nn.model.Architectures;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
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
                UsageError.fromOptions(() -> {
                    TrainingBenchmark.requirePytorchArch(arch);
                    return arch;
                });
            }
        }
        Architectures.useAlignedKernels(models);
        int threads = NnRuntime.threads();
        String[] torchVersion = new String[1];
        TrainingBenchmark bench = new TrainingBenchmark(batchSize, steps);
        PrintWriter err = spec.commandLine().getErr();
        List<Map<String, Object>> rows = bench.compare(models, !againstPytorch ? null : arch -> {
            TrainingBenchmark.PytorchTimes py = TrainingBenchmark.PytorchTimes.parse(PythonScript.run("bench_train_pytorch.py", List.of("--model",
                    arch.toLowerCase(Locale.ROOT), "--batch-size", Integer.toString(batchSize), "--steps", Integer.toString(steps), "--threads",
                    Integer.toString(threads)), NnRuntime.alignedKernels().map(isa -> Map.of("ONEDNN_MAX_CPU_ISA", isa)).orElse(Map.of()), "--against-pytorch needs Debian's python3-torch (apt-get install python3-torch)"));
            torchVersion[0] = py.version();
            return py;
        }, line -> {
            err.println(line);
            err.flush();
        });
        PrintWriter out = spec.commandLine().getOut();
        String device = NnRuntime.deviceDescription();
        String isa = IsaProbe.capInUse();
        int cores = Runtime.getRuntime().availableProcessors();
        if (json.json) {
            Map<String, Object> r = Json.document("bench.train");
            r.put("device", device);
            r.put("onednn_isa_cap", isa);
            r.put("threads", threads);
            r.put("cores", cores);
            r.put("batch_size", batchSize);
            r.put("images_per_epoch", bench.images());
            if (torchVersion[0] != null) {
                r.put("pytorch", torchVersion[0]);
            }
            r.put("results", rows);
            out.println(Json.write(r));
        } else {
            out.printf(Locale.ROOT, "device %s, oneDNN ISA cap %s, %d threads, %d cores, batch %d, %d images per timed epoch%n",
                    device, isa, threads, cores, batchSize, bench.images());
            BenchTrainText.tables(out, rows, torchVersion[0], threads);
        }
        out.flush();
        return 0;
    }
}
