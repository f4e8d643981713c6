package dev.sieve.jpeg;

/**
 * Settings of one JPEG encode.
 *
 * @param quality IJG quality in [1, 100] of the transmitted tables (fractional allowed, see {@link QuantTable})
 * @param subsampling chroma subsampling of colour images
 * @param optimizeHuffman two-pass optimal Huffman tables (cjpeg {@code -optimize}) instead of the Annex K.3 tables
 * @param progressive progressive JPEG by spectral selection (implies optimized tables)
 */
public record JpegOptions(double quality, Subsampling subsampling, boolean optimizeHuffman, boolean progressive) {
    public JpegOptions {
        QuantTable.checkQuality(quality);
        if (subsampling == null) {
            throw new IllegalArgumentException("subsampling must be given");
        }
    }

    /** Quality {@code q}, 4:2:0, optimized Huffman tables, baseline. */
    public static JpegOptions quality(double q) {
        return new JpegOptions(q, Subsampling.S420, true, false);
    }

    public JpegOptions withQuality(double q) {
        return new JpegOptions(q, subsampling, optimizeHuffman, progressive);
    }

    public JpegOptions withSubsampling(Subsampling s) {
        return new JpegOptions(quality, s, optimizeHuffman, progressive);
    }

    public JpegOptions withOptimizeHuffman(boolean on) {
        return new JpegOptions(quality, subsampling, on, progressive);
    }

    public JpegOptions withProgressive(boolean on) {
        return new JpegOptions(quality, subsampling, optimizeHuffman, on);
    }
}
