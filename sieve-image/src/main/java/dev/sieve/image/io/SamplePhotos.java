package dev.sieve.image.io;

import dev.sieve.image.Planar;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Photographs shipped inside Sieve, for defaults, demos and tests.
 *
 * <p>{@code kodim07}: Kodak PhotoCD image 7 (768×512, a shuttered window with flowers), Eastman
 * Kodak Company, released for unrestricted use; taken from Debian's {@code librust-tiff-dev}.
 */
public final class SamplePhotos {
    private SamplePhotos() {
    }

    /** Name of the built-in photo. */
    public static final String KODIM07 = "kodim07";

    /** The Kodak photo kodim07 as RGB planes in [0, 255]. */
    public static Planar kodim07() {
        try (InputStream in = SamplePhotos.class.getResourceAsStream("/dev/sieve/image/samples/kodim07.png")) {
            if (in == null) {
                throw new IOException("built-in photo kodim07 is missing from the jar");
            }
            BufferedImage img = ImageIO.read(in);
            return ImageFiles.toPlanar(img, KODIM07);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
