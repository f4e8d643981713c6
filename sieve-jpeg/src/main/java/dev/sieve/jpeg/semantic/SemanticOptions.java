package dev.sieve.jpeg.semantic;

import dev.sieve.jpeg.BlockQuality;
import dev.sieve.jpeg.QuantTable;
import dev.sieve.jpeg.Subsampling;
import dev.sieve.jpeg.Tune;

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
 * @param progressive progressive output and reference (default: progressive, with the scan script searched per
 *     image; about 3.5 % smaller than baseline on the measurement photos)
 * @param blockMethod how direct mode with the classic tune realizes per-block quality (default dead zone: on
 *     kodim07 it gave about 1 dB higher PSNR than requantization at the same size)
 * @param tune tables and level choice of plain and direct mode ({@link Tune}; default visual). With a
 *     rate-distortion tune, direct mode weights each block's distortion by the map (see
 *     {@code saliencyWeight}) instead of using the levels of eq. 2.7; with {@link Tune#CLASSIC} it uses
 *     the levels. Mosaic mode is always classic (Algorithm 1 verbatim).
 * @param saliencyWeight W ≥ 1: a block of mean saliency s gets distortion weight (1 + (W − 1)·s) / √W, so the
 *     most salient blocks count W times the least salient ones (default {@link #DEFAULT_SALIENCY_WEIGHT}; 1 = plain rate-distortion encode)
 * @param lambdaScale multiplies the tune's λ (default 1); the size search may raise it to reach a byte target
 */
public record SemanticOptions(SemanticMode mode, int levels, double qLow, double qHigh, boolean inclusiveLevels,
        double matchQuality, long targetBytes, double fixedQuality, double tolerance, Subsampling subsampling,
        boolean progressive, BlockQuality.Method blockMethod, Tune tune, double saliencyWeight, double lambdaScale) implements java.io.Serializable {

    /**
     * Default saliency weight W, chosen for the default {@code auto} map on the validation photos of
     * {@code docs/results/saliency-photos.md} among 4, 6, 8, 12, 16, 24: from 4 to 12 the subject gained 0.22 dB
     * for 0.16 dB of the whole image, beyond 12 less than the whole lost per step.
     */
    public static final double DEFAULT_SALIENCY_WEIGHT = 12;

    public SemanticOptions {
        if (mode == null || subsampling == null || blockMethod == null || tune == null) {
            throw new IllegalArgumentException("mode, subsampling, block method and tune must be given");
        }
        if (!(saliencyWeight >= 1 && saliencyWeight <= 1e4)) {
            throw new IllegalArgumentException("saliency weight must be in [1, 10000], got " + saliencyWeight);
        }
        if (!(lambdaScale > 0 && lambdaScale <= 1e3)) {
            throw new IllegalArgumentException("lambda scale must be in (0, 1000], got " + lambdaScale);
        }
        SaliencyLevels.check(levels, qLow, qHigh);
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

    /** The level-based settings of the thesis with the classic tune (what the semantic quantization defense uses). */
    public SemanticOptions(SemanticMode mode, int levels, double qLow, double qHigh, boolean inclusiveLevels,
            double matchQuality, long targetBytes, double fixedQuality, double tolerance, Subsampling subsampling,
            boolean progressive, BlockQuality.Method blockMethod) {
        this(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality, tolerance, subsampling,
                progressive, blockMethod, Tune.CLASSIC, DEFAULT_SALIENCY_WEIGHT, 1);
    }

    /**
     * Defaults for {@code mode}: the thesis' k = 5, Q 30..70, size of JPEG Q50 ± 1 %, 4:2:0; progressive; the
     * visual tune with saliency weight 4.
     */
    public static SemanticOptions defaults(SemanticMode mode) {
        return new SemanticOptions(mode, 5, 30, 70, false, 50, 0, 0, 0.01, Subsampling.S420, true,
                BlockQuality.Method.DEAD_ZONE, Tune.VISUAL, DEFAULT_SALIENCY_WEIGHT, 1);
    }

    public SemanticOptions withTune(Tune t) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, t, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withSaliencyWeight(double w) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, w, lambdaScale);
    }

    public SemanticOptions withLambdaScale(double s) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, s);
    }

    public SemanticOptions withMode(SemanticMode m) {
        return new SemanticOptions(m, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withLevels(int k, double low, double high) {
        return new SemanticOptions(mode, k, low, high, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withTargetBytes(long bytes) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, bytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withTolerance(double t) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                t, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withMatchQuality(double q) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, q, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withFixedQuality(double q) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, q,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withSubsampling(Subsampling s) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, s, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withProgressive(boolean p) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, p, blockMethod, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withBlockMethod(BlockQuality.Method m) {
        return new SemanticOptions(mode, levels, qLow, qHigh, inclusiveLevels, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, m, tune, saliencyWeight, lambdaScale);
    }

    public SemanticOptions withInclusiveLevels(boolean on) {
        return new SemanticOptions(mode, levels, qLow, qHigh, on, matchQuality, targetBytes, fixedQuality,
                tolerance, subsampling, progressive, blockMethod, tune, saliencyWeight, lambdaScale);
    }
}
