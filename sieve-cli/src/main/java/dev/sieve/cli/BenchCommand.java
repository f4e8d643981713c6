package dev.sieve.cli;

import picocli.CommandLine.Command;

/** Parent of the benchmark commands; each prints ratios against a baseline measured in the same run. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints throughput and ratios against a named baseline measured in the same run.",
        subcommands = {BenchJpegCommand.class, BenchMetricsCommand.class, BenchWaveletCommand.class, BenchTrainCommand.class,
            BenchReprCommand.class, BenchAttackCommand.class, BenchMsroiCommand.class, BenchDetectorsCommand.class, BenchServeCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
