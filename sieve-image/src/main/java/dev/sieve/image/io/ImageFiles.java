package dev.sieve.image.io;

import dev.sieve.image.Planar;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads images into {@link Planar} form and writes them as PNG.
 *
 * <p>Reading uses ImageIO with the TwelveMonkeys JPEG, TIFF and BMP plugins, so PNG, JPEG, BMP,
 * GIF and TIFF are read. Conversions: 8-bit grayscale stays one channel (with an alpha channel too);
 * palette images become RGB; transparent pixels are composited over the {@link
 * ImageReadOptions#background() background} (white for photos). Refused with an {@link
 * ImageFormatException} naming the file: missing, empty, unreadable, truncated or corrupt files
 * (unless {@link ImageReadOptions#lenient() lenient}), images whose header declares more than
 * {@link ImageReadOptions#maxPixels()} pixels (checked before decoding), multi-frame files (unless
 * lenient: first frame), CMYK/YCCK images and images with more than 8 bits per sample.
 */
public final class ImageFiles {
    static {
        ImageIO.setUseCache(false);
    }

    /** File name extensions of the formats {@link #read} decodes, lower case, without the dot. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private ImageFiles() {
    }

    /** Whether {@code file}'s name ends with one of {@link #EXTENSIONS}, in any case. */
    public static boolean hasImageExtension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Reads an image file with {@link ImageReadOptions#defaults()}; samples in [0, 255]. */
    public static Planar read(Path file) throws IOException {
        return read(file, ImageReadOptions.defaults());
    }

    /** Reads an image file; samples in [0, 255]. */
    public static Planar read(Path file, ImageReadOptions options) throws IOException {
        return toPlanar(readBuffered(file, options), file.toString(), options.background());
    }

    /** Reads an image file as a {@link BufferedImage} with {@link ImageReadOptions#defaults()}. */
    public static BufferedImage readBuffered(Path file) throws IOException {
        return readBuffered(file, ImageReadOptions.defaults());
    }

    /** Reads an image file as a {@link BufferedImage}, with the checks of {@link #read(Path, ImageReadOptions)}. */
    public static BufferedImage readBuffered(Path file, ImageReadOptions options) throws IOException {
        long size = requireReadableFile(file);
        ImageInputStream in;
        try {
            in = new FileImageInputStream(file.toFile());
        } catch (IOException | SecurityException e) {
            throw new ImageFormatException(file + ": cannot be read (" + oneLine(e) + ")", e);
        }
        try (in) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageFormatException(file + ": not a PNG, JPEG, BMP, GIF or TIFF image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                String format = reader.getFormatName().toUpperCase(Locale.ROOT);
                requireWithinBudget(file, format, reader, options.maxPixels());
                requireSingleFrame(file, format, reader, options.lenient());
                requireNotCmyk(file, reader);
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage img;
                try {
                    img = reader.read(0);
                } catch (IOException | RuntimeException e) {
                    throw new ImageFormatException(file + ": " + (hasCause(e, EOFException.class)
                            ? "truncated " + format + " data at byte " + size
                            : "broken " + format + " file (" + oneLine(e) + ")"), e);
                }
                if (!warnings.isEmpty() && !options.lenient()) {
                    boolean truncated = warnings.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains("truncated")
                            || w.toLowerCase(Locale.ROOT).contains("premature end"));
                    throw new ImageFormatException(file + ": " + (truncated
                            ? "truncated " + format + " data at byte " + size
                            : "corrupt " + format + " data (" + warnings.get(0).strip() + ")"));
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

    /** The file's size; fails unless it is an existing, readable, non-empty file. */
    private static long requireReadableFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new ImageFormatException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new ImageFormatException(file + ": is a folder, not an image");
        }
        if (!Files.isRegularFile(file)) {
            throw new ImageFormatException(file + ": not a regular file (a device or pipe); save the image to a file first");
        }
        if (!Files.isReadable(file)) {
            throw new ImageFormatException(file + ": permission denied");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new ImageFormatException(file + ": empty file");
        }
        return size;
    }

    /** Reads the declared size from the header and refuses images over {@code maxPixels}. */
    private static void requireWithinBudget(Path file, String format, ImageReader reader, long maxPixels) throws IOException {
        long w, h;
        try {
            w = reader.getWidth(0);
            h = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(file + ": broken " + format + " header (" + oneLine(e) + ")", e);
        }
        if (w <= 0 || h <= 0) {
            throw new ImageFormatException(file + ": image has zero size");
        }
        if (w * h > maxPixels) {
            throw new ImageFormatException(file + ": " + w + " x " + h + " = " + w * h
                    + " pixels, over the limit of " + maxPixels + " pixels");
        }
    }

    /** Refuses animations and multi-page files, whose other frames would be dropped silently. */
    private static void requireSingleFrame(Path file, String format, ImageReader reader, boolean lenient) throws IOException {
        if (lenient || format.equals("JPEG") || format.equals("PNG")) {
            return;
        }
        int frames;
        try {
            frames = reader.getNumImages(true);
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException(file + ": broken " + format + " file (" + oneLine(e) + ")", e);
        }
        if (frames > 1) {
            throw new ImageFormatException(file + ": " + format + " with " + frames
                    + " frames; Sieve reads single images (extract one frame, or read the first with lenient reading)");
        }
    }

    /** Refuses CMYK/YCCK images, which decoders convert to RGB only approximately without their ICC profile. */
    private static void requireNotCmyk(Path file, ImageReader reader) throws IOException {
        ImageTypeSpecifier raw;
        try {
            raw = reader.getRawImageType(0);
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (raw != null && raw.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK
                || raw != null && raw.getNumBands() == 4 && !raw.getColorModel().hasAlpha()) {
            throw new ImageFormatException(file + ": CMYK images are not supported; convert to RGB first");
        }
    }

    /** Converts a decoded image to planes in [0, 255] with transparent pixels over white. */
    public static Planar toPlanar(BufferedImage img, String name) throws ImageFormatException {
        return toPlanar(img, name, 255f);
    }

    /**
     * Converts a decoded image to planes in [0, 255], applying the conversions documented above;
     * transparent pixels are composited over {@code background} (0..255).
     */
    public static Planar toPlanar(BufferedImage img, String name, float background) throws ImageFormatException {
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
        if (csType == ColorSpace.TYPE_GRAY && !(cm instanceof IndexColorModel)) {
            return grayPlanes(raster, w, h, cm.hasAlpha(), background);
        }
        if (cm.hasAlpha()) {
            return compositeRgb(img, background);
        }
        BufferedImage rgb = img;
        if (img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            rgb = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = rgb.createGraphics();
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

    /**
     * One gray plane from the stored samples (never through Java's linear-gray colour space, which
     * would brighten them), alpha composited over {@code background}.
     */
    private static Planar grayPlanes(Raster raster, int w, int h, boolean alpha, float background) {
        float[] g = new float[w * h];
        raster.getSamples(0, 0, w, h, 0, g);
        if (alpha) {
            float[] a = new float[w * h];
            raster.getSamples(0, 0, w, h, raster.getNumBands() - 1, a);
            for (int i = 0; i < g.length; i++) {
                float t = a[i] / 255f;
                g[i] = g[i] * t + background * (1 - t);
            }
        }
        return new Planar(w, h, g);
    }

    /** RGB planes of an image with alpha (sRGB, non-premultiplied), composited over {@code background}. */
    private static Planar compositeRgb(BufferedImage img, float background) {
        int w = img.getWidth(), h = img.getHeight();
        float[] r = new float[w * h], g = new float[w * h], b = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int argb = row[x];
                float t = (argb >>> 24) / 255f, u = (1 - t) * background;
                r[i] = ((argb >> 16) & 0xFF) * t + u;
                g[i] = ((argb >> 8) & 0xFF) * t + u;
                b[i] = (argb & 0xFF) * t + u;
            }
        }
        return new Planar(w, h, r, g, b);
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
        AtomicFiles.write(file, pngBytes(p));
    }

    /** {@code p} as the bytes of an 8-bit PNG (rounded, clamped to 0..255). */
    public static byte[] pngBytes(Planar p) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(toBufferedImage(p), "png", bytes)) {
            throw new IOException("no PNG writer available");
        }
        return bytes.toByteArray();
    }

    /** Rounds half up and clamps to 0..255. */
    public static int clamp8(float v) {
        int i = (int) Math.floor(v + 0.5f);
        return i < 0 ? 0 : (i > 255 ? 255 : i);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').strip();
    }
}
