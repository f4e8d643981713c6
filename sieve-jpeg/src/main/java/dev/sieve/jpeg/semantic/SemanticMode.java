package dev.sieve.jpeg.semantic;

/** How saliency is turned into bits. */
public enum SemanticMode {
    /** Standard JPEG, one quality everywhere (the baseline of Table 2.1). */
    PLAIN,
    /** Thesis Algorithm 1: a mosaic of blocks decoded from JPEGs at Q_n, re-encoded once at Q_f. */
    MOSAIC,
    /** The levels Q_n realized in one encode by per-block quantization ({@link dev.sieve.jpeg.BlockQuality}). */
    DIRECT
}
