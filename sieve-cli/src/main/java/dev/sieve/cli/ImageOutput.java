package dev.sieve.cli;

import dev.sieve.image.Planar;
import dev.sieve.image.io.AtomicFiles;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The PNG output of the image-to-image commands ({@code deflect}, {@code denoise}, {@code defend}). */
final class ImageOutput {
    private ImageOutput() {
    }

    /** Fails before any work when {@code out} is not a {@code .png} name or names one of {@code inputs}. */
    static void check(Path out, Path... inputs) throws IOException {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException(out + ": output must be a .png file");
        }
        AtomicFiles.requireNotAnInput(out, inputs);
    }

    /** Writes {@code img} as an 8-bit PNG (rounded, clamped to 0..255), atomically. */
    static void write(Planar img, Path out) throws IOException {
        ImageFiles.writePng(img, out);
    }
}
