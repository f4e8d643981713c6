package dev.sieve.image;

/**
 * RGB ↔ YCbCr as scikit-image's {@code rgb2ycbcr}/{@code ycbcr2rgb} (0.19): ITU-R BT.601
 * <em>studio</em> range, RGB in [0, 1] to Y in [16, 235] and Cb, Cr in [16, 240]. This is not
 * the full-range JFIF conversion of {@link YCbCr}; it exists so that wavelet denoising in YCbCr
 * reproduces {@code skimage.restoration.denoise_wavelet(..., convert2ycbcr=True)}, whose
 * per-channel rescaling and σ conversion depend on these exact coefficients.
 *
 * <pre>
 * [Y ]   [ 65.481  128.553   24.966] [R]   [ 16]
 * [Cb] = [-37.797  -74.203  112.0  ] [G] + [128]
 * [Cr]   [112.0    -93.786  -18.214] [B]   [128]
 * </pre>
 * The inverse uses NumPy's {@code linalg.inv} of that matrix, copied to full precision.
 * Computations are in double on parallel arrays; results are not clamped.
 */
public final class StudioYCbCr {
    /** scikit-image's {@code ycbcr_from_rgb}. */
    public static final double[][] FROM_RGB = {
        {65.481, 128.553, 24.966},
        {-37.797, -74.203, 112.0},
        {112.0, -93.786, -18.214}
    };

    /** scikit-image's {@code rgb_from_ycbcr = linalg.inv(ycbcr_from_rgb)}. */
    public static final double[][] TO_RGB = {
        {0.004566210045662101, 1.1808799897946412e-09, 0.006258928969943936},
        {0.004566210045662101, -0.0015363236860449021, -0.003188110949655707},
        {0.004566210045662101, 0.007910716233554741, 1.1977497040190077e-08}
    };

    private static final double[] OFFSET = {16, 128, 128};

    private StudioYCbCr() {
    }

    /** Converts R, G, B planes in [0, 1] to Y, Cb, Cr planes, in place. */
    public static void fromRgbInPlace(double[] r, double[] g, double[] b) {
        fromRgbInPlace(r, g, b, 0, r.length);
    }

    /** {@link #fromRgbInPlace(double[], double[], double[])} on samples {@code from} to {@code to} (exclusive). */
    public static void fromRgbInPlace(double[] r, double[] g, double[] b, int from, int to) {
        double[][] m = FROM_RGB;
        for (int i = from; i < to; i++) {
            double R = r[i], G = g[i], B = b[i];
            r[i] = R * m[0][0] + G * m[0][1] + B * m[0][2] + OFFSET[0];
            g[i] = R * m[1][0] + G * m[1][1] + B * m[1][2] + OFFSET[1];
            b[i] = R * m[2][0] + G * m[2][1] + B * m[2][2] + OFFSET[2];
        }
    }

    /** Converts Y, Cb, Cr planes back to R, G, B in [0, 1] (inverse of {@link #fromRgbInPlace}), in place. */
    public static void toRgbInPlace(double[] y, double[] cb, double[] cr) {
        toRgbInPlace(y, cb, cr, 0, y.length);
    }

    /** {@link #toRgbInPlace(double[], double[], double[])} on samples {@code from} to {@code to} (exclusive). */
    public static void toRgbInPlace(double[] y, double[] cb, double[] cr, int from, int to) {
        double[][] m = TO_RGB;
        for (int i = from; i < to; i++) {
            double Y = y[i] - OFFSET[0], Cb = cb[i] - OFFSET[1], Cr = cr[i] - OFFSET[2];
            y[i] = Y * m[0][0] + Cb * m[0][1] + Cr * m[0][2];
            cb[i] = Y * m[1][0] + Cb * m[1][1] + Cr * m[1][2];
            cr[i] = Y * m[2][0] + Cb * m[2][1] + Cr * m[2][2];
        }
    }

    /**
     * The noise standard deviation of channel {@code c} of the YCbCr image when R, G and B carry
     * independent noise of standard deviation {@code sigma} (scikit-image's
     * {@code _rescale_sigma_rgb2ycbcr}): {@code σ·√(Σ_k m[c][k]²)}.
     */
    public static double sigmaOf(int c, double sigma) {
        double v = 0;
        for (double a : FROM_RGB[c]) {
            v += a * a * sigma * sigma;
        }
        return Math.sqrt(v);
    }
}
