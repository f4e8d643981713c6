package dev.sieve.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.image.io.ImageReadOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bounded load run on loopback: 200 requests from 8 concurrent clients against 2 workers and a queue
 * of 4, so the server must turn requests away (a refused client waits 100 ms). Every answer is a success or a 503 with Retry-After; no
 * upload file is left; the heap after the run is within 64 MB of the heap after a warm-up.
 */
class ServerLoadTest {
    private static final int REQUESTS = 200;
    private static final int CONCURRENCY = 8;
    /** How long a refused client waits before its next request. */
    private static final Duration BACKOFF = Duration.ofMillis(100);

    @Test
    void underOverloadEveryAnswerIsASuccessOrA503WithRetryAfterAndNothingLeaks() throws Exception {
        byte[] photo = TestPhotos.kodim07Png(96, 64);
        try (SieveServer server = SieveServer.start(new ServeConfig("127.0.0.1", 0, 2, 4, 1 << 20, Duration.ofSeconds(30),
                ImageReadOptions.STRICT))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://127.0.0.1:" + server.port();
            String[] paths = {"/api/compress?saliency=spectral", "/api/saliency?overlay=1&msroi_size=64", "/api/compress?mode=plain",
                "/api/defend?pipeline=bitdepth"};
            java.util.function.IntFunction<HttpRequest> request = i -> HttpRequest.newBuilder(URI.create(base + paths[i % paths.length]))
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(photo)).build();
            LoadRun.run(client, request, 16, 2, BACKOFF);
            long before = usedHeapAfterGc();

            LoadRun.Result r = LoadRun.run(client, request, REQUESTS, CONCURRENCY, BACKOFF);

            long after = usedHeapAfterGc();
            Map<Integer, Integer> statuses = r.statuses();
            System.out.printf(Locale.ROOT, "load: %d requests at concurrency %d on 2 workers: %s, %.1f answers/s, 200s p50 %.0f ms p99 %.0f ms;"
                    + " heap %+.1f MB%n", REQUESTS, CONCURRENCY, statuses, r.perSecond(), r.latencyMs(50), r.latencyMs(99), (after - before) / 1e6);
            assertThat(r.samples()).hasSize(REQUESTS);
            assertThat(statuses.keySet()).isSubsetOf(200, 503);
            assertThat(statuses.getOrDefault(200, 0)).isGreaterThanOrEqualTo(REQUESTS / 10);
            assertThat(r.samples()).filteredOn(s -> s.status() == 503).allMatch(LoadRun.Sample::retryAfter);
            try (var files = Files.list(server.tempDir())) {
                assertThat(files).isEmpty();
            }
            assertThat(after - before).isLessThan(64L << 20);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return m.getHeapMemoryUsage().getUsed();
    }
}
