package dev.sieve.image.wavelet;

import dev.sieve.image.Planar;
import dev.sieve.image.StudioYCbCr;

/**
 * Wavelet denoising by coefficient shrinkage (thesis §4.7 and §4.8 steps (a)–(e)), reproducing
 * {@code skimage.restoration.denoise_wavelet} 0.19.3 called on the image scaled to [0, 1]:
 * <pre>
 * denoise_wavelet(img / 255.0, sigma, wavelet, mode, wavelet_levels, convert2ycbcr,
 *                 method, channel_axis=-1) * 255   # channel_axis=None for grayscale
 * </pre>
 * which is also what the author's code calls (σ = 0.04, soft, YCbCr, BayesShrink, db1). Steps:
 * <ol>
 *   <li>Samples are divided by 255 (so σ is in [0, 1] units, as in the thesis' σ = 0.04).</li>
 *   <li>With {@code ycbcr} on a colour image: convert with {@link StudioYCbCr} (scikit-image's
 *       studio-range BT.601), convert σ to each YCbCr channel ({@link StudioYCbCr#sigmaOf}), then
 *       stretch each channel to [0, 1] by its own min and max (σ divided by the same range),
 *       denoise, and undo the stretch; a constant channel is left as it is.</li>
 *   <li>Per channel: {@code levels} (default {@code max(dwtn_max_level − 3, 1)}) of {@link Dwt2};
 *       σ, when not given, estimated from the finest {@code dd} band ({@link NoiseEstimate});
 *       every detail band shrunk by the rule's threshold ({@link Shrinkage}, {@link ThresholdMode});
 *       the approximation kept; inverse transform cropped to the channel's size.</li>
 *   <li>Back to RGB and ×255. The result is not clamped (PNG writing rounds and clamps).</li>
 * </ol>
 * Per-sample loops and transform levels run in parallel on large images; the result does not
 * depend on the thread count.
 */
public final class WaveletDenoiser {
    /**
     * Denoising parameters.
     *
     * @param wavelet   the wavelet (thesis: db1)
     * @param shrinkage the threshold rule (thesis: BayesShrink)
     * @param mode      soft or hard thresholding (thesis: soft)
     * @param sigma     noise standard deviation in [0, 1] units; {@code NaN} estimates it per channel
     * @param levels    decomposition levels, 0 for scikit-image's default {@code max(max_level − 3, 1)}
     * @param ycbcr     denoise colour images in YCbCr (thesis §4.8 (a))
     */
    public record Options(Wavelet wavelet, Shrinkage shrinkage, ThresholdMode mode, double sigma, int levels, boolean ycbcr) {
        public Options {
            if (!Double.isNaN(sigma) && !(sigma >= 0 && sigma < 1e6)) {
                throw new IllegalArgumentException("sigma must be a non-negative number, got " + sigma);
            }
            if (levels < 0) {
                throw new IllegalArgumentException("wavelet levels must be at least 1 (0 = default), got " + levels);
            }
        }

        /** The thesis' setting (Tables 4.1, 4.7): db1, BayesShrink, soft, σ = 0.04, default levels, YCbCr. */
        public static Options thesis() {
            return new Options(Wavelet.named("db1"), new BayesShrink(), ThresholdMode.SOFT, 0.04, 0, true);
        }
    }

    private final Options options;

    public WaveletDenoiser(Options options) {
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Denoises {@code img} (samples in [0, 255]); returns a new image. */
    public Planar denoise(Planar img) {
        int w = img.width(), h = img.height(), nc = img.channels();
        int n = w * h;
        boolean ycc = options.ycbcr() && nc == 3;
        double[][] ch = new double[nc][n];
        Chunks.forEach(n, (from, to) -> {
            for (int c = 0; c < nc; c++) {
                float[] p = img.plane(c);
                double[] d = ch[c];
                for (int i = from; i < to; i++) {
                    d[i] = p[i] / 255.0;
                }
            }
            if (ycc) {
                StudioYCbCr.fromRgbInPlace(ch[0], ch[1], ch[2], from, to);
            }
        });
        double sigma = options.sigma();
        for (int c = 0; c < nc; c++) {
            double[] x = ch[c];
            ch[c] = ycc ? denoiseStretched(x, w, h, Double.isNaN(sigma) ? Double.NaN : StudioYCbCr.sigmaOf(c, sigma))
                    : denoiseChannel(x, w, h, sigma);
        }
        float[][] planes = new float[nc][n];
        Chunks.forEach(n, (from, to) -> {
            if (ycc) {
                StudioYCbCr.toRgbInPlace(ch[0], ch[1], ch[2], from, to);
            }
            for (int c = 0; c < nc; c++) {
                double[] d = ch[c];
                float[] p = planes[c];
                for (int i = from; i < to; i++) {
                    p[i] = (float) (d[i] * 255.0);
                }
            }
        });
        return new Planar(w, h, planes);
    }

    /** scikit-image's YCbCr branch for one channel: stretch to [0, 1] (in place), denoise, unstretch. */
    private double[] denoiseStretched(double[] x, int w, int h, double sigma) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double lo = min, scale = max - min;
        if (scale == 0) {
            return x;
        }
        Chunks.forEach(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                x[i] = (x[i] - lo) / scale;
            }
        });
        double[] d = denoiseChannel(x, w, h, sigma / scale);
        Chunks.forEach(d.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                d[i] = d[i] * scale + lo;
            }
        });
        return d;
    }

    /**
     * scikit-image's {@code _wavelet_threshold} of one {@code w × h} channel with noise σ
     * ({@code NaN}: estimate it); returns a new array.
     */
    public double[] denoiseChannel(double[] x, int w, int h, double sigma) {
        Wavelet wl = options.wavelet();
        int levels = options.levels() > 0 ? options.levels() : defaultLevels(wl, w, h);
        Dwt2.Coefficients c = Dwt2.forward(x, w, h, wl, levels);
        double s = Double.isNaN(sigma) ? NoiseEstimate.fromDiagonal(c.finest().dd()) : sigma;
        int n = w * h;
        for (Dwt2.Level lv : c.levels()) {
            for (double[] band : lv.bands()) {
                options.mode().apply(band, options.shrinkage().threshold(band, s, n));
            }
        }
        return Dwt2.inverse(c, w, h);
    }

    /** scikit-image's default number of levels: {@code max(dwtn_max_level(shape, wavelet) − 3, 1)}. */
    public static int defaultLevels(Wavelet wl, int w, int h) {
        return Math.max(wl.maxLevel(w, h) - 3, 1);
    }
}
