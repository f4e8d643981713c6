package dev.sieve.image.saliency;

import dev.sieve.image.GaussianBlur;
import dev.sieve.image.Planar;
import dev.sieve.image.Resample;
import dev.sieve.image.YCbCr;
import dev.sieve.image.transform.Fft;

/**
 * Model-free saliency: the spectral residual of Hou &amp; Zhang, "Saliency Detection: A Spectral
 * Residual Approach", CVPR 2007. The fallback map when no learned MS-ROI model is given.
 *
 * <p>Luma is area-resized to {@code n × n} (default 64), then
 * {@code R(f) = log|F(f)| − h₃ * log|F(f)|} (3×3 mean filter h₃),
 * {@code S = g_σ * |F⁻¹[exp(R(f) + i·phase(f))]|²}, with a Gaussian g of σ = {@code n/20} samples,
 * min–max normalised to [0, 1] and stretched back over the full image.
 */
public final class SpectralResidual {
    private final int n;

    /** Default working size 64 (the paper's). */
    public SpectralResidual() {
        this(64);
    }

    /** @param n working size, a power of two ≥ 8 */
    public SpectralResidual(int n) {
        if (n < 8 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("working size must be a power of two >= 8, got " + n);
        }
        this.n = n;
    }

    /** Saliency of {@code img} (1 or 3 channels, [0, 255]), same size as the image. */
    public SaliencyMap compute(Planar img) {
        return compute(img, img.width(), img.height());
    }

    /** Saliency of {@code img} (1 or 3 channels, [0, 255]) at {@code w × h}, stretched over the whole image. */
    public SaliencyMap compute(Planar img, int w, int h) {
        float[] small = Resample.resize(YCbCr.luma(img), img.width(), img.height(), n, n);
        int nn = n * n;
        double[] re = new double[nn], im = new double[nn];
        for (int i = 0; i < nn; i++) {
            re[i] = small[i] / 255.0;
        }
        Fft.transform2d(re, im, n, false);
        double[] logAmp = new double[nn], phase = new double[nn];
        for (int i = 0; i < nn; i++) {
            logAmp[i] = Math.log(Math.hypot(re[i], im[i]) + 1e-12);
            phase[i] = Math.atan2(im[i], re[i]);
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double s = 0;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        s += logAmp[Math.floorMod(y + dy, n) * n + Math.floorMod(x + dx, n)];
                    }
                }
                int i = y * n + x;
                double r = Math.exp(logAmp[i] - s / 9.0);
                re[i] = r * Math.cos(phase[i]);
                im[i] = r * Math.sin(phase[i]);
            }
        }
        Fft.transform2d(re, im, n, true);
        float[] sal = new float[nn];
        for (int i = 0; i < nn; i++) {
            sal[i] = (float) (re[i] * re[i] + im[i] * im[i]);
        }
        sal = GaussianBlur.apply(sal, n, n, n / 20.0);
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : sal) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        float range = hi - lo;
        for (int i = 0; i < nn; i++) {
            sal[i] = range > 0 ? (sal[i] - lo) / range : 0f;
        }
        return new SaliencyMap(n, n, sal).resizedTo(w, h);
    }
}
