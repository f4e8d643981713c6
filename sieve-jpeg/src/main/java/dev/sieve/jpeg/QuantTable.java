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
        /** 16 for every frequency and component: every coefficient error costs the same, as PSNR counts it. */
        FLAT,
        /** As {@link #FLAT}, but 10 for 4:2:0 chroma ({@link #FLAT_CHROMA_420}), for RGB squared error. */
        FLAT_RGB
    }

    private QuantTable() {
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
