package dev.sieve.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;

/**
 * Checks once per process that libtorch computes the input gradient of 3×3 convolutions
 * correctly, against the exact formula {@code ∂(Σ r·conv(x, w))/∂x = conv_transpose(r, w)}
 * evaluated in Java. On this project's virtual machines oneDNN's AVX2 and AVX-512 kernels return
 * wrong (sometimes NaN) input gradients for some shapes, among them the two checked here; that
 * silently ruins training and attacks, so the check turns it into one clear error naming the fix.
 */
final class ConvolutionSelfCheck {
    /** {N, C, O, H, W} of the checked convolutions (both fail under AVX-512, the first under AVX2). */
    private static final int[][] SHAPES = {{2, 2, 4, 5, 5}, {4, 8, 8, 8, 8}};

    private ConvolutionSelfCheck() {
    }

    static void run(Engine engine) {
        for (int[] s : SHAPES) {
            check(engine, s[0], s[1], s[2], s[3], s[4]);
        }
    }

    private static void check(Engine engine, int n, int c, int o, int h, int w) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = values(rnd, n * c * h * w), k = values(rnd, o * c * 9), r = values(rnd, n * o * h * w);
        float[] expected = new float[x.length];
        for (int b = 0; b < n; b++) {
            for (int f = 0; f < o; f++) {
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        float g = r[((b * o + f) * h + y) * w + xx];
                        for (int ch = 0; ch < c; ch++) {
                            for (int dy = -1; dy <= 1; dy++) {
                                for (int dx = -1; dx <= 1; dx++) {
                                    int sy = y + dy, sx = xx + dx;
                                    if (sy >= 0 && sx >= 0 && sy < h && sx < w) {
                                        expected[((b * c + ch) * h + sy) * w + sx] += g * k[((f * c + ch) * 3 + dy + 1) * 3 + dx + 1];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for (int repeat = 0; repeat < 3; repeat++) {
            float[] got;
            try (NDManager m = engine.newBaseManager(); GradientCollector gc = engine.newGradientCollector()) {
                NDArray xa = m.create(x, new Shape(n, c, h, w));
                NDArray ka = m.create(k, new Shape(o, c, 3, 3));
                xa.setRequiresGradient(true);
                ka.setRequiresGradient(true);
                NDArray y = Conv2d.conv2d(xa, ka, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                gc.backward(y.mul(m.create(r, new Shape(n, o, h, w))).sum());
                got = xa.getGradient().toFloatArray();
            }
            for (int i = 0; i < got.length; i++) {
                if (!(Math.abs(got[i] - expected[i]) <= 1e-4f * (1 + Math.abs(expected[i])))) {
                    throw new IllegalStateException("libtorch computes wrong convolution gradients on this CPU (got " + got[i]
                            + ", exact " + expected[i] + "); run with the environment variable ONEDNN_MAX_CPU_ISA=AVX"
                            + " (./sieve and the Maven test setup set it)");
                }
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
