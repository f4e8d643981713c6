package dev.sieve.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs and outputs of the image-to-image commands (deflect, denoise, defend; {@link ImageTransforms}). */
final class ImageTransformIO {
    @Parameters(arity = "1..*", paramLabel = "IN",
            description = "Image (PNG, JPEG, BMP, GIF, TIFF), - for standard input; or several images and folders with -d.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.png", description = "Output PNG of one IN; - for standard output.")
    Path output;

    @Mixin
    BatchOptions batch;

    @Mixin
    JsonOption json;
}
