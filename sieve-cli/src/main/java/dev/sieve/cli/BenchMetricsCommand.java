package dev.sieve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.jpeg.bench.MetricsBenchmark;
import dev.sieve.jpeg.bench.MetricsBenchmark.Timing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sieve bench metrics}: {@link MetricsBenchmark} (megapixels per second of luma comparison, against
 * Sieve's PSNR) and scikit-image's PSNR and SSIM on the same pair through {@code /usr/bin/python3} when it has
 * scikit-image.
 */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput of each quality metric on a 12 MP pair, against baselines.",
            "",
            "Times each quality metric (BT.601 luma) on a photo upscaled to --megapixels against its JPEG at Q50."
                    + " Prints the best time of --runs (after one warm-up) and MP/s per metric, with ratios against Sieve's PSNR and, when"
                    + " /usr/bin/python3 has scikit-image, against scikit-image's PSNR and SSIM timed in the same run."
        })
public final class BenchMetricsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "FILE",
            description = "Source photo (default: the built-in Kodak kodim07).")
    Path image;

    @Option(names = "--megapixels", paramLabel = "MP", defaultValue = "12",
            description = "Size the photo is upscaled to (default: ${DEFAULT-VALUE}).")
    double megapixels;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5",
            description = "Timed runs per metric after one warm-up; the fastest is reported, on both sides (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--no-python", description = "Skip the scikit-image baseline.")
    boolean noPython;

    @Override
    public Integer call() throws Exception {
        if (!(megapixels > 0 && megapixels <= 100)) {
            throw new ParameterException(spec.commandLine(), "--megapixels must be in (0, 100], got " + megapixels);
        }
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, got " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        Planar source = image == null ? SamplePhotos.kodim07() : ImageFiles.read(image);
        int[] size = MetricsBenchmark.size(source, megapixels);
        int w = size[0], h = size[1];
        System.err.printf(Locale.ROOT, "bench metrics: preparing a %dx%d pair (%s upscaled, JPEG Q50)...%n", w, h,
                image == null ? "kodim07" : image);
        MetricsBenchmark.Pair pair = MetricsBenchmark.Pair.of(source, megapixels);
        Planar ref = pair.reference(), dist = pair.distorted();
        double mp = pair.megapixels();
        Map<String, Timing> timed = MetricsBenchmark.run(pair, runs, metric -> System.err.printf("bench metrics: timing %s...%n", metric));
        JsonNode sk = noPython ? null : scikitImage(ref, dist);

        BenchMetricsText.tables(out, w, h, mp, image == null ? "kodim07" : image.toString(), runs, timed, sk, noPython);
        out.flush();
        return 0;
    }

    /** scikit-image's timings for the same pair, or null when it is not installed or fails. */
    private JsonNode scikitImage(Planar ref, Planar dist) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PythonScript.PYTHON))) {
            return null;
        }
        Path r = Files.createTempFile("sieve-bench-ref", ".png"), d = Files.createTempFile("sieve-bench-dist", ".png");
        try {
            System.err.println("bench metrics: timing scikit-image...");
            ImageFiles.writePng(ref, r);
            ImageFiles.writePng(dist, d);
            String text;
            try {
                text = PythonScript.run("bench_skimage.py", List.of(r.toString(), d.toString(), Integer.toString(runs)), Map.of(), "skipped");
            } catch (IOException failed) {
                return null;
            }
            return new ObjectMapper().readTree(text);
        } finally {
            Files.deleteIfExists(r);
            Files.deleteIfExists(d);
        }
    }
}
