package dev.sieve.cli;

import dev.sieve.adversarial.defense.SemanticQuantization;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.image.io.SamplePhotos;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyRecipe;
import dev.sieve.serve.LoadRun;
import dev.sieve.serve.ServeConfig;
import dev.sieve.serve.SieveServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sieve bench serve}: requests per second and latency of {@code POST /api/compress} on loopback,
 * against the same work (PNG decode, MS-ROI map, semantic JPEG) called in-process on as many threads.
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

    @Option(names = "--workers", paramLabel = "N", description = "Server workers and baseline threads (default: one per core).")
    Integer workers;

    @Override
    public Integer call() throws Exception {
        if (!(megapixels > 0 && megapixels <= 50)) {
            throw new ParameterException(spec.commandLine(), "--megapixels must be in (0, 50], got " + megapixels);
        }
        if (requests < 1 || concurrency < 1 || concurrency > 256) {
            throw new ParameterException(spec.commandLine(), "--requests must be ≥ 1 and --concurrency in 1..256");
        }
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        Planar source = image == null ? SamplePhotos.kodim07() : ImageFiles.read(image);
        double scale = Math.sqrt(megapixels * 1e6 / source.pixels());
        Planar img = Resample.resize(source, (int) Math.round(source.width() * scale), (int) Math.round(source.height() * scale)).quantized8();
        byte[] png = ImageFiles.pngBytes(img);

        SieveModel model = SemanticQuantization.model(SemanticQuantization.DEFAULT_MODEL);
        SaliencyRecipe msroi = new SaliencyRecipe("msroi", MsroiOptions.DEFAULT, MsroiOptions.DEFAULT.topK(), Perturbations.DEFAULT, 1);
        Callable<Long> direct = () -> {
            long t0 = System.nanoTime();
            Planar p = ImageFiles.toPlanar(ImageIO.read(new ByteArrayInputStream(png)), "photo");
            SemanticJpeg.compress(p, msroi.compute(model, MsroiModels.DEFAULT, p).map(), SemanticOptions.defaults(SemanticMode.DIRECT));
            return System.nanoTime() - t0;
        };
        Timed library;
        LoadRun.Result http;
        try (SieveServer server = SieveServer.start(new ServeConfig("127.0.0.1", 0, w, requests + concurrency, Math.max(png.length + 1L, 1 << 20),
                Duration.ofMinutes(10), ImageReadOptions.defaults()))) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/compress");
            java.util.function.IntFunction<HttpRequest> request = i -> HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
            System.err.println("bench serve: warming up both...");
            for (int round = 0; round < 2; round++) {
                LoadRun.run(client, request, concurrency, concurrency, Duration.ZERO);
                inProcess(direct, w, w);
            }
            System.err.println("bench serve: timing the library in-process...");
            library = inProcess(direct, w, requests);
            System.err.println("bench serve: timing POST /api/compress...");
            http = LoadRun.run(client, request, requests, concurrency, Duration.ZERO);
        }
        if (http.statuses().keySet().stream().anyMatch(s -> s != 200)) {
            throw new IllegalStateException("the server answered " + http.statuses() + "; expected only 200");
        }

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sieve bench serve: POST /api/compress of a %dx%d PNG (%.2f MP, %d bytes; %s), MS-ROI map, size of JPEG Q50;"
                + " %d workers, %d requests from %d clients; %d cores, Java %s%n", img.width(), img.height(), img.pixels() / 1e6, png.length,
                image == null ? "kodim07" : image, w, requests, concurrency, Runtime.getRuntime().availableProcessors(), Runtime.version());
        out.printf(Locale.ROOT, "%-30s %9s %9s %9s%n", "", "answers/s", "p50 ms", "p99 ms");
        out.printf(Locale.ROOT, "%-30s %9.2f %9.0f %9.0f%n", "HTTP on loopback", http.perSecond(), http.latencyMs(50), http.latencyMs(99));
        out.printf(Locale.ROOT, "%-30s %9.2f %9.0f %9.0f%n", "library, " + w + " threads (baseline)", library.perSecond(),
                LoadRun.percentileMs(library.nanos(), 50), LoadRun.percentileMs(library.nanos(), 99));
        out.printf(Locale.ROOT, "HTTP throughput / library throughput: %.2f%n", http.perSecond() / library.perSecond());
        out.flush();
        return 0;
    }

    /** Per-call times and the wall time of calls on a pool. */
    private record Timed(long[] nanos, long wallNanos) {
        double perSecond() {
            return nanos.length / (wallNanos / 1e9);
        }
    }

    /** Times {@code n} calls on {@code threads} threads. */
    private static Timed inProcess(Callable<Long> call, int threads, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<Long>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(call));
            }
            long[] ns = new long[n];
            for (int i = 0; i < n; i++) {
                ns[i] = fs.get(i).get();
            }
            return new Timed(ns, System.nanoTime() - t0);
        } finally {
            pool.shutdownNow();
        }
    }
}
