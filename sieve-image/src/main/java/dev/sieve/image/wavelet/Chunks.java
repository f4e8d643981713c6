package dev.sieve.image.wavelet;

import java.util.stream.IntStream;

/**
 * Runs a per-sample loop over fixed chunks of an index range, in parallel when the range is large.
 * Each index belongs to exactly one chunk and chunk bounds do not depend on the thread count, so
 * results are the same however the chunks are scheduled.
 */
final class Chunks {
    private static final int CHUNK = 1 << 16;

    /** The body of one chunk: indices {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private Chunks() {
    }

    static void forEach(int n, Range body) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        if (chunks <= 2) {
            body.run(0, n);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(k -> body.run(k * CHUNK, Math.min(n, (k + 1) * CHUNK)));
    }
}
