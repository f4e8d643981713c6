package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --metric}: the RePr filter ranking (train --scheme repr, bench repr); eval repr compares several with {@code --metrics}. */
final class RankingMetricOption {
    @Option(names = "--metric", paramLabel = "M", defaultValue = "ortho",
            description = "RePr ranking: ortho, weights, random, activation, apoz, gradient, taylor, oracle (default: ${DEFAULT-VALUE}).")
    String name;
}
