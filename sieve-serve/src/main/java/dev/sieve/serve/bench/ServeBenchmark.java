package dev.sieve.serve.bench;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.jpeg.semantic.SemanticJpeg;
import dev.sieve.jpeg.semantic.SemanticMode;
import dev.sieve.jpeg.semantic.SemanticOptions;
import dev.sieve.nn.model.SieveModel;
import dev.sieve.nn.msroi.MsroiModels;
import dev.sieve.nn.msroi.MsroiOptions;
import dev.sieve.nn.msroi.Perturbations;
import dev.sieve.nn.saliency.SaliencyModels;
import dev.sieve.nn.saliency.SaliencyRecipe;
import dev.sieve.serve.LoadRun;
import dev.sieve.serve.ServeConfig;
import dev.sieve.serve.SieveServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import javax.imageio.ImageIO;

/**
 * Requests per second and latency of {@code POST /api/compress} on loopback against the same work
 * (PNG decode, MS-ROI map of the shared built-in model, semantic JPEG in direct mode at the size of plain
 * JPEG Q50) called in-process on as many threads as the server has workers (the baseline). The server runs
 * in this process on a free loopback port with a queue that holds every request; each client sends its
 * next request when the last is answered; two warm-up rounds of both sides precede the timed ones.
 */
public final class ServeBenchmark {
    /** Per-call times and the wall time of calls on a pool. */
    public record Timed(long[] nanos, long wallNanos) {
        public double perSecond() {
            return nanos.length / (wallNanos / 1e9);
        }

        /** The {@code p}-th percentile of the call times, ms. */
        public double latencyMs(double p) {
            return LoadRun.percentileMs(nanos, p);
        }
    }

    /** The HTTP side and the in-process baseline. */
    public record Result(LoadRun.Result http, Timed library) {
        /** HTTP throughput over the library's. */
        public double ratio() {
            return http.perSecond() / library.perSecond();
        }
    }

    private ServeBenchmark() {
    }

    /**
     * Sends {@code requests} requests of {@code png} from {@code concurrency} clients to a server of {@code workers}
     * workers, and runs the same number of calls in-process on {@code workers} threads; {@code phase} hears what runs.
     * An answer other than 200 is an {@link IllegalStateException}.
     */
    public static Result run(byte[] png, int workers, int requests, int concurrency, Consumer<String> phase) throws Exception {
        SieveModel model = SaliencyModels.msroi(MsroiModels.DEFAULT);
        SaliencyRecipe msroi = new SaliencyRecipe("msroi", MsroiOptions.DEFAULT, MsroiOptions.DEFAULT.topK(), Perturbations.DEFAULT, 1);
        Callable<Long> direct = () -> {
            long t0 = System.nanoTime();
            Planar p = ImageFiles.toPlanar(ImageIO.read(new ByteArrayInputStream(png)), "photo");
            SemanticJpeg.compress(p, msroi.compute(model, MsroiModels.DEFAULT, p).map(), SemanticOptions.defaults(SemanticMode.DIRECT));
            return System.nanoTime() - t0;
        };
        Timed library;
        LoadRun.Result http;
        try (SieveServer server = SieveServer.start(new ServeConfig("127.0.0.1", 0, workers, requests + concurrency, Math.max(png.length + 1L, 1 << 20),
                Duration.ofMinutes(10), ImageReadOptions.defaults()))) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/api/compress");
            IntFunction<HttpRequest> request = i -> HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(png)).build();
            phase.accept("warming up both");
            for (int round = 0; round < 2; round++) {
                LoadRun.run(client, request, concurrency, concurrency, Duration.ZERO);
                inProcess(direct, workers, workers);
            }
            phase.accept("timing the library in-process");
            library = inProcess(direct, workers, requests);
            phase.accept("timing POST /api/compress");
            http = LoadRun.run(client, request, requests, concurrency, Duration.ZERO);
        }
        if (http.statuses().keySet().stream().anyMatch(s -> s != 200)) {
            throw new IllegalStateException("the server answered " + http.statuses() + "; expected only 200");
        }
        return new Result(http, library);
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
