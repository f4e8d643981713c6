package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --threshold}: the PSNR-S region, pixels whose map value is at least T (metrics, eval compression, spark evaluate). */
final class PsnrSThresholdOption {
    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.5",
            description = "PSNR-S counts the pixels whose map value is at least T (default: ${DEFAULT-VALUE}).")
    double value;

    /** The threshold; a value outside [0, 1] is a usage error. */
    double checked() {
        if (!(value >= 0 && value <= 1)) {
            throw new UsageError("--threshold must be in [0, 1], got " + value);
        }
        return value;
    }
}
