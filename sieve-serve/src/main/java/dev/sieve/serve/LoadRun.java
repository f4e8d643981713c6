package dev.sieve.serve;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A closed-loop load run against an HTTP endpoint: {@code concurrency} clients each send their next
 * request as soon as the last one is answered, until {@code requests} have been sent. Records every
 * response's status, latency (send to last body byte) and whether a 503 carried {@code Retry-After}. A
 * client turned away with 503 waits {@code backoff} before its next request (a scaled-down Retry-After,
 * so a run stays short).
 */
public final class LoadRun {
    /** One answered request: status, latency in ns, whether it had a Retry-After header. */
    public record Sample(int status, long nanos, boolean retryAfter) {
    }

    /** The samples of a run and its wall time in ns. */
    public record Result(List<Sample> samples, long wallNanos) {
        /** Answers per second over the whole run. */
        public double perSecond() {
            return samples.size() / (wallNanos / 1e9);
        }

        /** Responses per HTTP status. */
        public Map<Integer, Integer> statuses() {
            Map<Integer, Integer> m = new TreeMap<>();
            samples.forEach(s -> m.merge(s.status(), 1, Integer::sum));
            return m;
        }

        /** The {@code p}-th percentile (0..100, nearest rank) of the latency of status-200 answers, in ms; NaN if none. */
        public double latencyMs(double p) {
            long[] ns = samples.stream().filter(s -> s.status() == 200).mapToLong(Sample::nanos).toArray();
            return ns.length == 0 ? Double.NaN : percentileMs(ns, p);
        }
    }

    private LoadRun() {
    }

    /** Sends {@code requests} requests ({@code request.apply(i)} builds the i-th) with {@code concurrency} clients. */
    public static Result run(HttpClient client, IntFunction<HttpRequest> request, int requests, int concurrency, Duration backoff)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<List<Sample>>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int c = 0; c < concurrency; c++) {
                futures.add(clients.submit(() -> {
                    List<Sample> mine = new ArrayList<>();
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long s = System.nanoTime();
                        HttpResponse<byte[]> r = client.send(request.apply(i), HttpResponse.BodyHandlers.ofByteArray());
                        mine.add(new Sample(r.statusCode(), System.nanoTime() - s, r.headers().firstValue("Retry-After").isPresent()));
                        if (r.statusCode() == 503) {
                            Thread.sleep(backoff.toMillis());
                        }
                    }
                    return mine;
                }));
            }
            List<Sample> all = new ArrayList<>();
            for (Future<List<Sample>> f : futures) {
                all.addAll(f.get());
            }
            return new Result(all, System.nanoTime() - t0);
        } finally {
            clients.shutdownNow();
        }
    }

    /** The {@code p}-th percentile (0..100, nearest rank) of durations in ns, in ms. */
    public static double percentileMs(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))] / 1e6;
    }
}
