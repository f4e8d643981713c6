package dev.sieve.image.bench;

import dev.sieve.image.metrics.Median;

/**
 * The time of a task as the saliency benchmarks report it, over timed runs after two untimed ones: the median wall
 * milliseconds, and the mean CPU milliseconds of the whole process (every JVM and libtorch thread), which other
 * processes sharing the cores do not inflate.
 */
public record MedianTime(double wallMs, double cpuMs) {
    /** {@code task} timed over {@code rounds} runs after two untimed ones. */
    public static MedianTime of(int rounds, Runnable task) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        task.run();
        task.run();
        double[] t = new double[rounds];
        long c0 = os.getProcessCpuTime();
        for (int i = 0; i < rounds; i++) {
            long s = System.nanoTime();
            task.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        return new MedianTime(Median.of(t), (os.getProcessCpuTime() - c0) / 1e6 / rounds);
    }
}
