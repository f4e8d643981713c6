package dev.sieve.cli;

import dev.sieve.image.io.ImageReadOptions;
import dev.sieve.serve.ServeConfig;
import dev.sieve.serve.SieveServer;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sieve serve}: the HTTP service and web page ({@link SieveServer}). */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves the HTTP API (POST /api/compress, /api/saliency, /api/metrics, /api/defend; GET /api/health, /api/version, /api/sample)"
                    + " and the web page at / until stopped (Ctrl-C). See the README section \"Service: sieve serve\".",
            ""
        },
        footer = {"", "Example: sieve serve --port 8080   (then open http://127.0.0.1:8080/)"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Interface to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Mixin
    WorkersOption workers;

    @Option(names = "--queue", paramLabel = "N", description = "Requests waiting for a worker before new ones get 503 (default: 4 per worker).")
    Integer queue;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "50", description = "Largest request body in MiB; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyMb;

    @Option(names = "--timeout-s", paramLabel = "S", defaultValue = "60", description = "Per-request time limit in seconds; slower requests get 503 (default: ${DEFAULT-VALUE}).")
    long timeoutS;

    @Mixin
    ModelsDirOption modelsDir;

    /** The server's settings; a bad value is a {@link UsageError}. */
    ServeConfig config() throws java.io.IOException {
        int w = workers.orCores();
        if (maxBodyMb < 1 || maxBodyMb > 1 << 20) {
            throw new UsageError("--max-body-mb must be in 1..1048576, got " + maxBodyMb);
        }
        if (timeoutS < 1) {
            throw new UsageError("--timeout-s must be at least 1, got " + timeoutS);
        }
        return UsageError.fromOptions(() -> new ServeConfig(host, port, w, queue == null ? 4 * w : queue, maxBodyMb << 20,
                Duration.ofSeconds(timeoutS), ImageReadOptions.defaults(), modelsDir.dir));
    }

    @Override
    public Integer call() throws Exception {
        ServeConfig config = config();
        long t0 = System.nanoTime();
        SieveServer server = SieveServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.printf(java.util.Locale.ROOT, "sieve serve: listening on http://%s:%d/ (%d workers, queue %d, body ≤ %d MiB, %d s per request; started in %.1f s)%n",
                host.contains(":") ? "[" + host + "]" : host, server.port(), config.workers(), config.queue(), maxBodyMb, timeoutS,
                (System.nanoTime() - t0) / 1e9);
        out.flush();
        stopped.await();
        return 0;
    }
}
