package dev.sieve.cli;

import dev.sieve.image.metrics.Median;
import picocli.CommandLine.Option;

/** {@code --rounds}: timed runs per case of a saliency benchmark (bench msroi, bench detectors), and the timing itself. */
final class TimedRoundsOption {
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
    int rounds;

    /**
     * One case's time per run: the median wall milliseconds, and the mean CPU milliseconds of the whole process
     * (every JVM and libtorch thread), which other processes sharing the cores do not inflate.
     */
    record Timing(double wallMs, double cpuMs) {
    }

    /** Refuses fewer than one round. */
    void check() {
        if (rounds < 1) {
            throw new UsageError("--rounds must be ≥ 1");
        }
    }

    /** {@code task} timed over {@link #rounds} runs after two untimed ones. */
    Timing time(Runnable task) {
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
        return new Timing(Median.of(t), (os.getProcessCpuTime() - c0) / 1e6 / rounds);
    }
}
