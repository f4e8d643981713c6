package dev.sieve.nn.detect;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The detector models and photos the tests use when present (scripts/test fetches both); tests say they were skipped otherwise. */
final class TestModels {
    /** scikit-image's sample photos (Debian python3-skimage). */
    static final Path SKIMAGE_DATA = Path.of("/usr/lib/python3/dist-packages/skimage/data");

    private TestModels() {
    }

    /** The models directory, or a skipped test when {@code model} is not in it. */
    static Path dirWith(String model) {
        Path dir = ModelsDirectory.resolve(null);
        boolean present = ModelsDirectory.has(dir, model);
        if (!present) {
            System.err.println("SKIPPED: detector model " + model + " not in " + dir + " (scripts/fetch-models fetches it)");
        }
        assumeTrue(present, "detector model " + model + " not in " + dir + " (scripts/fetch-models fetches it)");
        return dir;
    }

    /** A scikit-image sample photo, or a skipped test when it is missing. */
    static Planar skimagePhoto(String name) throws IOException {
        Path p = SKIMAGE_DATA.resolve(name);
        if (!Files.isRegularFile(p)) {
            System.err.println("SKIPPED: " + p + " missing (Debian python3-skimage)");
        }
        assumeTrue(Files.isRegularFile(p), p + " missing (Debian python3-skimage)");
        return ImageFiles.read(p);
    }
}
