package dev.sieve.jpeg;

/**
 * What the encoder optimizes: its quantization tables and how each block's levels are chosen.
 *
 * <ul>
 *   <li>{@link #CLASSIC}: Annex K tables, every coefficient rounded to the nearest level (libjpeg,
 *       cjpeg, PIL).</li>
 *   <li>{@link #PSNR}: flat tables and rate-distortion optimized levels ({@link Trellis}) minimizing
 *       squared error over RGB (each component's error weighted by its share of RGB squared error,
 *       see {@link Trellis#componentWeight}) plus λ·bits.</li>
 *   <li>{@link #VISUAL}: Annex K tables and rate-distortion optimized levels, each coefficient's
 *       error counted in units of its Annex K step (so the psycho-visual weighting of the tables
 *       carries into the level choice).</li>
 * </ul>
 * λ = {@code lambda} · mean of the transmitted luma table's squared steps, in squared DCT units per
 * bit; {@link JpegOptions#lambdaScale()} multiplies it.
 */
public enum Tune {
    CLASSIC(QuantTable.Base.ANNEX_K, 0, false),
    PSNR(QuantTable.Base.FLAT, 0.1, false),
    VISUAL(QuantTable.Base.ANNEX_K, 0.1, true);

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

    /** Parses "classic", "psnr" or "visual" (any case). */
    public static Tune parse(String s) {
        for (Tune t : values()) {
            if (t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("tune must be visual, psnr or classic, got " + s);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
