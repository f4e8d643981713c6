package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --data}: the labelled data set a command trains or evaluates on ({@code DataSets.open}). */
final class DataOption {
    @Option(names = "--data", paramLabel = "DATA", defaultValue = "fashion-mnist",
            description = "fashion-mnist, or a folder with IDX files, CIFAR-10/100 binaries or class folders (default: ${DEFAULT-VALUE}).")
    String name;
}
