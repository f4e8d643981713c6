package dev.sieve.serve;

import dev.sieve.image.io.ImageReadOptions;
import java.time.Duration;

/**
 * Settings of a {@link SieveServer}.
 *
 * @param host         interface to listen on (127.0.0.1: this machine only)
 * @param port         TCP port; 0 picks a free one
 * @param workers      requests computed at once (the bounded worker pool)
 * @param queue        requests waiting for a worker; one more is answered 503 with Retry-After
 * @param maxBodyBytes largest request body (413 above)
 * @param timeout      per-request time limit, from entering the queue to the response (503 above)
 * @param read         how uploaded images are read: header pixel budget (413 above), strict decoding
 * @param modelsDir    the detector models {@code saliency=auto} fuses ({@code ModelsDirectory.resolve}: null = {@code SIEVE_MODELS} or the default)
 */
public record ServeConfig(String host, int port, int workers, int queue, long maxBodyBytes, Duration timeout, ImageReadOptions read,
        String modelsDir) {
    /** Default body limit: 50 MB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 50L << 20;

    public ServeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("workers must be in 1..256, got " + workers);
        }
        if (queue < 0 || queue > 100_000) {
            throw new IllegalArgumentException("queue must be in 0..100000, got " + queue);
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("body limit must be at least 1 byte, got " + maxBodyBytes);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, got " + timeout);
        }
    }

    /** Settings whose auto map finds the detector models where {@code ModelsDirectory.resolve} looks by default. */
    public ServeConfig(String host, int port, int workers, int queue, long maxBodyBytes, Duration timeout, ImageReadOptions read) {
        this(host, port, workers, queue, maxBodyBytes, timeout, read, null);
    }

    /** Loopback, port 8080, one worker per core, a queue of 4 per worker, 50 MB, 60 s, the process' read options. */
    public static ServeConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ServeConfig("127.0.0.1", 8080, cores, 4 * cores, DEFAULT_MAX_BODY_BYTES, Duration.ofSeconds(60),
                ImageReadOptions.defaults());
    }
}
