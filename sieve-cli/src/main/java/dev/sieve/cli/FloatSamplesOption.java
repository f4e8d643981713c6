package dev.sieve.cli;

import picocli.CommandLine.Option;

/** {@code --float-samples}: judge adversarial images as floats (the thesis' protocol) instead of as the 8-bit images an attacker must submit. */
final class FloatSamplesOption {
    @Option(names = "--float-samples",
            description = "Judge adversarial images as floats (the thesis' protocol) instead of rounded to the 8-bit images an attacker must submit;"
                    + " a written PNG is 8-bit either way, so success may not survive it.")
    boolean on;
}
