package dev.sieve.jpeg.semantic;

/** How saliency is turned into bits. */
public enum SemanticMode {
    /** Standard JPEG, one quality everywhere (the baseline of Table 2.1). */
    PLAIN,
    /** Thesis Algorithm 1: a mosaic of blocks decoded from JPEGs at Q_n, re-encoded once at Q_f. */
    MOSAIC,
    /** The levels Q_n realized in one encode by per-block quantization ({@link dev.sieve.jpeg.BlockQuality}). */
    DIRECT;

    /** Parses "plain", "mosaic" or "direct" (any case); the failure's message reads "must be …", for the caller to prefix with its name. */
    public static SemanticMode parse(String s) {
        for (SemanticMode m : values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be direct, mosaic or plain, got " + dev.sieve.image.defense.DefenseParams.quote(s));
    }
}
