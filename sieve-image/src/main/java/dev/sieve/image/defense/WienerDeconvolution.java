package dev.sieve.image.defense;

import dev.sieve.image.Planar;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_2D;

/**
 * Pipeline stage {@code deconv}: Wiener deconvolution with a Laplacian regularizer (thesis Table
 * 4.11's "Deconv"), as scikit-image's {@code restoration.wiener}: per channel on [0, 1] samples,
 * <pre>  X = conj(H) / (|H|² + balance·|L|²) · Y</pre>
 * in the 2-D DFT domain (periodic boundary), H the transfer function of a normalized Gaussian point
 * spread function (standard deviation {@code sigma} pixels, (2⌈3σ⌉+1)² taps, centred), L that of the
 * discrete Laplacian; the result is clipped to [0, 1]. Parameters: {@code sigma=1}, {@code balance=0.1}.
 */
public final class WienerDeconvolution implements Defense {
    private final double sigma;
    private final double balance;
    private final Map<Long, double[]> filters = new ConcurrentHashMap<>();

    public WienerDeconvolution(double sigma, double balance) {
        if (!(sigma > 0 && sigma <= 50)) {
            throw new IllegalArgumentException("deconv sigma must be in (0, 50] pixels, got " + sigma);
        }
        if (!(balance > 0 && balance <= 1e6)) {
            throw new IllegalArgumentException("deconv balance must be positive, got " + balance);
        }
        this.sigma = sigma;
        this.balance = balance;
    }

    static WienerDeconvolution fromParams(DefenseParams p) {
        p.allow("sigma", "balance");
        try {
            return new WienerDeconvolution(p.number("sigma", 1), p.number("balance", 0.1));
        } catch (IllegalArgumentException e) {
            throw p.invalid(e);
        }
    }

    /** The Gaussian point spread function, normalized to sum 1, side 2⌈3σ⌉+1, row-major. */
    double[] psf() {
        int r = (int) Math.ceil(3 * sigma), side = 2 * r + 1;
        double[] k = new double[side * side];
        double sum = 0;
        for (int y = -r; y <= r; y++) {
            for (int x = -r; x <= r; x++) {
                double v = Math.exp(-(x * x + y * y) / (2 * sigma * sigma));
                k[(y + r) * side + x + r] = v;
                sum += v;
            }
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * The DFT (interleaved re, im, h × 2w) of a square kernel of odd side placed with its centre on
     * pixel (0, 0), wrapping around (scikit-image's {@code ir2tf}).
     */
    private static double[] transfer(double[] kernel, int w, int h) {
        int side = (int) Math.round(Math.sqrt(kernel.length)), r = side / 2;
        double[] a = new double[h * 2 * w];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int yy = Math.floorMod(y - r, h), xx = Math.floorMod(x - r, w);
                a[yy * 2 * w + 2 * xx] += kernel[y * side + x];
            }
        }
        new DoubleFFT_2D(h, w).complexForward(a);
        return a;
    }

    /** The filter conj(H) / (|H|² + balance·|L|²) for an image of w × h, interleaved (re, im), computed once per size. */
    private double[] filter(int w, int h) {
        return filters.computeIfAbsent(((long) w << 32) | h, k -> {
            double[] hf = transfer(psf(), w, h);
            double[] lf = transfer(new double[] {0, -1, 0, -1, 4, -1, 0, -1, 0}, w, h);
            double[] g = new double[h * 2 * w];
            for (int i = 0; i < w * h; i++) {
                double hr = hf[2 * i], hi = hf[2 * i + 1];
                double lr = lf[2 * i], li = lf[2 * i + 1];
                double denom = hr * hr + hi * hi + balance * (lr * lr + li * li);
                g[2 * i] = hr / denom;
                g[2 * i + 1] = -hi / denom;
            }
            return g;
        });
    }

    @Override
    public Planar apply(Planar img, long seed) {
        int w = img.width(), h = img.height();
        double[] g = filter(w, h);
        DoubleFFT_2D fft = new DoubleFFT_2D(h, w);
        float[][] out = new float[img.channels()][];
        for (int c = 0; c < out.length; c++) {
            float[] s = img.plane(c);
            double[] a = new double[h * 2 * w];
            for (int i = 0; i < w * h; i++) {
                a[2 * i] = s[i] / 255.0;
            }
            fft.complexForward(a);
            for (int i = 0; i < w * h; i++) {
                double gr = g[2 * i], gi = g[2 * i + 1];
                double yr = a[2 * i], yi = a[2 * i + 1];
                a[2 * i] = gr * yr - gi * yi;
                a[2 * i + 1] = gr * yi + gi * yr;
            }
            fft.complexInverse(a, true);
            out[c] = new float[w * h];
            for (int i = 0; i < w * h; i++) {
                out[c][i] = (float) (Math.max(0, Math.min(1, a[2 * i])) * 255);
            }
        }
        return new Planar(w, h, out);
    }

    @Override
    public boolean randomized() {
        return false;
    }

    @Override
    public String spec() {
        return "deconv:sigma=" + sigma + ",balance=" + balance;
    }
}
