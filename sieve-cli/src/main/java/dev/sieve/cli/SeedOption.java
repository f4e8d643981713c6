package dev.sieve.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}: the seed of every random draw of an attack or a defense (attack, defend, deflect, eval defense),
 * default 0. Training, scenes, import and eval msroi keep their own {@code --seed} with default 1: their committed
 * models and results were made with it.
 */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seed of every random draw of the attacks and defenses: the same seed gives the same output (default: ${DEFAULT-VALUE}).")
    long value;
}
