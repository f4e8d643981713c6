package dev.sieve.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text tables of {@code sieve bench train}: pure rendering of {@link dev.sieve.nn.bench.TrainingBenchmark#compare}'s rows. */
final class BenchTrainText {
    private BenchTrainText() {
    }

    /** Sieve's throughput per architecture with the ratios to the baseline; with {@code torchVersion}, the comparison with PyTorch. */
    static void tables(PrintWriter out, List<Map<String, Object>> rows, String torchVersion, int threads) {
        out.printf(Locale.ROOT, "%-10s %14s %8s %14s %8s%n", "model", "train img/s", "ratio", "infer img/s", "ratio");
        for (Map<String, Object> row : rows) {
            out.printf(Locale.ROOT, "%-10s %14.0f %8.2f %14.0f %8.2f%n", row.get("arch"), row.get("train_images_per_second"),
                    row.get("train_ratio_to_baseline"), row.get("inference_images_per_second"), row.get("inference_ratio_to_baseline"));
        }
        if (torchVersion == null) {
            return;
        }
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
