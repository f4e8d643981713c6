package dev.sieve.image.wavelet;

/**
 * Two-dimensional, multi-level discrete wavelet transform with PyWavelets' {@code symmetric}
 * signal extension, equal to {@code pywt.wavedecn(x, wavelet, mode='symmetric', level=L)} and
 * {@code pywt.waverecn} (thesis §4.7, §4.8 (b) and (d)).
 *
 * <p>Conventions, all PyWavelets':
 * <ul>
 *   <li>Arrays are row-major {@code height × width}; axis 0 is the row index (y), axis 1 the column
 *       index (x). Each level filters along axis 0 first, then axis 1.</li>
 *   <li>One level of {@code n} samples gives {@code floor((n + F − 1) / 2)} coefficients:
 *       {@code out[o] = Σ_j f[j] · x[2o + 1 − j]}, with {@code x} extended by half-sample symmetry
 *       ({@code … x1 x0 | x0 x1 … x(n−1) | x(n−1) x(n−2) …}, repeated when the filter is longer than
 *       the signal).</li>
 *   <li>Sub-bands are named by PyWavelets' {@code wavedecn} keys: first letter axis 0, second axis 1,
 *       {@code a} = low-pass, {@code d} = high-pass. {@code da} is {@code wavedec2}'s cH,
 *       {@code ad} its cV, {@code dd} its cD.</li>
 *   <li>The inverse of a level of {@code n} coefficients gives {@code 2n − F + 2} samples, which can
 *       be one more than the level's input had; as in {@code waverecn}, an approximation one sample
 *       too long is cropped to the next level's detail size, and {@link #inverse} crops the result
 *       to the size asked for (as scikit-image's {@code denoise_wavelet} does).</li>
 * </ul>
 * Two-tap filters (haar/db1, the thesis' wavelet) take a fused single-pass path ({@link HaarLevel})
 * that performs the same floating-point operations as the separable one.
 * Perfect reconstruction holds to rounding (about 1e-15 relative) for these orthogonal wavelets.
 */
public final class Dwt2 {
    private static final int MAX_LEVELS = 30;

    private Dwt2() {
    }

    /** Detail sub-bands of one level, each {@code width × height}, row-major. */
    public record Level(int width, int height, double[] da, double[] ad, double[] dd) {
        /** The three sub-bands in the order {@code da, ad, dd}. */
        public double[][] bands() {
            return new double[][] {da, ad, dd};
        }
    }

    /**
     * A multi-level decomposition: the coarsest approximation ({@code approxWidth × approxHeight})
     * and the detail levels, coarsest first (PyWavelets' {@code coeffs[1:]} order).
     */
    public record Coefficients(Wavelet wavelet, double[] approx, int approxWidth, int approxHeight, Level[] levels) {
        /** The finest level's details (the last of {@link #levels}). */
        public Level finest() {
            return levels[levels.length - 1];
        }
    }

    /** Decomposes the {@code width × height} array {@code x} into {@code levels} levels (0 returns a copy). */
    public static Coefficients forward(double[] x, int width, int height, Wavelet wavelet, int levels) {
        if (width <= 0 || height <= 0 || x.length != width * height) {
            throw new IllegalArgumentException("array of " + x.length + " values is not " + width + "x" + height);
        }
        if (levels < 0 || levels > MAX_LEVELS) {
            throw new IllegalArgumentException("wavelet levels must be in 0.." + MAX_LEVELS + ", got " + levels);
        }
        Level[] out = new Level[levels];
        double[] a = x;
        int w = width, h = height;
        for (int l = levels - 1; l >= 0; l--) {
            int ow = wavelet.coefficientLength(w), oh = wavelet.coefficientLength(h);
            double[] aa = new double[oh * ow], ad = new double[oh * ow];
            double[] da = new double[oh * ow], dd = new double[oh * ow];
            if (wavelet.length() == 2) {
                HaarLevel.analyze(a, w, h, wavelet.decLoView(), wavelet.decHiView(), aa, ad, da, dd);
            } else {
                double[] lo = new double[oh * w], hi = new double[oh * w];
                analyzeColumns(a, w, h, wavelet, lo, hi, oh);
                analyzeRows(lo, w, oh, wavelet, aa, ad, ow);
                analyzeRows(hi, w, oh, wavelet, da, dd, ow);
            }
            out[l] = new Level(ow, oh, da, ad, dd);
            a = aa;
            w = ow;
            h = oh;
        }
        return new Coefficients(wavelet, a == x ? x.clone() : a, w, h, out);
    }

    /** Reconstructs from {@code c} and crops to {@code width × height} (the size that was decomposed). */
    public static double[] inverse(Coefficients c, int width, int height) {
        Wavelet wl = c.wavelet();
        double[] a = c.approx();
        int w = c.approxWidth(), h = c.approxHeight();
        for (Level lv : c.levels()) {
            if (w != lv.width() || h != lv.height()) {
                if (w - lv.width() > 1 || h - lv.height() > 1 || w < lv.width() || h < lv.height()) {
                    throw new IllegalArgumentException("incompatible coefficient array sizes");
                }
                a = crop(a, w, lv.width(), lv.height());
                w = lv.width();
                h = lv.height();
            }
            int ow = 2 * w - wl.length() + 2, oh = 2 * h - wl.length() + 2;
            if (ow <= 0 || oh <= 0) {
                throw new IllegalArgumentException("coefficients too short for " + wl.name());
            }
            double[] rec = new double[oh * ow];
            if (wl.length() == 2) {
                HaarLevel.synthesize(a, lv.ad(), lv.da(), lv.dd(), w, h, wl.recLoView(), wl.recHiView(), rec);
            } else {
                double[] lo = new double[h * ow], hi = new double[h * ow];
                synthesizeRows(a, lv.ad(), w, h, wl, lo, ow);
                synthesizeRows(lv.da(), lv.dd(), w, h, wl, hi, ow);
                synthesizeColumns(lo, hi, ow, h, wl, rec, oh);
            }
            a = rec;
            w = ow;
            h = oh;
        }
        if (width > w || height > h) {
            throw new IllegalArgumentException("asked for " + width + "x" + height + " but coefficients give " + w + "x" + h);
        }
        return w == width && h == height ? (a == c.approx() ? a.clone() : a) : crop(a, w, width, height);
    }

