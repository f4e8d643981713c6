package dev.sieve.image.metrics;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The DCT-domain error sums behind {@link PsnrHvs} and {@link PsnrHvsM}: both images are cut into
 * 8×8 blocks, each block is transformed with the orthonormal 2-D DCT-II, and the coefficient
 * differences are weighted by a contrast sensitivity function (and, for -M, first reduced by a
 * contrast-masking threshold).
 *
 * <p>CSF weights (Egiazarian et al. 2006): {@code T_uv = c / Q_uv}, the inverse of the JPEG
 * luminance quantization table Q (ITU-T T.81 Table K.1), with c chosen so the 64 weights have mean
 * square 1 ({@code c ≈ 25.735}). Masking (Ponomarenko et al. 2007): a block X has AC energy
 * {@code E_w(X) = Σ_{(u,v)≠(0,0)} X_uv² C_uv}, with {@code C_uv = (T_uv / max T)²}, the squared CSF
 * normalised to a maximum of 1; its masking strength is {@code E_m(X) = E_w(X) δ(X) / 16}, where
 * {@code δ(X) = (V(X1)+V(X2)+V(X3)+V(X4)) / (4 V(X))} compares the sample variances of its four 4×4
 * quarters with its own (δ = 0 for a flat block). With {@code E = sqrt(max(E_m(X), E_m(Xe)) / 64)}
 * over the reference and distorted blocks, each AC difference is reduced to
 * {@code max(0, |ΔX_uv| − E / C_uv)}; the DC difference is kept.
 *
 * <p>Blocks start every {@code step} pixels and lie wholly inside the image (edge rows and
 * columns that do not fill a block are ignored). {@code step} 8 (non-overlapping blocks) is VQMT's
 * convention and the default; {@code step} 1 evaluates every block position, all
 * {@code (I−7)(J−7)} of them, as Egiazarian et al. write the sum.
 */
