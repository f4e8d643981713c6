package dev.sieve.nn;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a network's convolutions are <em>aligned</em>: ungrouped, with at most 8 or a multiple of 8 input channels.
 * On this project's family-26 CPUs oneDNN's AVX kernels compute those right and others wrong
 * ({@link ConvolutionSelfCheck}; grouped convolutions were not checked), so a process whose networks are aligned may run them ({@link NnRuntime#useAlignedKernels}).
 */
public final class ConvolutionAlignment {
    private ConvolutionAlignment() {
    }

    /** Whether {@code inChannels} input channels are aligned (at most 8, or a multiple of 8). */
    public static boolean aligned(long inChannels) {
        return inChannels <= 8 || inChannels % 8 == 0;
    }

    /**
     * Whether every convolution of a not yet initialized network, fed an image of at most 8 channels (Sieve's data
     * sets have 1 or 3), will be aligned: ungrouped, and every one reads either the input or the output of
     * another convolution (true of the sequential and residual networks of the zoo, which never concatenate
     * channels), so aligned filter counts suffice. {@link #firstUnaligned} checks the initialized network.
     */
    public static boolean planned(Block network) {
        for (Convolution c : convolutions(network)) {
            if (c.getGroups() != 1 || !aligned(c.getFilters())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first convolution of an initialized network that is grouped (not checked by {@link ConvolutionSelfCheck}) or
     * whose input channels are not aligned, described; empty when there is none.
     */
    public static Optional<String> firstUnaligned(Block network) {
        for (Convolution c : convolutions(network)) {
            if (c.getGroups() != 1) {
                return Optional.of("a grouped convolution (" + c.getGroups() + " groups, not checked)");
            }
            for (Parameter p : c.getParameters().values()) {
                if (p.getType() == Parameter.Type.WEIGHT && p.isInitialized()) {
                    long perGroup = p.getArray().getShape().get(1);
                    if (!aligned(perGroup)) {
                        return Optional.of("a convolution with " + perGroup + " input channels (" + p.getName() + ")");
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static List<Convolution> convolutions(Block network) {
        List<Convolution> out = new ArrayList<>();
        collect(network, out);
        return out;
    }

    private static void collect(Block b, List<Convolution> out) {
        if (b instanceof Convolution c) {
            out.add(c);
        }
        for (Block child : b.getChildren().values()) {
            collect(child, out);
        }
    }
}
