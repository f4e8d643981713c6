package dev.sieve.jpeg;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import dev.sieve.image.io.ImageFormatException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Decodes JPEG bytes to planes in [0, 255] with the JDK's ImageIO reader (IJG libjpeg). */
public final class JpegDecoder {
    private JpegDecoder() {
    }

    /** Decodes {@code jpeg}; grayscale files give one channel, colour files RGB. */
    public static Planar decode(byte[] jpeg) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (img == null) {
                throw new ImageFormatException("not a JPEG stream");
            }
            return ImageFiles.toPlanar(img, "JPEG stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
