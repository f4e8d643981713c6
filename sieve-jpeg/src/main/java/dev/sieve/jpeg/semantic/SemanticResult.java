package dev.sieve.jpeg.semantic;

/**
 * The outcome of a semantic encode.
 *
 * @param jpeg the output file's bytes
 * @param mode the mode used
 * @param targetBytes size that was matched (0 when the quality was fixed)
 * @param referenceBytes size of the plain reference JPEG (0 when an explicit target or fixed quality was used)
 * @param finalQuality plain: Q; mosaic: Q_f; direct: quality of the transmitted tables
 * @param shift direct mode: Δ added to every Q_n (0 otherwise)
 * @param levelQualities the Q_n of eq. 2.7 before any shift (empty for plain)
 * @param blocksPerLevel number of 8×8 blocks at each level (empty for plain)
 * @param withinTolerance whether the size is within the requested tolerance of the target
 * @param encodes number of full encodes the search made
 * @param tune the tune of the output's tables and levels
 * @param lambdaScale the multiplier of the tune's λ that the output was encoded with (1 unless the size
 *     search raised it; meaningless for the classic tune)
 */
public record SemanticResult(byte[] jpeg, SemanticMode mode, long targetBytes, long referenceBytes,
        double finalQuality, double shift, double[] levelQualities, int[] blocksPerLevel, boolean withinTolerance,
        int encodes, dev.sieve.jpeg.Tune tune, double lambdaScale) {

    /** Output size relative to the target, e.g. +0.004 for 0.4 % larger; 0 when no target. */
    public double sizeDeviation() {
        return targetBytes == 0 ? 0 : (double) jpeg.length / targetBytes - 1;
    }
}
