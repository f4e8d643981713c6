package dev.sieve.cli;

import picocli.CommandLine.Option;

/**
 * {@code --arch}: the classifier architecture a command builds (train, eval repr, bench attack, bench repr), default
 * C^3(32). train msroi (MS-ROI networks), import (no default) and bench train (a list) declare their own.
 */
final class ArchOption {
    @Option(names = "--arch", paramLabel = "ARCH", defaultValue = "c3-32",
            description = {"Architecture (default: ${DEFAULT-VALUE}): cN-X (C^n(X), thesis §5.4), cN-X-gap, resnet20/32/56/110, " +
                "resnet18/34/50/101/152, vgg16/19."})
    String name;
}
