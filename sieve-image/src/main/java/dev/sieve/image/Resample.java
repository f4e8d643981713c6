package dev.sieve.image;

/**
 * Separable resizing of float planes, with pixel centres aligned (the image's outer edges map to
 * each other, so a map of any aspect ratio covers the whole image). Enlarging is bilinear;
 * shrinking averages the covered source area exactly (box filter with fractional edges), so no
 * aliasing. Each axis is handled independently.
 */
public final class Resample {
    private Resample() {
    }

    /** Resizes a {@code sw × sh} row-major plane to {@code dw × dh}. */
    public static float[] resize(float[] src, int sw, int sh, int dw, int dh) {
        if (sw == dw && sh == dh) {
            return src.clone();
        }
        Kernel kx = Kernel.of(sw, dw), ky = Kernel.of(sh, dh);
        float[] tmp = new float[dw * sh];
        for (int y = 0; y < sh; y++) {
            kx.apply(src, y * sw, 1, tmp, y * dw, 1);
        }
        float[] dst = new float[dw * dh];
        for (int y = 0; y < dh; y++) {
            ky.applyRows(tmp, dw, y, dst);
        }
        return dst;
    }

    /** Resizes every channel of {@code img}. */
    public static Planar resize(Planar img, int dw, int dh) {
        float[][] p = new float[img.channels()][];
        for (int c = 0; c < p.length; c++) {
            p[c] = resize(img.plane(c), img.width(), img.height(), dw, dh);
        }
        return new Planar(dw, dh, p);
    }

    /** Per-output-sample source indices and weights along one axis. */
    private record Kernel(int[] start, float[][] weights) {
        static Kernel of(int n, int m) {
            int[] start = new int[m];
            float[][] w = new float[m][];
            double scale = (double) n / m;
            for (int i = 0; i < m; i++) {
                if (m > n) {
                    double s = (i + 0.5) * scale - 0.5;
                    int i0 = (int) Math.floor(s);
                    double f = s - i0;
                    int a = Math.max(0, Math.min(n - 1, i0));
                    int b = Math.max(0, Math.min(n - 1, i0 + 1));
                    start[i] = a;
                    w[i] = b == a ? new float[] {1f} : new float[] {(float) (1 - f), (float) f};
                } else {
                    double lo = i * scale, hi = (i + 1) * scale;
                    int a = (int) Math.floor(lo);
                    int b = Math.min(n - 1, (int) Math.ceil(hi) - 1);
                    start[i] = a;
                    w[i] = new float[b - a + 1];
                    for (int k = a; k <= b; k++) {
                        double cover = Math.min(hi, k + 1) - Math.max(lo, k);
                        w[i][k - a] = (float) (cover / scale);
                    }
                }
            }
            return new Kernel(start, w);
        }

        void apply(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
            for (int i = 0; i < start.length; i++) {
                float[] wi = weights[i];
                int s = srcOff + start[i] * srcStride;
                float acc = 0f;
                for (float v : wi) {
                    acc += v * src[s];
                    s += srcStride;
                }
                dst[dstOff + i * dstStride] = acc;
            }
        }

        /**
         * Output row {@code i} of a vertical pass over rows of width {@code w}: the same sums as
         * {@link #apply} down each column, in the same order, row by row so memory is read in sequence.
         */
        void applyRows(float[] src, int w, int i, float[] dst) {
            float[] wi = weights[i];
            int o = i * w;
            for (int k = 0; k < wi.length; k++) {
                float v = wi[k];
                int s = (start[i] + k) * w;
                if (k == 0) {
                    for (int x = 0; x < w; x++) {
                        dst[o + x] = 0f + v * src[s + x];
                    }
                } else {
                    for (int x = 0; x < w; x++) {
                        dst[o + x] += v * src[s + x];
                    }
                }
            }
        }
    }
}
