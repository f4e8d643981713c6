package dev.sieve.image.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.sieve.image.Planar;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the image reader (PNG, JPEG, GIF, BMP, TIFF; header checks, pixel
 * budget, strict decoding): any bytes either decode to a well-formed image or are refused with an
 * {@link ImageFormatException}; anything else (a runtime exception, an out-of-memory error) is a
 * finding. Seeds: {@code ImageFilesFuzzTestInputs/} (the hostile files and small valid images).
 */
class ImageFilesFuzzTest {
    private static final ImageReadOptions OPTIONS = ImageReadOptions.STRICT.withMaxPixels(1 << 20);
    private static Path file;

    @FuzzTest(maxDuration = "15s")
    void decodesOrRefusesWithImageFormatException(byte[] data) throws Exception {
        if (file == null) {
            file = Files.createTempFile("sieve-fuzz-", ".img");
            file.toFile().deleteOnExit();
        }
        Files.write(file, data);
        Planar p;
        try {
            p = ImageFiles.read(file, OPTIONS);
        } catch (ImageFormatException refused) {
            if (refused.getMessage().contains("\n") || !refused.getMessage().startsWith(file.toString())) {
                throw new AssertionError("message not one line naming the file: " + refused.getMessage());
            }
            return;
        }
        if (p.pixels() > OPTIONS.maxPixels() || (p.channels() != 1 && p.channels() != 3)) {
            throw new AssertionError(p.width() + "x" + p.height() + "x" + p.channels() + " passed the checks");
        }
        for (int c = 0; c < p.channels(); c++) {
            for (float v : p.plane(c)) {
                if (!(v >= 0 && v <= 255)) {
                    throw new AssertionError("sample " + v + " outside [0, 255]");
                }
            }
        }
    }
}
