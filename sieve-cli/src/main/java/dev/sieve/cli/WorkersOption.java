package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --workers}: requests the service computes at once (serve, bench serve); default one per core. */
final class WorkersOption {
    @Option(names = "--workers", paramLabel = "N", description = "Requests computed at once (default: one per core).")
    Integer value;

    /** The option's value, else the number of cores. */
    int orCores() {
        return value == null ? Runtime.getRuntime().availableProcessors() : value;
    }
}
