package dev.sieve.image.testimages;

import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.SamplePhotos;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Natural photographs the tests compare against reference tools: the built-in Kodak {@code kodim07}
 * of the CLI, and Debian's Kodak {@code kodim02} ({@code librust-tiff-dev}) and JPEG XL
 * {@code flower} ({@code libjxl-testdata}); {@code scripts/test} installs both packages.
 */
public final class NaturalImages {
    public static final Path KODIM02 = Path.of("/usr/share/cargo/registry/tiff-0.7.3/tests/benches/kodim02-lzw.tif");
    public static final Path FLOWER = Path.of("/usr/share/libjxl-testdata/jxl/flower/flower.png");

    private NaturalImages() {
    }

    public static Planar kodim07() {
        return SamplePhotos.kodim07();
    }

    public static Planar kodim02() {
        return read(KODIM02);
    }

    /** The 2268×1512 flower photo downscaled by 4 (567×378, area average). */
    public static Planar flowerQuarter() {
        Planar p = read(FLOWER);
        return Resample.resize(p, p.width() / 4, p.height() / 4).quantized8();
    }

    /** A {@code w × h} crop at ({@code x0}, {@code y0}). */
    public static Planar crop(Planar p, int x0, int y0, int w, int h) {
        float[][] planes = new float[p.channels()][w * h];
        for (int c = 0; c < p.channels(); c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(p.plane(c), (y0 + y) * p.width() + x0, planes[c], y * w, w);
            }
        }
        return new Planar(w, h, planes);
    }

    private static Planar read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing: run scripts/test, which installs the test images");
        }
        try {
            return ImageFiles.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