final class HvsBlocks {
    static final int N = 8;
    /** JPEG luminance quantization table, ITU-T T.81 Table K.1, row = vertical frequency. */
    private static final int[] JPEG_LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99};
    /** CSF weights T_uv. */
    static final double[] CSF = new double[64];
    /** Masking coefficients C_uv. */
    static final double[] MASK = new double[64];
    /** Orthonormal DCT-II matrix, {@code D[k][n] = α(k) cos((2n+1)kπ/16)}, row-major. */
    private static final double[] DCT = new double[64];

    static {
        double sumInvSq = 0;
        int qMin = Integer.MAX_VALUE;
        for (int q : JPEG_LUMA) {
            sumInvSq += 1.0 / ((double) q * q);
            qMin = Math.min(qMin, q);
        }
        double c = Math.sqrt(64 / sumInvSq);
        for (int i = 0; i < 64; i++) {
            CSF[i] = c / JPEG_LUMA[i];
            double r = (double) qMin / JPEG_LUMA[i];
            MASK[i] = r * r;
        }
        for (int k = 0; k < N; k++) {
            double a = k == 0 ? Math.sqrt(1.0 / N) : Math.sqrt(2.0 / N);
            for (int n = 0; n < N; n++) {
                DCT[k * N + n] = a * Math.cos((2 * n + 1) * k * Math.PI / (2 * N));
            }
        }
    }

    /** Sums over blocks: CSF-weighted squared error, the same after masking, and the coefficient count. */
    record Sums(double hvs, double hvsm, long coefficients) {
        Sums plus(Sums o) {
            return new Sums(hvs + o.hvs, hvsm + o.hvsm, coefficients + o.coefficients);
        }
    }

    private HvsBlocks() {
    }

    /** Error sums of two {@code w × h} planes; {@code masking} false skips the -M work. */
    static Sums of(float[] ref, float[] dist, int w, int h, int step, boolean masking) {
        if (step < 1 || step > N) {
            throw new IllegalArgumentException("block step must be in 1..8, got " + step);
        }
        if (w < N || h < N) {
            throw new IllegalArgumentException("PSNR-HVS needs images of at least 8x8, got " + w + "x" + h);
        }
        int rows = (h - N) / step + 1;
        List<Sums> partial = IntStream.range(0, rows).parallel()
                .mapToObj(r -> blockRow(ref, dist, w, r * step, step, masking)).toList();
        Sums total = new Sums(0, 0, 0);
        for (Sums s : partial) {
            total = total.plus(s);
        }
        return total;
    }

    private static Sums blockRow(float[] ref, float[] dist, int w, int y0, int step, boolean masking) {
        double[] a = new double[64], b = new double[64], tmp = new double[64];
        double[] fa = new double[64], fb = new double[64], diff = new double[64];
        double hvs = 0, hvsm = 0;
        long count = 0;
        for (int x0 = 0; x0 + N <= w; x0 += step) {
            for (int y = 0; y < N; y++) {
                for (int x = 0; x < N; x++) {
                    a[y * N + x] = ref[(y0 + y) * w + x0 + x];
                    b[y * N + x] = dist[(y0 + y) * w + x0 + x];
                }
            }
            double threshold = 0;
            if (masking) {
                dct(a, fa, tmp);
                dct(b, fb, tmp);
                threshold = Math.sqrt(Math.max(maskingStrength(a, fa), maskingStrength(b, fb)) / 64);
                for (int i = 0; i < 64; i++) {
                    diff[i] = fa[i] - fb[i];
                }
            } else {
                for (int i = 0; i < 64; i++) {
                    a[i] -= b[i];
                }
                dct(a, diff, tmp); // the DCT is linear: one transform of the difference suffices
            }
            for (int i = 0; i < 64; i++) {
                double u = Math.abs(diff[i]);
                double e = u * CSF[i];
                hvs += e * e;
                if (masking) {
                    double m = i == 0 ? u : Math.max(0, u - threshold / MASK[i]);
                    double em = m * CSF[i];
                    hvsm += em * em;
                }
            }
            count += 64;
        }
        return new Sums(hvs, hvsm, count);
    }

    /** {@code E_m(X) = E_w(X) δ(X) / 16} of a block and its DCT. */
    static double maskingStrength(double[] block, double[] coefficients) {
        double ew = 0;
        for (int i = 1; i < 64; i++) {
            ew += coefficients[i] * coefficients[i] * MASK[i];
        }
        double v = sampleVariance(block, 0, 0, N);
        if (v == 0) {
            return 0;
        }
        double quarters = sampleVariance(block, 0, 0, 4) + sampleVariance(block, 4, 0, 4)
                + sampleVariance(block, 0, 4, 4) + sampleVariance(block, 4, 4, 4);
        double delta = quarters / (4 * v);
        return ew * delta / 16;
    }

    /** Sample variance (n − 1 normalisation) of the {@code size × size} square at (x0, y0) of an 8×8 block. */
    private static double sampleVariance(double[] block, int x0, int y0, int size) {
        double s = 0, ss = 0;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                s += block[y * N + x];
            }
        }
        double mean = s / (size * size);
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                double d = block[y * N + x] - mean;
                ss += d * d;
            }
        }
        return ss / (size * size - 1);
    }

    /** {@code out = D · in · Dᵀ} for an 8×8 block. */
    static void dct(double[] in, double[] out, double[] tmp) {
        for (int k = 0; k < N; k++) {
            for (int x = 0; x < N; x++) {
                double s = 0;
                for (int n = 0; n < N; n++) {
                    s += DCT[k * N + n] * in[n * N + x];
                }
                tmp[k * N + x] = s;
            }
        }
        for (int k = 0; k < N; k++) {
            for (int l = 0; l < N; l++) {
                double s = 0;
                for (int n = 0; n < N; n++) {
                    s += tmp[k * N + n] * DCT[l * N + n];
                }
                out[k * N + l] = s;
            }
        }
    }
}