    private static double[] crop(double[] a, int w, int nw, int nh) {
        double[] out = new double[nw * nh];
        for (int y = 0; y < nh; y++) {
            System.arraycopy(a, y * w, out, y * nw, nw);
        }
        return out;
    }

    /** Index of extended sample {@code k} of an {@code n}-sample signal under half-sample symmetry. */
    static int symmetric(int k, int n) {
        int period = 2 * n;
        int m = k % period;
        if (m < 0) {
            m += period;
        }
        return m < n ? m : period - 1 - m;
    }

    /** One level along axis 0: {@code lo}/{@code hi} get {@code oh × w} values. */
    private static void analyzeColumns(double[] src, int w, int h, Wavelet wl, double[] lo, double[] hi, int oh) {
        double[] fl = wl.decLoView(), fh = wl.decHiView();
        int f = fl.length;
        for (int o = 0; o < oh; o++) {
            int base = o * w;
            for (int j = 0; j < f; j++) {
                int row = symmetric(2 * o + 1 - j, h) * w;
                double cl = fl[j], ch = fh[j];
                for (int x = 0; x < w; x++) {
                    double v = src[row + x];
                    lo[base + x] += cl * v;
                    hi[base + x] += ch * v;
                }
            }
        }
    }

    /** One level along axis 1 of each of {@code h} rows of width {@code w}: outputs {@code ow} per row. */
    private static void analyzeRows(double[] src, int w, int h, Wavelet wl, double[] lo, double[] hi, int ow) {
        double[] fl = wl.decLoView(), fh = wl.decHiView();
        int f = fl.length, pad = f - 1;
        double[] ext = new double[w + 2 * pad];
        for (int y = 0; y < h; y++) {
            int rs = y * w;
            for (int k = 0; k < ext.length; k++) {
                int i = k - pad;
                ext[k] = src[rs + (i >= 0 && i < w ? i : symmetric(i, w))];
            }
            int os = y * ow;
            for (int o = 0; o < ow; o++) {
                int c = 2 * o + 1 + pad;
                double sl = 0, sh = 0;
                for (int j = 0; j < f; j++) {
                    double v = ext[c - j];
                    sl += fl[j] * v;
                    sh += fh[j] * v;
                }
                lo[os + o] = sl;
                hi[os + o] = sh;
            }
        }
    }

    /**
     * Inverse along axis 1: rows of {@code a} (low) and {@code d} (high), {@code n} coefficients each,
     * give rows of {@code on = 2n − F + 2} samples: {@code out[2m + p] = Σ_j rec[2j + p] · c[m + F/2 − 1 − j]}.
     */
    private static void synthesizeRows(double[] a, double[] d, int n, int h, Wavelet wl, double[] out, int on) {
        double[] rl = wl.recLoView(), rh = wl.recHiView();
        int half = rl.length / 2;
        int pairs = on / 2;
        for (int y = 0; y < h; y++) {
            int cs = y * n, os = y * on;
            for (int m = 0; m < pairs; m++) {
                int c = cs + m + half - 1;
                double ae = 0, ao = 0, de = 0, dOdd = 0;
                for (int j = 0; j < half; j++) {
                    double av = a[c - j], dv = d[c - j];
                    ae += rl[2 * j] * av;
                    ao += rl[2 * j + 1] * av;
                    de += rh[2 * j] * dv;
                    dOdd += rh[2 * j + 1] * dv;
                }
                out[os + 2 * m] = ae + de;
                out[os + 2 * m + 1] = ao + dOdd;
            }
        }
    }

    /** Inverse along axis 0: {@code h} rows of {@code lo}/{@code hi} (width {@code w}) give {@code oh} rows. */
    private static void synthesizeColumns(double[] lo, double[] hi, int w, int h, Wavelet wl, double[] out, int oh) {
        double[] rl = wl.recLoView(), rh = wl.recHiView();
        int half = rl.length / 2;
        int pairs = oh / 2;
        double[] even = new double[w], odd = new double[w];
        for (int m = 0; m < pairs; m++) {
            java.util.Arrays.fill(even, 0);
            java.util.Arrays.fill(odd, 0);
            for (int j = 0; j < half; j++) {
                int row = (m + half - 1 - j) * w;
                double le = rl[2 * j], lOdd = rl[2 * j + 1];
                for (int x = 0; x < w; x++) {
                    double v = lo[row + x];
                    even[x] += le * v;
                    odd[x] += lOdd * v;
                }
            }
            for (int j = 0; j < half; j++) {
                int row = (m + half - 1 - j) * w;
                double he = rh[2 * j], hOdd = rh[2 * j + 1];
                for (int x = 0; x < w; x++) {
                    double v = hi[row + x];
                    even[x] += he * v;
                    odd[x] += hOdd * v;
                }
            }
            System.arraycopy(even, 0, out, 2 * m * w, w);
            System.arraycopy(odd, 0, out, (2 * m + 1) * w, w);
        }
    }
}
