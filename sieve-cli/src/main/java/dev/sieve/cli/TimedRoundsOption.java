package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --rounds}: timed runs per case of a saliency benchmark (bench msroi, bench detectors; {@link dev.sieve.image.bench.MedianTime}). */
final class TimedRoundsOption {
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "Timed runs per case (default: ${DEFAULT-VALUE}).")
    int rounds;

    /** Refuses fewer than one round. */
    void check() {
        if (rounds < 1) {
            throw new UsageError("--rounds must be ≥ 1");
        }
    }
}
