package dev.sieve.image.io;

import dev.sieve.image.Planar;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads images into {@link Planar} form and writes them as PNG.
 *
 * <p>Reading uses ImageIO with the TwelveMonkeys JPEG, TIFF and BMP plugins, so PNG, JPEG, BMP,
 * GIF and TIFF are read. Conversions: 8-bit grayscale stays one channel; palette images become
 * RGB; an alpha channel is composited over white (documented, never silently dropped as black).
 * Refused with an {@link ImageFormatException}: missing, empty, unreadable or truncated files,
 * CMYK/YCCK images and images with more than 8 bits per sample.
 */
public final class ImageFiles {
    static {
        ImageIO.setUseCache(false);
    }

    private ImageFiles() {
    }

    /** Reads an image file; samples in [0, 255]. */
    public static Planar read(Path file) throws IOException {
        return toPlanar(readBuffered(file), file.toString());
    }

    /** Reads an image file as a {@link BufferedImage}, with the checks of {@link #read}. */
    public static BufferedImage readBuffered(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ImageFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(file + ": is a folder, not an image");
        }
        if (Files.size(file) == 0) {
            throw new ImageFormatException(file + ": empty file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFormatException(file + ": not a PNG, JPEG, BMP, GIF or TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                BufferedImage img;
                try {
                    img = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageFormatException(file + ": broken " + format + " file (" + oneLine(e) + ")", e);
                }
                if (img.getWidth() <= 0 || img.getHeight() <= 0) {
                    throw new ImageFormatException(file + ": image has zero size");
                }
                return img;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Converts a decoded image to planes in [0, 255], applying the conversions documented above. */
    public static Planar toPlanar(BufferedImage img, String name) throws ImageFormatException {
        ColorModel cm = img.getColorModel();
        Raster raster = img.getRaster();
        int w = img.getWidth(), h = img.getHeight();
        for (int b = 0; b < raster.getNumBands(); b++) {
            if (raster.getSampleModel().getSampleSize(b) > 8 && !(cm instanceof java.awt.image.DirectColorModel)) {
                throw new ImageFormatException(name + ": " + raster.getSampleModel().getSampleSize(b)
                        + "-bit samples are not supported; convert to 8-bit first");
            }
        }
        int csType = cm.getColorSpace().getType();
        if (csType == ColorSpace.TYPE_CMYK || (!cm.hasAlpha() && cm.getNumComponents() == 4)) {
            throw new ImageFormatException(name + ": CMYK images are not supported; convert to RGB first");
        }
        if (csType == ColorSpace.TYPE_GRAY && !cm.hasAlpha() && !(cm instanceof IndexColorModel)
                && cm.getNumComponents() == 1) {
            float[] g = new float[w * h];
            raster.getSamples(0, 0, w, h, 0, g);
            return new Planar(w, h, g);
        }
        BufferedImage rgb = img;
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = rgb.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(img, 0, 0, null);
            g.dispose();
        }
        byte[] bgr = ((DataBufferByte) rgb.getRaster().getDataBuffer()).getData();
        int n = w * h;
        float[] r = new float[n], gr = new float[n], b = new float[n];
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            b[i] = bgr[j] & 0xFF;
            gr[i] = bgr[j + 1] & 0xFF;
            r[i] = bgr[j + 2] & 0xFF;
        }
        return new Planar(w, h, r, gr, b);
    }

    /** Converts planes (1 or 3 channels, [0, 255]) to an 8-bit image, rounding and clamping. */
    public static BufferedImage toBufferedImage(Planar p) {
        int w = p.width(), h = p.height(), n = w * h;
        if (p.channels() == 1) {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            float[] g = p.plane(0);
            for (int i = 0; i < n; i++) {
                d[i] = (byte) clamp8(g[i]);
            }
            return img;
        }
        if (p.channels() != 3) {
            throw new IllegalArgumentException("can only convert 1- or 3-channel images, got " + p.channels());
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] d = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] r = p.plane(0), g = p.plane(1), b = p.plane(2);
        for (int i = 0, j = 0; i < n; i++, j += 3) {
            d[j] = (byte) clamp8(b[i]);
            d[j + 1] = (byte) clamp8(g[i]);
            d[j + 2] = (byte) clamp8(r[i]);
        }
        return img;
    }

    /** Writes {@code p} as an 8-bit PNG, atomically. */
    public static void writePng(Planar p, Path file) throws IOException {
        BufferedImage img = toBufferedImage(p);
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException(file + ": no PNG writer available");
            }
        });
    }

    /** Rounds half up and clamps to 0..255. */
    public static int clamp8(float v) {
        int i = (int) Math.floor(v + 0.5f);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').strip();
    }
}
