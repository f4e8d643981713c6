package dev.sieve.image.io;

import dev.sieve.image.Planar;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(kodim07Png()));
            return ImageFiles.toPlanar(img, KODIM07);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kodak photo kodim07 as the PNG file Sieve ships (768×512, 8-bit RGB). */
    public static byte[] kodim07Png() {
        try (InputStream in = SamplePhotos.class.getResourceAsStream("/dev/sieve/image/samples/kodim07.png")) {
            if (in == null) {
                throw new IOException("built-in photo kodim07 is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
