package dev.sieve.cli;

import picocli.CommandLine.Option;

/** The RePr / DSD schedule (thesis Algorithm 3), shared by train and eval repr. */
final class ReprScheduleOptions {
    @Option(names = "--s1", paramLabel = "E", defaultValue = "20", description = "RePr: epochs of full-network training per iteration (default: ${DEFAULT-VALUE}).")
    int s1;

    @Option(names = "--s2", paramLabel = "E", defaultValue = "10", description = "RePr: epochs of sub-network training per iteration (default: ${DEFAULT-VALUE}).")
    int s2;

    @Option(names = "--prune", paramLabel = "P", defaultValue = "0.3",
            description = "Fraction of filters (RePr) or weights (DSD) dropped (default: ${DEFAULT-VALUE}).")
    double prune;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "3", description = "RePr and DSD prune/re-initialize iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--ranking-images", paramLabel = "N", defaultValue = "1000",
            description = "RePr: training images the data-driven rankings look at (default: ${DEFAULT-VALUE}).")
    int rankingImages;
}
