package dev.sieve.nn;

import dev.sieve.nn.data.Normalization;
import dev.sieve.nn.model.InputSpec;
import dev.sieve.nn.model.ModelInfo;
import dev.sieve.nn.model.SieveModel;
import java.util.Arrays;
import java.util.List;

/** Run in a child JVM by {@link ConvolutionFallbackTest}: prints the convolution kernels and the logits of {@link #model()}. */
public final class ConvolutionFallbackProbe {
    private ConvolutionFallbackProbe() {
    }

    /** c3-12 (12-channel convolutions, wrong under oneDNN's AVX kernels on this project's CPUs), seeded. */
    static SieveModel model() {
        return model("c3-12");
    }

    /** {@code arch} on one-channel 16×16 input, 3 classes, seeded. */
    static SieveModel model(String arch) {
        InputSpec in = new InputSpec(1, 16, 16, new Normalization(new float[] {0.5f}, new float[] {0.25f}));
        return SieveModel.create(new ModelInfo(arch, List.of("a", "b", "c"), in, ""), 3);
    }

    /** Two deterministic 16×16 images, raw values 0..255. */
    static float[] input() {
        float[] x = new float[2 * 256];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 % 251);
        }
        return x;
    }

    /** The logits in the output of {@link #main}. */
    static float[] logits(String output) {
        String line = output.lines().filter(l -> l.startsWith("LOGITS ")).findFirst().orElseThrow();
        String[] parts = line.substring(7).replace("[", "").replace("]", "").split(",\\s*");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    public static void main(String[] args) {
        try (SieveModel m = model()) {
            float[] z = m.logits(input(), 2);
            System.out.println("KERNELS " + NnRuntime.convolutionKernels());
            System.out.println("LOGITS " + Arrays.toString(z));
        }
    }
}
