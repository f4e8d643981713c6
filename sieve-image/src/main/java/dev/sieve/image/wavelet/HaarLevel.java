package dev.sieve.image.wavelet;

import java.util.stream.IntStream;

/**
 * One 2-D level of a two-tap wavelet (haar = db1) in a single pass over 2×2 blocks, for
 * {@link Dwt2}. It performs exactly the multiplications and additions of {@link Dwt2}'s separable
 * path (axis 0, then axis 1), in the same order, so results are identical (up to the sign of a
 * zero); it only avoids the intermediate arrays and passes. An odd last row or column is extended by symmetry (repeated).
 * Rows of blocks run in parallel; each output is written by one thread, so results do not depend
 * on scheduling.
 */
final class HaarLevel {
    private static final int PARALLEL_MIN = 1 << 18;

    private HaarLevel() {
    }

    /** Forward level of the {@code w × h} array {@code x} into the four {@code ceil(w/2) × ceil(h/2)} bands. */
    static void analyze(double[] x, int w, int h, double[] lo, double[] hi,
                        double[] aa, double[] ad, double[] da, double[] dd) {
        int ow = (w + 1) / 2, oh = (h + 1) / 2;
        double l0 = lo[0], l1 = lo[1], h0 = hi[0], h1 = hi[1];
        rows(oh, w * h, o -> {
            int r0 = 2 * o * w, r1 = (2 * o + 1 < h ? 2 * o + 1 : 2 * o) * w;
            int out = o * ow;
            for (int p = 0; p < ow; p++) {
                int c0 = 2 * p, c1 = 2 * p + 1 < w ? 2 * p + 1 : 2 * p;
                double a = x[r0 + c0], b = x[r0 + c1], c = x[r1 + c0], d = x[r1 + c1];
                double lA = l0 * c + l1 * a, lB = l0 * d + l1 * b;
                double hA = h0 * c + h1 * a, hB = h0 * d + h1 * b;
                aa[out + p] = l0 * lB + l1 * lA;
                ad[out + p] = h0 * lB + h1 * lA;
                da[out + p] = l0 * hB + l1 * hA;
                dd[out + p] = h0 * hB + h1 * hA;
            }
        });
    }

    /** Inverse level: four {@code w × h} bands into the {@code 2w × 2h} array {@code out}. */
    static void synthesize(double[] aa, double[] ad, double[] da, double[] dd, int w, int h,
                           double[] lo, double[] hi, double[] out) {
        double l0 = lo[0], l1 = lo[1], h0 = hi[0], h1 = hi[1];
        int ow = 2 * w;
        rows(h, 4 * w * h, m -> {
            int in = m * w, e = 2 * m * ow, od = e + ow;
            for (int q = 0; q < w; q++) {
                double vaa = aa[in + q], vad = ad[in + q], vda = da[in + q], vdd = dd[in + q];
                double a0 = l0 * vaa + h0 * vad, a1 = l1 * vaa + h1 * vad;
                double d0 = l0 * vda + h0 * vdd, d1 = l1 * vda + h1 * vdd;
                out[e + 2 * q] = l0 * a0 + h0 * d0;
                out[e + 2 * q + 1] = l0 * a1 + h0 * d1;
                out[od + 2 * q] = l1 * a0 + h1 * d0;
                out[od + 2 * q + 1] = l1 * a1 + h1 * d1;
            }
        });
    }

    private static void rows(int n, int work, java.util.function.IntConsumer body) {
        if (work < PARALLEL_MIN) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
        } else {
            IntStream.range(0, n).parallel().forEach(body);
        }
    }
}
