package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --batch}: images attacked together in one batched pass (eval defense, bench attack). */
final class AttackBatchOption {
    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Attack batch size (default: ${DEFAULT-VALUE}).")
    int size;
}
