package dev.sieve.image.io;

/**
 * How {@link ImageFiles} reads an image file.
 *
 * @param maxPixels  images whose header declares more pixels (width × height) are refused before
 *                   any pixel is decoded; guards against decompression bombs. At least 1.
 * @param lenient    accept truncated or corrupt data (the decoder's partial image) and use the first
 *                   frame of a multi-frame file, instead of refusing them
 * @param background the value, 0..255, that transparent pixels are composited over: 255 (white) for
 *                   photos, 0 for saliency maps (transparent = not salient)
 */
public record ImageReadOptions(long maxPixels, boolean lenient, float background) implements java.io.Serializable {
    /** Default pixel budget: 100 megapixels (a 12 000 × 8 333 photo; about 1.2 GB as float planes). */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** Strict, 100 MP, transparent over white. */
    public static final ImageReadOptions STRICT = new ImageReadOptions(DEFAULT_MAX_PIXELS, false, 255f);

    private static volatile ImageReadOptions processDefault = STRICT;

    public ImageReadOptions {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("pixel limit must be at least 1, got " + maxPixels);
        }
        if (!(background >= 0 && background <= 255)) {
            throw new IllegalArgumentException("background must be in 0..255, got " + background);
        }
    }

    /**
     * The options {@link ImageFiles#read(java.nio.file.Path)} uses: {@link #STRICT} unless an
     * application (the {@code sieve} command's {@code --max-pixels} and {@code --lenient}) set others.
     */
    public static ImageReadOptions defaults() {
        return processDefault;
    }

    /** Sets the options of {@link #defaults()} for this process. */
    public static void setDefaults(ImageReadOptions options) {
        processDefault = java.util.Objects.requireNonNull(options);
    }

    /** These options with another pixel limit. */
    public ImageReadOptions withMaxPixels(long limit) {
        return new ImageReadOptions(limit, lenient, background);
    }

    /** These options, lenient or strict. */
    public ImageReadOptions withLenient(boolean l) {
        return new ImageReadOptions(maxPixels, l, background);
    }

    /** These options with transparent pixels composited over {@code value} (0..255). */
    public ImageReadOptions withBackground(float value) {
        return new ImageReadOptions(maxPixels, lenient, value);
    }
}
