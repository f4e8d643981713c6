package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.serve.LoadRun;
import dev.sieve.serve.bench.ServeBenchmark;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench serve}: {@link ServeBenchmark} of one photo, as a table.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Throughput and latency of the HTTP service's POST /api/compress on loopback, against the library in-process.",
            "",
            "Starts 'sieve serve' in this process on a free loopback port with --workers workers and a queue that holds every"
                    + " request, sends --requests requests of one PNG from --concurrency clients (each sends its next request when"
                    + " the last is answered), after two warm-up rounds of both sides, and prints answers/s and p50/p99 latency. Baseline"
                    + " measured in the same run: the same work (PNG decode, MS-ROI map of the shared model, semantic JPEG at the size"
                    + " of plain JPEG Q50) called directly on --workers threads."
        })
public final class BenchServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--image", paramLabel = "FILE", description = "Photo (default: the built-in Kodak kodim07 resized to --megapixels).")
    Path image;

    @Option(names = "--megapixels", paramLabel = "MP", defaultValue = "1", description = "Size the photo is resized to (default: ${DEFAULT-VALUE}).")
    double megapixels;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "40", description = "Timed requests (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Mixin
    WorkersOption workers;

    @Override
    public Integer call() throws Exception {
        if (!(megapixels > 0 && megapixels <= 50)) {
            throw new ParameterException(spec.commandLine(), "--megapixels must be in (0, 50], got " + megapixels);
        }
        if (requests < 1 || concurrency < 1 || concurrency > 256) {
            throw new ParameterException(spec.commandLine(), "--requests must be ≥ 1 and --concurrency in 1..256");
        }
        int w = workers.orCores();
        Planar source = image == null ? SamplePhotos.kodim07() : ImageFiles.read(image);
        double scale = Math.sqrt(megapixels * 1e6 / source.pixels());
        Planar img = Resample.resize(source, (int) Math.round(source.width() * scale), (int) Math.round(source.height() * scale)).quantized8();
        byte[] png = ImageFiles.pngBytes(img);

        ServeBenchmark.Result r = ServeBenchmark.run(png, w, requests, concurrency, phase -> System.err.println("bench serve: " + phase + "..."));
        LoadRun.Result http = r.http();
        ServeBenchmark.Timed library = r.library();

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sieve bench serve: POST /api/compress of a %dx%d PNG (%.2f MP, %d bytes; %s), MS-ROI map, size of JPEG Q50;"
                + " %d workers, %d requests from %d clients; %d cores, Java %s%n", img.width(), img.height(), img.pixels() / 1e6, png.length,
                image == null ? "kodim07" : image, w, requests, concurrency, Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.printf(Locale.ROOT, "%-30s %9s %9s %9s%n", "", "answers/s", "p50 ms", "p99 ms");
        out.printf(Locale.ROOT, "%-30s %9.2f %9.0f %9.0f%n", "HTTP on loopback", http.perSecond(), http.latencyMs(50), http.latencyMs(99));
        out.printf(Locale.ROOT, "%-30s %9.2f %9.0f %9.0f%n", "library, " + w + " threads (baseline)", library.perSecond(),
                library.latencyMs(50), library.latencyMs(99));
        out.printf(Locale.ROOT, "HTTP throughput / library throughput: %.2f%n", r.ratio());
        out.flush();
        return 0;
    }
}
