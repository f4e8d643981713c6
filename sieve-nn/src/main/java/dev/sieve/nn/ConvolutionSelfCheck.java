package dev.sieve.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;

/**
 * Checks once per process that libtorch computes 3×3 convolutions (padding 1) and both their
 * gradients correctly, against the exact sums evaluated in Java: output {@code y = conv(x, w)},
 * {@code ∂(Σ r·y)/∂x = conv_transpose(r, w)} and {@code ∂(Σ r·y)/∂w = corr(r, x)}.
 *
 * <p>On some of this project's virtual machines (AMD EPYC, family 26) oneDNN's JIT kernels are wrong for
 * many shapes: at AVX-512 and AVX2 for about half of a 585-shape sweep, at AVX for every input channel count above 8
 * that is not a multiple of 8 (the padded channel block is read as garbage, sometimes NaN); at SSE4.1
 * a sweep of 585 shapes (batch 1–32, 1–64 channels, 5–16 pixels, 1 and 2 threads) found none. The
 * checked shapes fail at AVX-512, AVX2 and AVX there; on family 25 all pass. {@link IsaProbe} runs this
 * check per ISA to choose oneDNN's cap; a failure is an {@link IllegalStateException} naming the shape
 * and the fix, and {@link NnRuntime} then falls back to libtorch's own kernels.
 *
 * <p>There, AVX kernels are wrong only for convolutions whose input channels are above 8 and not a
 * multiple of 8 (all 431 aligned shapes of a 450-shape sweep exact, 1 and 2 threads, 1×1 and 3×3 kernels,
 * strides 1 and 2); AVX2 and AVX-512 fail at random for every channel count. {@link #runAligned} checks only aligned shapes
 * ({@link ConvolutionAlignment}), which is what a process whose networks have no other ones needs.
 */
final class ConvolutionSelfCheck {
    /**
     * {N, C, O, H, W, K, S, G} (batch, input channels, filters, height, width, K×K kernel, stride, groups; padding K/2)
     * of convolutions with aligned input channels per group: plain ones, the MS-ROI head's (8 channels per group,
     * one filter each) and a depthwise one.
     */
    private static final int[][] ALIGNED = {{2, 2, 4, 5, 5, 3, 1, 1}, {4, 8, 8, 8, 8, 3, 1, 1}, {2, 1, 4, 8, 8, 3, 1, 1},
        {2, 16, 10, 7, 7, 3, 1, 1}, {3, 32, 16, 8, 8, 3, 2, 1}, {2, 16, 32, 8, 8, 1, 2, 1}, {2, 3, 8, 9, 9, 3, 1, 1},
        {2, 24, 3, 5, 5, 1, 1, 3}, {2, 16, 16, 6, 6, 3, 1, 16}};
    /** Shapes with unaligned input channels (12, 14). */
    private static final int[][] UNALIGNED = {{2, 12, 5, 8, 8, 3, 1, 1}, {2, 14, 4, 5, 5, 3, 1, 1}};

    private ConvolutionSelfCheck() {
    }

    /** Checks every shape; an {@link IllegalStateException} names the first wrong value. */
    static void run(Engine engine) {
        runAligned(engine);
        for (int[] s : UNALIGNED) {
            check(engine, s);
        }
    }

    /** Checks the shapes whose input channels are aligned ({@link ConvolutionAlignment#aligned}). */
    static void runAligned(Engine engine) {
        for (int[] s : ALIGNED) {
            check(engine, s);
        }
    }

    private static void check(Engine engine, int[] s) {
        int n = s[0], c = s[1], o = s[2], h = s[3], w = s[4], kk = s[5], stride = s[6], groups = s[7], pad = kk / 2;
        int oh = (h + 2 * pad - kk) / stride + 1, ow = (w + 2 * pad - kk) / stride + 1, cg = c / groups, og = o / groups;
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = values(rnd, n * c * h * w), k = values(rnd, o * cg * kk * kk), r = values(rnd, n * o * oh * ow);
        float[] y = new float[r.length], gx = new float[x.length], gk = new float[k.length];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        int oi = ((b * o + f) * oh + yy) * ow + xx;
                        double sum = 0;
                        for (int cc = 0; cc < cg; cc++) {
                            int ch = f / og * cg + cc;
                            for (int dy = 0; dy < kk; dy++) {
                                for (int dx = 0; dx < kk; dx++) {
                                    int sy = yy * stride + dy - pad, sx = xx * stride + dx - pad;
                                    if (sy >= 0 && sx >= 0 && sy < h && sx < w) {
                                        int xi = ((b * c + ch) * h + sy) * w + sx, ki = ((f * cg + cc) * kk + dy) * kk + dx;
                                        sum += x[xi] * k[ki];
                                        gx[xi] += r[oi] * k[ki];
                                        gk[ki] += r[oi] * x[xi];
                                    }
                                }
                            }
                        }
                        y[oi] = (float) sum;
                    }
                }
            }
        }
        for (int repeat = 0; repeat < 2; repeat++) {
            try (NDManager m = engine.newBaseManager(); GradientCollector gc = engine.newGradientCollector()) {
                NDArray xa = m.create(x, new Shape(n, c, h, w));
                NDArray ka = m.create(k, new Shape(o, cg, kk, kk));
                xa.setRequiresGradient(true);
                ka.setRequiresGradient(true);
                NDArray ya = Conv2d.conv2d(xa, ka, null, new Shape(stride, stride), new Shape(pad, pad), new Shape(1, 1), groups).singletonOrThrow();
                gc.backward(ya.mul(m.create(r, new Shape(n, o, oh, ow))).sum());
                String shape = n + "×" + c + "×" + h + "×" + w + " → " + o + " (" + kk + "×" + kk + ", stride " + stride
                        + (groups > 1 ? ", " + groups + " groups" : "") + ")";
                compare("output", shape, ya.toFloatArray(), y);
                compare("input gradient", shape, xa.getGradient().toFloatArray(), gx);
                compare("weight gradient", shape, ka.getGradient().toFloatArray(), gk);
            }
        }
    }

    private static void compare(String what, String shape, float[] got, float[] exact) {
        for (int i = 0; i < got.length; i++) {
            if (!(Math.abs(got[i] - exact[i]) <= 1e-4f * (1 + Math.abs(exact[i])))) {
                throw new IllegalStateException("libtorch computes a wrong convolution " + what + " on this CPU (" + shape
                        + ": got " + got[i] + ", exact " + exact[i] + "); run through ./sieve, which caps oneDNN at the fastest ISA"
                        + " that passes this check (ONEDNN_MAX_CPU_ISA; ./sieve doctor names it)");
            }
        }
    }

    private static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }
}
