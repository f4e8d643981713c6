package dev.sieve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sieve.jpeg.bench.MetricsBenchmark;
import dev.sieve.jpeg.bench.MetricsBenchmark.Timing;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** The text tables of {@code sieve bench metrics}: pure rendering of {@link MetricsBenchmark#run}'s timings and scikit-image's. */
final class BenchMetricsText {
    private BenchMetricsText() {
    }

    /** The table of a {@code w}×{@code h} ({@code mp} MP) pair made from {@code source}; {@code sk} is scikit-image's JSON or null. */
    static void tables(PrintWriter out, int w, int h, double mp, String source, int runs, Map<String, Timing> timed, JsonNode sk,
            boolean noPython) {
        out.printf(Locale.ROOT, "sieve bench metrics: %dx%d (%.1f MP) luma, %s vs JPEG Q50; best of %d runs after a warm-up; %d cores; Java %s%n",
                w, h, mp, source, runs, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        out.printf(Locale.ROOT, "%-11s %12s %8s %7s %8s %14s %21s%n", "metric", "value", "wall s", "MP/s", "CPU s",
                "vs Sieve PSNR", "vs scikit-image");
        double psnrSeconds = timed.get(MetricsBenchmark.BASELINE).wall();
        for (Map.Entry<String, Timing> e : timed.entrySet()) {
            Timing t = e.getValue();
            String vsSk = "";
            String key = e.getKey().equals("PSNR") ? "psnr" : e.getKey().equals("SSIM") ? "ssim" : null;
            if (sk != null && key != null) {
                vsSk = String.format(Locale.ROOT, "%.2fx wall, %.2fx CPU", sk.get(key).get("seconds").asDouble() / t.wall(),
                        sk.get(key).get("cpu_seconds").asDouble() / t.cpu());
            }
            out.printf(Locale.ROOT, "%-11s %12.6f %8.3f %7.1f %8.3f %13.2fx %21s%n", e.getKey(), t.value(), t.wall(),
                    mp / t.wall(), t.cpu(), t.wall() / psnrSeconds, vsSk);
        }
        if (sk != null) {
            for (String key : new String[] {"psnr", "ssim"}) {
                JsonNode r = sk.get(key);
                out.printf(Locale.ROOT, "scikit-image %s %s: %.6f in %.3f s wall, %.3f s CPU (%.1f MP/s)%n",
                        sk.get("version").asText(), key.toUpperCase(Locale.ROOT), r.get("value").asDouble(),
                        r.get("seconds").asDouble(), r.get("cpu_seconds").asDouble(), mp / r.get("seconds").asDouble());
            }
        } else if (!noPython) {
            out.println("scikit-image baseline skipped: " + PythonScript.PYTHON + " with scikit-image not found");
        }
        out.println("'vs Sieve PSNR': wall time relative to Sieve's PSNR on the same pair. 'vs scikit-image': scikit-image's"
                + " time over Sieve's (above 1: Sieve is faster). CPU s: process CPU time of the fastest run, all threads;"
                + " steadier than wall time on a busy machine.");
    }
}
