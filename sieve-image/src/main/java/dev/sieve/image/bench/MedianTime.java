package dev.sieve.image.bench;

import dev.sieve.image.metrics.Median;

/** The time of a task as the benchmarks of saliency maps report it: the median of timed runs after two untimed ones. */
public final class MedianTime {
    private MedianTime() {
    }

    /** Median milliseconds of {@code rounds} timed runs of {@code task} after two untimed ones. */
    public static double of(int rounds, Runnable task) {
        task.run();
        task.run();
        double[] t = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        return Median.of(t);
    }
}
