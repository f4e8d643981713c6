package dev.sieve.jpeg;

import dev.sieve.image.defense.DefenseParams;

/**
 * What the encoder optimizes: its quantization tables and how each block's levels are chosen.
 *
 * <ul>
 *   <li>{@link #CLASSIC}: Annex K tables, every coefficient rounded to the nearest level (libjpeg,
 *       cjpeg, PIL).</li>
 *   <li>{@link #PSNR}: flat tables and rate-distortion optimized levels ({@link Trellis}) minimizing
 *       squared error plus λ·bits, every coefficient of every component counted alike (what luma
 *       PSNR, the codec convention that {@code sieve metrics} and mozjpeg's {@code -tune-psnr} follow,
 *       rewards).</li>
 *   <li>{@link #PSNR_RGB}: as {@link #PSNR}, but minimizing squared error over RGB: each component's
 *       error weighted by its share of RGB squared error and the pixels a sample covers
 *       ({@link Trellis#componentWeight}), with a finer flat chroma table in 4:2:0
 *       ({@link QuantTable.Base#FLAT_RGB}).</li>
 *   <li>{@link #VISUAL}: psycho-visual tables ({@link QuantTable.Base#VISUAL}: Annex K blended toward
 *       flat) and rate-distortion optimized levels, each coefficient's error counted in units of its
 *       base step (so the psycho-visual weighting of the tables carries into the level choice).</li>
 * </ul>
 * λ = {@code lambda} · mean of the transmitted luma table's squared steps, in squared DCT units per
 * bit; {@link JpegOptions#lambdaScale()} multiplies it.
 */
public enum Tune {
    CLASSIC(QuantTable.Base.ANNEX_K, 0, false),
    PSNR(QuantTable.Base.FLAT, 0.1, false),
    PSNR_RGB(QuantTable.Base.FLAT_RGB, 0.1, false),
    VISUAL(QuantTable.Base.VISUAL, 0.1, true);

    /** Base quantization tables. */
    public final QuantTable.Base tables;
    /** λ relative to the mean squared luma step; 0 = round to nearest. */
    final double lambda;
    /** Whether coefficient errors are weighted by 1 / (Annex K step)². */
    final boolean perceptual;

    Tune(QuantTable.Base tables, double lambda, boolean perceptual) {
        this.tables = tables;
        this.lambda = lambda;
        this.perceptual = perceptual;
    }

    /** Whether levels are chosen by rate-distortion optimization. */
    public boolean rdo() {
        return lambda > 0;
    }

    /** Parses "visual", "psnr", "psnr-rgb" or "classic" (any case). */
    public static Tune parse(String s) {
        for (Tune t : values()) {
            if (t.toString().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tune must be visual, psnr, psnr-rgb or classic, got " + DefenseParams.quote(s));
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
