package dev.sieve.image.metrics;

import dev.sieve.image.Planar;
import dev.sieve.image.io.ImageFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Test images: the committed Kodak crops and seeded distortions of them. */
final class Fixtures {
    private Fixtures() {
    }

    /** A committed fixture image from {@code src/test/resources/dev/sieve/image/metrics}. */
    static Planar image(String name) {
        try {
            return ImageFiles.read(resource(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        java.net.URL url = Fixtures.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code img} plus seeded Gaussian noise of standard deviation {@code sigma}, rounded and clamped to 8 bits. */
    static Planar noisy(Planar img, double sigma, long seed) {
        Random rnd = new Random(seed);
        Planar out = img.copy();
        for (int c = 0; c < out.channels(); c++) {
            float[] p = out.plane(c);
            for (int i = 0; i < p.length; i++) {
                p[i] += (float) (sigma * rnd.nextGaussian());
            }
        }
        return out.quantized8();
    }

    /** {@code img} with {@code delta} added to every sample (not clamped). */
    static Planar shifted(Planar img, float delta) {
        Planar out = img.copy();
        for (int c = 0; c < out.channels(); c++) {
            float[] p = out.plane(c);
            for (int i = 0; i < p.length; i++) {
                p[i] += delta;
            }
        }
        return out;
    }

    /** {@code img} encoded as JPEG at {@code quality} (1..100) by the JDK's encoder and decoded again. */
    static Planar jpeg(Planar img, int quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.write(null, new IIOImage(ImageFiles.toBufferedImage(img), null, null), param);
            } finally {
                writer.dispose();
            }
            return ImageFiles.toPlanar(ImageIO.read(new ByteArrayInputStream(bytes.toByteArray())), "jpeg");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
