package dev.sieve.jpeg;

/**
 * An effective JPEG quality for every 8×8 luma block, realized inside one transmitted table per
 * component (the file stays a standard JPEG).
 *
 * <p>Let T be the transmitted table (quality Q_T, see {@link JpegOptions#quality()}) and E_b the
 * IJG table at the block's quality q_b ≤ Q_T ({@link QuantTable#forQuality}); c is a DCT
 * coefficient, x = c / T[k] its value in transmitted units and e = E_b[k] / T[k] ≥ 1.
 * <ul>
 *   <li>{@link Method#REQUANTIZE}: v = round(round(x / e) · e). The decoder reconstructs v·T[k],
 *       the multiple of T[k] nearest to the reconstruction round(c / E_b[k])·E_b[k] that a
 *       quality-q_b encoder would produce; error ≤ E_b[k]/2 + T[k]/2.</li>
 *   <li>{@link Method#DEAD_ZONE}: v = 0 when |x| &lt; e/2, else round(x): the coefficients that a
 *       quality-q_b encoder zeroes are zeroed, the survivors keep the fine step T[k].</li>
 * </ul>
 * Qualities above Q_T are clamped to Q_T. A chroma block takes the highest quality of the luma
 * blocks it covers (four in 4:2:0, one in 4:4:4).
 */
public final class BlockQuality {
    /** How a coarser per-block quality is realized in the transmitted table's units. */
    public enum Method {
        REQUANTIZE,
        DEAD_ZONE;

        /** Parses "dead-zone" (or "deadzone") or "requantize" (any case); the failure's message reads "must be …", for the caller to prefix with its name. */
        public static Method parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "dead-zone", "deadzone" -> DEAD_ZONE;
                case "requantize" -> REQUANTIZE;
                default -> throw new IllegalArgumentException("must be dead-zone or requantize, got " + dev.sieve.image.defense.DefenseParams.quote(s));
            };
        }
    }

    private final int blocksWide;
    private final int blocksHigh;
    private final float[] quality;
    private final Method method;

    /**
     * @param blocksWide {@code ceil(width / 8)} of the image
     * @param blocksHigh {@code ceil(height / 8)} of the image
     * @param quality IJG quality per block in [1, 100], raster order
     */
    public BlockQuality(int blocksWide, int blocksHigh, float[] quality, Method method) {
        if (quality.length != blocksWide * blocksHigh) {
            throw new IllegalArgumentException("block grid " + blocksWide + "x" + blocksHigh + " needs "
                    + blocksWide * blocksHigh + " qualities, got " + quality.length);
        }
        for (float q : quality) {
            QuantTable.checkQuality(q);
        }
        this.blocksWide = blocksWide;
        this.blocksHigh = blocksHigh;
        this.quality = quality;
        this.method = method;
    }

    public int blocksWide() {
        return blocksWide;
    }

    public int blocksHigh() {
        return blocksHigh;
    }

    public Method method() {
        return method;
    }

    /** Quality of luma block (bx, by); blocks beyond the grid (MCU padding) repeat the edge. */
    public float at(int bx, int by) {
        return quality[Math.min(by, blocksHigh - 1) * blocksWide + Math.min(bx, blocksWide - 1)];
    }

    /** Highest block quality. */
    public float max() {
        float m = 0;
        for (float q : quality) {
            m = Math.max(m, q);
        }
        return m;
    }
}
