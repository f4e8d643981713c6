package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --json}: print the result as JSON ({@link Json#document}) instead of text. */
final class JsonOption {
    @Option(names = "--json", description = "Print JSON instead of text: one object (one line per file for several inputs).")
    boolean json;
}
