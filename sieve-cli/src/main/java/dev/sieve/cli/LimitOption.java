package dev.sieve.cli;

import picocli.CommandLine.Option;

/**
 * {@code --limit}: only the first N images of the data (eval classify, eval msroi); none = all. eval defense keeps
 * its own {@code --limit} with default 1000, the thesis' protocol.
 */
final class LimitOption {
    @Option(names = "--limit", paramLabel = "N", description = "Only the first N images (default: all).")
    Integer value;

    /** Refuses a limit below 1. */
    void check() {
        if (value != null && value < 1) {
            throw new UsageError("--limit must be ≥ 1, got " + value);
        }
    }
}
