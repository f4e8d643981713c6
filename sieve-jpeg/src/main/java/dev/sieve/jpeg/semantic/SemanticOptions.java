package dev.sieve.jpeg.semantic;

import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.QuantTable;
import dev.sieve.jpeg.Subsampling;

/**
 * Settings of a semantic encode (thesis §2.4–2.5 defaults).
 *
 * @param mode plain, mosaic (Algorithm 1) or direct
 * @param levels k saliency levels (default 5)
 * @param qLow Q_l of eq. 2.7 (default 30)
 * @param qHigh Q_h of eq. 2.7 (default 70)
 * @param inclusiveLevels spread Q_n over [Q_l, Q_h] with both ends (see {@link SaliencyLevels})
 * @param matchQuality quality of the plain reference JPEG whose size is matched (default 50)
 * @param targetBytes explicit target size in bytes; 0 means the reference's size
 * @param fixedQuality when &gt; 0, no size matching: plain at this Q, mosaic re-encoded at Q_f = this,
 *     direct with its levels shifted so that the top level is this
 * @param tolerance relative size tolerance of the match (default 0.01, the thesis' ±1 %)
 * @param subsampling chroma subsampling of output and reference
 * @param progressive progressive output and reference
 * @param blockMethod how direct mode realizes per-block quality (default dead zone: on kodim07 it gave
 *     about 1 dB higher PSNR than requantization at the same size)
 */
public record SemanticOptions(SemanticMode mode, int levels, double qLow, double qHigh, boolean inclusiveLevels,
        double matchQuality, long targetBytes, double fixedQuality, double tolerance, Subsampling subsampling,
        boolean progressive, BlockQuality.Method blockMethod) {

    public SemanticOptions {
        if (mode == null || subsampling == null || blockMethod == null) {
            throw new IllegalArgumentException("mode, subsampling and block method must be given");
        }
        QuantTable.checkQuality(matchQuality);
        if (fixedQuality != 0) {
            QuantTable.checkQuality(fixedQuality);
        }
        if (targetBytes < 0) {
            throw new IllegalArgumentException("target bytes must be positive, got " + targetBytes);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
        }
    }

    /** The thesis settings for {@code mode}: k = 5, Q 30..70, size of JPEG Q50 ± 1 %, 4:2:0, baseline. */
    public static SemanticOptions defaults(SemanticMode mode) {
        return new SemanticOptions(mode, 5, 30, 70, false, 50, 0, 0, 0.01, Subsampling.S420, false,
                BlockQuality.Method.DEAD_ZONE);
    }

    public SemanticOptions withMode(SemanticMode m) {
        return new SemanticOptions(m, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod);
    }

    public SemanticOptions withLevels(int k, double low, double high) {
        return new SemanticOptions(mode, k, low, high, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod);
    }

    public SemanticOptions withTargetBytes(long bytes) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, bytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod);
    }

    public SemanticOptions withMatchQuality(double q) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, q, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod);
    }

    public SemanticOptions withFixedQuality(double q) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, q,
                tolerance, subsampling, progressive, blockMethod);
    }

    public SemanticOptions withSubsampling(Subsampling s) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, s, progressive, blockMethod);
    }

    public SemanticOptions withProgressive(boolean p) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, p, blockMethod);
    }

    public SemanticOptions withBlockMethod(BlockQuality.Method m) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, m);
    }

    public SemanticOptions withInclusiveLevels(boolean on) {
        return new SemanticOptions(mode, levels, qLow, qHigh, on, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod);
    }
}
