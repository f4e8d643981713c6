package dev.sieve.nn;

import dev.sieve.nn.model.Architectures;
import dev.sieve.nn.model.SieveModel;
import java.util.Arrays;
import java.util.List;

/**
 * Run in a child JVM by {@link IsaProbeTest}: raises oneDNN's cap for aligned networks (c3-32), prints whether it
 * did, the kernels and the logits of a seeded c3-32, then tries a c3-12 (unaligned) and prints its refusal.
 */
public final class AlignedKernelsProbe {
    private AlignedKernelsProbe() {
    }

    public static void main(String[] args) {
        System.out.println("RAISED " + Architectures.useAlignedKernels(List.of("c3-32")));
        try (SieveModel m = ConvolutionFallbackProbe.model("c3-32")) {
            float[] z = m.logits(ConvolutionFallbackProbe.input(), 2);
            System.out.println("KERNELS " + NnRuntime.convolutionKernels());
            System.out.println("LOGITS " + Arrays.toString(z));
        }
        try (SieveModel m = ConvolutionFallbackProbe.model("c3-12")) {
            System.out.println("BUILT c3-12");
        } catch (IllegalStateException e) {
            System.out.println("REFUSED " + e.getMessage());
        }
    }
}
