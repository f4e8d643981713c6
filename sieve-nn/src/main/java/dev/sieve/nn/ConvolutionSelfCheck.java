package dev.sieve.nn;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import java.util.SplittableRandom;

/**
 * Checks once per process that libtorch computes the input gradient of a 3×3 convolution
 * correctly, against the exact formula {@code ∂(Σ r·conv(x, w))/∂x = conv_transpose(r, w)}
 * evaluated in Java. Some CPU/kernel combinations (oneDNN's AVX2 and AVX-512 paths on this
 * project's virtual machines) return wrong or NaN gradients, which silently ruins training and
 * attacks; the check turns that into one clear error naming the fix.
 */
final class ConvolutionSelfCheck {
    private static final int C = 3, O = 4, H = 7, W = 6;

    private ConvolutionSelfCheck() {
    }

    static void run(Engine engine) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = values(rnd, C * H * W), w = values(rnd, O * C * 9), r = values(rnd, O * H * W);
        float[] expected = new float[C * H * W];
        for (int o = 0; o < O; o++) {
            for (int y = 0; y < H; y++) {
                for (int xx = 0; xx < W; xx++) {
                    float g = r[(o * H + y) * W + xx];
                    for (int c = 0; c < C; c++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int sy = y + dy, sx = xx + dx;
                                if (sy >= 0 && sx >= 0 && sy < H && sx < W) {
                                    expected[(c * H + sy) * W + sx] += g * w[((o * C + c) * 3 + dy + 1) * 3 + dx + 1];
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
                NDArray xa = m.create(x, new Shape(1, C, H, W));
                NDArray wa = m.create(w, new Shape(O, C, 3, 3));
                xa.setRequiresGradient(true);
                wa.setRequiresGradient(true);
                NDArray y = Conv2d.conv2d(xa, wa, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                gc.backward(y.mul(m.create(r, new Shape(1, O, H, W))).sum());
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
