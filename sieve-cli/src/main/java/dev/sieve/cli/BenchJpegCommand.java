package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.jpeg.bench.EncoderBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench jpeg}: {@link EncoderBenchmark} on one image, as a table or JSON.
 */
@Command(
        name = "jpeg",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Encode throughput of Sieve's JPEG encoder against the JDK's and cjpeg.",
            "",
            "Encode throughput (megapixels per second, median of the timed runs) of Sieve's JPEG encoder, " +
            "the JDK ImageIO JPEG writer (baseline) and cjpeg (libjpeg-turbo, when installed), same image, " +
            "4:2:0, optimized Huffman tables. The default image is the built-in kodim07 enlarged to 12.6 MP.",
            "cjpeg times include its process start and reading a PPM file.",
            "",
            "Also timed: Sieve's rate-distortion tunes (psnr, visual: trellis quantization) at the same quality, and the " +
            "progressive psnr encode (scan script searched), and the semantic compress of the psnr tune in direct mode with a " +
            "given map (a centre ellipse, not timed), baseline, size-matched to classic JPEG at --quality within 1 %: its " +
            "time over the plain (baseline) psnr encode is the cost of size matching.",
            "--mozjpeg PATH adds mozjpeg's cjpeg -tune-psnr (see scripts/build-mozjpeg)."
        })
public final class BenchJpegCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", paramLabel = "IMAGE", description = "Image to encode instead of the enlarged kodim07.")
    Path input;

    @Option(names = "--quality", defaultValue = "75", description = "JPEG quality (default: ${DEFAULT-VALUE}).")
    int quality;

    @Option(names = "--runs", defaultValue = "5", description = "Timed runs per encoder (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up runs per encoder (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--mozjpeg", paramLabel = "CJPEG", description = "mozjpeg's cjpeg, timed with -tune-psnr.")
    Path mozjpeg;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || warmup < 0 || quality < 1 || quality > 100) {
            throw new UsageError("need --runs >= 1, --warmup >= 0 and --quality in 1..100");
        }
        Planar img = input != null ? ImageFiles.read(input) : enlargedKodim();
        EncoderBenchmark bench = new EncoderBenchmark(img, new EncoderBenchmark.Config(quality, runs, warmup, mozjpeg));
        EncoderBenchmark.Result r;
        try (ProgressBar pb = Progress.bar("bench jpeg", bench.steps())) {
            r = bench.run(pb::step);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> m = Json.document("bench.jpeg");
            m.put("image", input == null ? "builtin:kodim07 enlarged" : input.toString());
            m.put("width", img.width());
            m.put("height", img.height());
            m.put("quality", quality);
            m.put("subsampling", "4:2:0");
            m.put("optimized_huffman", true);
            m.put("runs", runs);
            m.put("cores", Runtime.getRuntime().availableProcessors());
            m.put("baseline", r.baseline().encoder());
            List<Map<String, Object>> list = new ArrayList<>();
            for (EncoderBenchmark.Row row : r.rows()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("encoder", row.encoder());
                e.put("median_ms", row.medianMs());
                e.put("mp_per_s", row.megapixelsPerSecond());
                e.put("bytes", row.bytes());
                e.put("speed_vs_baseline", r.speedVsBaseline(row));
                list.add(e);
            }
            m.put("results", list);
            m.put("semantic_time_vs_plain_psnr", r.semanticTimeVsPlainPsnr());
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "%dx%d (%.1f MP), Q%d, 4:2:0, optimized Huffman, %d runs, %d cores%n", img.width(),
                    img.height(), img.pixels() / 1e6, quality, runs, Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-15s %10s %8s %11s %14s%n", "encoder", "median ms", "MP/s", "bytes", "vs imageio");
            for (EncoderBenchmark.Row row : r.rows()) {
                out.printf(Locale.ROOT, "%-15s %10.1f %8.1f %11d %13.2fx%n", row.encoder(), row.medianMs(),
                        row.megapixelsPerSecond(), row.bytes(), r.speedVsBaseline(row));
            }
            if (r.row("cjpeg") != null) {
                out.printf(Locale.ROOT, "sieve vs cjpeg: %.2fx%n", r.row("sieve").megapixelsPerSecond() / r.row("cjpeg").megapixelsPerSecond());
            }
            out.printf(Locale.ROOT, "semantic compress (size-matched) takes %.2fx the time of one plain psnr encode%n",
                    r.semanticTimeVsPlainPsnr());
        }
        out.flush();
        return 0;
    }

    /** kodim07 enlarged to 4352×2902 (12.6 MP). */
    private static Planar enlargedKodim() {
        return Resample.resize(SamplePhotos.kodim07(), 4352, 2902).quantized8();
    }
}
