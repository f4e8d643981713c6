package dev.sieve.jpeg;

/**
 * Settings of one JPEG encode.
 *
 * @param quality IJG quality in [1, 100] of the transmitted tables (fractional allowed, see {@link QuantTable})
 * @param subsampling chroma subsampling of colour images
 * @param optimizeHuffman two-pass optimal Huffman tables (cjpeg {@code -optimize}) instead of the Annex K.3 tables
 * @param progressive progressive JPEG, spectral selection and successive approximation with the scan script searched
 *     for the smallest file (implies optimized tables)
 * @param tune tables and level choice ({@link Tune}); {@link Tune#CLASSIC} is libjpeg's
 * @param lambdaScale multiplies the tune's rate-distortion λ (1 = the tune's own; ignored by {@link Tune#CLASSIC}), &gt; 0
 */
public record JpegOptions(double quality, Subsampling subsampling, boolean optimizeHuffman, boolean progressive,
        Tune tune, double lambdaScale) {
    public JpegOptions {
        QuantTable.checkQuality(quality);
        if (subsampling == null || tune == null) {
            throw new IllegalArgumentException("subsampling and tune must be given");
        }
        if (!(lambdaScale > 0 && lambdaScale < 1e6)) {
            throw new IllegalArgumentException("lambda scale must be positive, got " + lambdaScale);
        }
    }

    /** Classic (libjpeg) encode. */
    public JpegOptions(double quality, Subsampling subsampling, boolean optimizeHuffman, boolean progressive) {
        this(quality, subsampling, optimizeHuffman, progressive, Tune.CLASSIC, 1);
    }

    /** Quality {@code q}, 4:2:0, optimized Huffman tables, baseline, classic tune. */
    public static JpegOptions quality(double q) {
        return new JpegOptions(q, Subsampling.S420, true, false);
    }

    public JpegOptions withQuality(double q) {
        return new JpegOptions(q, subsampling, optimizeHuffman, progressive, tune, lambdaScale);
    }

    public JpegOptions withSubsampling(Subsampling s) {
        return new JpegOptions(quality, s, optimizeHuffman, progressive, tune, lambdaScale);
    }

    public JpegOptions withOptimizeHuffman(boolean on) {
        return new JpegOptions(quality, subsampling, on, progressive, tune, lambdaScale);
    }

    public JpegOptions withProgressive(boolean on) {
        return new JpegOptions(quality, subsampling, optimizeHuffman, on, tune, lambdaScale);
    }

    public JpegOptions withTune(Tune t) {
        return new JpegOptions(quality, subsampling, optimizeHuffman, progressive, t, lambdaScale);
    }

    public JpegOptions withLambdaScale(double s) {
        return new JpegOptions(quality, subsampling, optimizeHuffman, progressive, tune, s);
    }
}
