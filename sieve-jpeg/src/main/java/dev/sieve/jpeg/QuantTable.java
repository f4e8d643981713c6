package dev.sieve.jpeg;

/**
 * JPEG quantization tables: the example tables of ITU-T T.81 Annex K.1 scaled with the IJG
 * quality formula (libjpeg {@code jpeg_quality_scaling}), so quality Q means what it means in
 * libjpeg, cjpeg and PIL:
 * <pre>
 *   S = Q &lt; 50 ? 5000 / Q : 200 − 2Q          (percent)
 *   q[k] = clamp(⌊(base[k]·S + 50) / 100⌋, 1, 255)
 * </pre>
 * Fractional Q is allowed (S is then fractional) so that size searches are not limited to
 * integer steps; integer Q gives libjpeg's tables exactly. Values are in natural (row-major) order.
 */
public final class QuantTable {
    /** Annex K Table K.1, luminance, natural order. */
    static final int[] LUMA_BASE = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99
    };

    /** Annex K Table K.2, chrominance, natural order. */
    static final int[] CHROMA_BASE = {
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99
    };

    /** Visual luma base: {@link #blend} of Table K.1 with a = 0.6. */
    static final int[] VISUAL_LUMA_BASE = blend(LUMA_BASE, 0.6);

    /** Visual chroma base: {@link #blend} of Table K.2 with a = 0.6. */
    static final int[] VISUAL_CHROMA_BASE = blend(CHROMA_BASE, 0.6);

    /** Flat base table: 16 for every frequency (PSNR-oriented; mozjpeg's {@code -tune-psnr} uses the same idea). */
    static final int[] FLAT_BASE = flat(16);

    /**
     * Flat chrominance base for 4:2:0: a subsampled chroma sample covers four pixels, so its error
     * counts about four times in RGB squared error and a finer step pays; 10 gave the highest RGB
     * PSNR at equal bytes on the measurement photos (16, 10, 7, 5 tried: +0.18 dB for 10 over 16).
     */
    static final int[] FLAT_CHROMA_420 = flat(10);

    /** The base tables that the IJG quality scaling applies to. */
    public enum Base {
        /** T.81 Annex K.1/K.2 tables (psycho-visual; what libjpeg, cjpeg and PIL use). */
        ANNEX_K,
        /** Annex K tables pulled 40 % of the way (geometrically) toward flat ({@link #VISUAL_LUMA_BASE}). */
        VISUAL,
        /**
         * 16 for every frequency and component: every coefficient error costs the same, as PSNR counts it.
         * (Tilting it linearly toward finer or coarser high frequencies by 20–60 % changed PSNR at equal
         * bytes by at most 0.03 dB on three photos, so no per-image table optimization is done.)
         */
        FLAT,
        /** As {@link #FLAT}, but 10 for 4:2:0 chroma ({@link #FLAT_CHROMA_420}), for RGB squared error. */
        FLAT_RGB
    }

    private QuantTable() {
    }

    /**
     * Geometric blend of an Annex K table with the flat table: round(16^(1−a)·K[k]^a). Measured on
     * the photo set at the size of Q50 (trellis, visual weighting): a = 1 gives the best MS-SSIM,
     * a = 0.3 the best PSNR (+1.6 dB over Annex K); a = 0.6 keeps MS-SSIM level with mozjpeg's
     * default encoder and gains about 0.8 dB PSNR over Annex K.
     */
    private static int[] blend(int[] k, double a) {
        int[] t = new int[64];
        for (int i = 0; i < 64; i++) {
            t[i] = (int) Math.round(Math.pow(16, 1 - a) * Math.pow(k[i], a));
        }
        return t;
    }

    private static int[] flat(int v) {
        int[] t = new int[64];
        java.util.Arrays.fill(t, v);
        return t;
    }

    /** IJG scale factor in percent for quality {@code q} in [1, 100]. */
    public static double scaleFactor(double q) {
        checkQuality(q);
        return q < 50 ? 5000.0 / q : 200.0 - 2.0 * q;
    }

    /** The Annex K luminance ({@code luma = true}) or chrominance table at quality {@code q}, baseline-clamped. */
    public static int[] forQuality(double q, boolean luma) {
        return forQuality(Base.ANNEX_K, q, luma);
    }

    /** The luminance or 4:4:4 chrominance table of {@code base} at quality {@code q}, baseline-clamped. */
    public static int[] forQuality(Base base, double q, boolean luma) {
        return forQuality(base, q, luma, Subsampling.S444);
    }

    /** The table of {@code base} at quality {@code q} for luma or for chroma subsampled by {@code s}, baseline-clamped. */
    public static int[] forQuality(Base base, double q, boolean luma, Subsampling s) {
        return scaled(base(base, luma, s), q);
    }

    private static int[] scaled(int[] b, double q) {
        double s = scaleFactor(q);
        int[] t = new int[64];
        for (int k = 0; k < 64; k++) {
            long v = (long) Math.floor((b[k] * s + 50.0) / 100.0);
            t[k] = (int) Math.max(1, Math.min(255, v));
        }
        return t;
    }

    /** The unscaled table of {@code base} (quality 50) for luma or chroma subsampled by {@code s}, natural order; do not modify. */
    static int[] base(Base base, boolean luma, Subsampling s) {
        return switch (base) {
            case ANNEX_K -> luma ? LUMA_BASE : CHROMA_BASE;
            case VISUAL -> luma ? VISUAL_LUMA_BASE : VISUAL_CHROMA_BASE;
            case FLAT -> FLAT_BASE;
            case FLAT_RGB -> luma || s == Subsampling.S444 ? FLAT_BASE : FLAT_CHROMA_420;
        };
    }

    /** Fails unless {@code q} is a number in [1, 100]. */
    public static void checkQuality(double q) {
        if (!(q >= 1 && q <= 100)) {
            throw new IllegalArgumentException("JPEG quality must be in 1..100, got " + q);
        }
    }
}
